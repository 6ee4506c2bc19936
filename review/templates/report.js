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

  // Filtering: a text box, severity checkboxes and, with review columns, 处理状态 and
  // 新增/原有/已消除 checkboxes; department sections without a visible finding are hidden.
  // Without JS the controls stay hidden and everything is shown.
  var box = d.getElementById('filters'), q = d.getElementById('q'), count = d.getElementById('count');
  if (!box || !q) return;
  box.hidden = false;
  function checked(sel) {
    var on = {};
    each(sel, function (c) { on[c.value] = c.checked; });
    return on;
  }
  function apply() {
    var text = q.value.trim().toLowerCase(), sev = checked('.sev-filter'), st = checked('.state-filter'),
      chg = checked('.change-filter'), shown = 0, total = 0, gone = 0;
    function visible(tr, head) {
      return sev[tr.getAttribute('data-sev')] !== false &&
        (!tr.hasAttribute('data-state') || st[tr.getAttribute('data-state')] !== false) &&
        (!tr.hasAttribute('data-change') || chg[tr.getAttribute('data-change')] !== false) &&
        (!text || (head + ' ' + tr.textContent).toLowerCase().indexOf(text) >= 0);
    }
    each('section.dept', function (sec) {
      var head = sec.querySelector('h3').textContent + ' ' + sec.querySelector('.dept-meta').textContent, any = false;
      each('tr[data-sev]', function (tr) {
        var ok = visible(tr, head);
        tr.hidden = !ok;
        total++;
        if (ok) { shown++; any = true; }
      }, sec);
      sec.hidden = !any;
    });
    var cleared = d.getElementById('cleared');
    if (cleared) {
      var any = false;
      each('tr[data-sev]', function (tr) {
        var ok = visible(tr, '');
        tr.hidden = !ok;
        if (ok) { gone++; any = true; }
      }, cleared);
      cleared.hidden = !any;
    }
    each('table.reports tbody tr', function (tr) {
      tr.hidden = !!text && tr.textContent.toLowerCase().indexOf(text) < 0;
    });
    if (count) count.textContent = '显示 ' + shown + ' / ' + total + ' 条问题' + (cleared ? '，已消除 ' + gone + ' 条' : '');
  }
  q.addEventListener('input', apply);
  each('.sev-filter, .state-filter, .change-filter', function (c) { c.addEventListener('change', apply); });
  apply();
  review(apply);

  // Marking: a click on a finding's 核实 cell opens an editor of its 处理状态 and 核实意见;
  // the marks stay on the page (which never writes anywhere) until exported as a CSV that
  // "jixiao run … --review FILE.csv" reads. A page left with marks not exported asks first.
  function review(refilter) {
    var bar = d.getElementById('marking');
    if (!bar) return;
    var who = d.getElementById('reviewer'), exportBtn = d.getElementById('export'), nmarks = d.getElementById('nmarks'),
      panel = d.getElementById('export-panel'), csvBox = d.getElementById('csv'), link = d.getElementById('download'),
      nexport = d.getElementById('nexport'), marks = {}, order = [], dirty = false, states = [];
    each('.state-filter', function (c) { states.push({ v: c.value, label: c.parentNode.textContent.trim() }); });
    function label(v) {
      for (var i = 0; i < states.length; i++) if (states[i].v === v) return states[i].label;
      return v;
    }
    function today() {
      var t = new Date(), p = function (n) { return (n < 10 ? '0' : '') + n; };
      return t.getFullYear() + '-' + p(t.getMonth() + 1) + '-' + p(t.getDate());
    }
    function text(el, sel) {
      var e = el.querySelector(sel);
      return e ? e.textContent.trim() : '';
    }
    function show(td, m) {
      td.textContent = '';
      var s = d.createElement('span');
      s.className = 'st ' + (m.status ? 'st-set' : 'st-none');
      s.textContent = label(m.status);
      td.appendChild(s);
      if (m.comment) { var c = d.createElement('div'); c.className = 'cm'; c.textContent = m.comment; td.appendChild(c); }
      if (m.reviewer || m.date) { var b = d.createElement('div'); b.className = 'by'; b.textContent = m.reviewer + ' ' + m.date; td.appendChild(b); }
      if (m.marked) { var k = d.createElement('div'); k.className = 'marked'; k.textContent = '本页已标记'; td.appendChild(k); }
      td.setAttribute('data-state', m.status);
      td.setAttribute('data-sort', m.status);
      td.parentNode.setAttribute('data-state', m.status);
    }
    function current(td) {
      var key = td.getAttribute('data-key');
      if (marks[key]) return marks[key];
      return { status: td.getAttribute('data-state') || '', comment: text(td, '.cm'), reviewer: '', date: '' };
    }
    function open(td) {
      if (td.querySelector('.editor')) return;
      var m = current(td), ed = d.createElement('div'), sel = d.createElement('select'), ta = d.createElement('textarea'),
        ok = d.createElement('button'), no = d.createElement('button');
      ed.className = 'editor';
      states.forEach(function (st) {
        var o = d.createElement('option');
        o.value = st.v;
        o.textContent = st.label;
        if (st.v === m.status) o.selected = true;
        sel.appendChild(o);
      });
      sel.setAttribute('aria-label', '处理状态');
      ta.rows = 3;
      ta.placeholder = '核实意见';
      ta.value = m.comment;
      ok.type = no.type = 'button';
      ok.textContent = '保存';
      no.textContent = '取消';
      ok.className = 'save';
      ed.appendChild(sel); ed.appendChild(ta); ed.appendChild(ok); ed.appendChild(no);
      td.appendChild(ed);
      sel.focus();
      no.addEventListener('click', function (e) { e.stopPropagation(); td.removeChild(ed); });
      ok.addEventListener('click', function (e) {
        e.stopPropagation();
        save(td, sel.value, ta.value.trim());
      });
    }
    function save(td, status, comment) {
      var key = td.getAttribute('data-key'), tr = td.parentNode;
      if (!marks[key]) order.push(key);
      marks[key] = {
        key: key, id: td.getAttribute('data-id') || '', status: status, comment: comment, reviewer: who.value.trim(),
        date: today(), rule: text(tr, 'code'), message: text(tr, '.msg'), marked: true
      };
      show(td, marks[key]);
      dirty = true;
      nmarks.textContent = order.length;
      exportBtn.disabled = false;
      refilter();
    }
    function field(s) {
      s = String(s);
      return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    }
    function csv() {
      var rows = [['核实编号', '问题编号', '处理状态', '核实意见', '核实人', '核实日期', '规则', '问题说明']];
      order.forEach(function (k) {
        var m = marks[k];
        rows.push([m.key, m.id, m.status, m.comment, m.reviewer, m.date, m.rule, m.message]);
      });
      return rows.map(function (r) { return r.map(field).join(','); }).join('\r\n') + '\r\n';
    }
    each('td.rv', function (td) {
      if (!td.getAttribute('data-key')) return;
      td.tabIndex = 0;
      td.title = '点击标记处理状态和核实意见';
      td.classList.add('markable');
      td.addEventListener('click', function (e) { if (e.target === td || !td.querySelector('.editor')) open(td); });
      td.addEventListener('keydown', function (e) { if (e.key === 'Enter' && e.target === td) open(td); });
    });
    exportBtn.addEventListener('click', function () {
      var text = csv();
      csvBox.value = text;
      csvBox.textContent = text;
      nexport.textContent = order.length;
      // a data: address, not a blob: one: nothing is fetched, and nothing outlives the page
      link.href = 'data:text/csv;charset=utf-8,' + encodeURIComponent('\ufeff' + text);
      link.download = '核实标记-' + today() + '.csv';
      panel.hidden = false;
      dirty = false;
    });
    window.addEventListener('beforeunload', function (e) {
      if (dirty) { e.preventDefault(); e.returnValue = ''; }
    });
  }
})();
