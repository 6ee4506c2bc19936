(function () {
  'use strict';
  var d = document, each = function (sel, f, root) { Array.prototype.forEach.call((root || d).querySelectorAll(sel), f); };
  d.documentElement.className += ' js';

  // Sorting: click (or Enter on) a header; numbers by data-sort, text by Chinese collation.
  function key(cell) {
    var s = cell ? (cell.getAttribute('data-sort') || cell.textContent).trim() : '';
    var n = s === '' ? NaN : Number(s);
    return { s: s, n: n };
  }
  function sortBy(th) {
    var table = th.closest('table'), body = table.tBodies[0], col = th.cellIndex;
    var asc = !th.classList.contains('sorted-asc');
    each('th', function (h) { h.classList.remove('sorted-asc', 'sorted-desc'); h.removeAttribute('aria-sort'); }, table);
    th.classList.add(asc ? 'sorted-asc' : 'sorted-desc');
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    var rows = Array.prototype.map.call(body.rows, function (r, i) { return { r: r, i: i, k: key(r.cells[col]) }; });
    rows.sort(function (a, b) {
      var x = a.k, y = b.k, c;
      if (x.s === '' || y.s === '') c = (x.s === '') - (y.s === '');
      else if (!isNaN(x.n) && !isNaN(y.n)) c = asc ? x.n - y.n : y.n - x.n;
      else c = asc ? x.s.localeCompare(y.s, 'zh-CN') : y.s.localeCompare(x.s, 'zh-CN');
      return c || a.i - b.i;
    });
    rows.forEach(function (o) { body.appendChild(o.r); });
  }
  each('table.sortable thead th', function (th) {
    th.tabIndex = 0;
    th.addEventListener('click', function () { sortBy(th); });
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sortBy(th); });
  });

  // Filtering: a text box and severity checkboxes; department sections without a visible
  // finding are hidden. Without JS the controls stay hidden and everything is shown.
  var box = d.getElementById('filters'), q = d.getElementById('q'), count = d.getElementById('count');
  if (!box || !q) return;
  box.hidden = false;
  function apply() {
    var text = q.value.trim().toLowerCase(), on = {}, shown = 0, total = 0;
    each('.sev-filter', function (c) { on[c.value] = c.checked; });
    each('section.dept', function (sec) {
      var head = sec.querySelector('h3').textContent + ' ' + sec.querySelector('.dept-meta').textContent, any = false;
      each('tr[data-sev]', function (tr) {
        var ok = on[tr.getAttribute('data-sev')] !== false &&
          (!text || (head + ' ' + tr.textContent).toLowerCase().indexOf(text) >= 0);
        tr.hidden = !ok;
        total++;
        if (ok) { shown++; any = true; }
      }, sec);
      sec.hidden = !any;
    });
    each('table.reports tbody tr', function (tr) {
      tr.hidden = !!text && tr.textContent.toLowerCase().indexOf(text) < 0;
    });
    if (count) count.textContent = '显示 ' + shown + ' / ' + total + ' 条问题';
  }
  q.addEventListener('input', apply);
  each('.sev-filter', function (c) { c.addEventListener('change', apply); });
  apply();
})();
