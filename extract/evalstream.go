package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// streamReader reads the self-evaluation tables of a token stream, left to right: a title
// or a 项目名称 opens a table, a funds header its funds block, an indicator header its
// indicator rows, a 总分 its total.
type streamReader struct {
	el   *evalLexicon
	s    *stream
	toks []etok
	out  []Evaluation
	cur  *evalDraft
	// spans are the tokens [start, end) of each table kept
	spans [][2]int
	// resume is the header of indicator rows a funds block interrupted, to read on after it
	resume *header
	// readable reports whether a name reads as words (nil: every name does); a 项目名称 that
	// does not gives way to the name the title gives
	readable func(string) bool
}

// evalDraft is a table being read.
type evalDraft struct {
	ev         Evaluation
	start, end int // its tokens
	titleName  string
	// wholeProject is set when a 部门整体 title names a project's funds
	wholeProject bool
	// confirmed is set by what only a self-evaluation table has: its title, a 项目名称, an
	// indicator header. A funds block alone may be any table of budgets and spending.
	confirmed bool
}

func (d *evalDraft) content() bool { return len(d.ev.Indicators) > 0 || len(d.ev.Funds) > 0 }

func (r *streamReader) scan() {
	toks := r.toks
	for i := 0; i < len(toks); {
		t := &toks[i]
		switch {
		case t.is(tkTitle) && !t.is(tkHead):
			if r.cur != nil && r.cur.content() {
				r.close(i)
			}
			r.ensure(i)
			r.cur.ev.Scope = t.src
			r.cur.confirmed = true
			title := t.raw
			if t.run && t.line < len(r.s.lines) && r.s.lines[t.line].raw != nil && t.end <= len(r.s.lines[t.line].raw) {
				// a title cut into words of run-together text: the line up to its end
				title = strings.TrimSpace(string(r.s.lines[t.line].raw[:t.end]))
			}
			if name, project := r.el.titleProject(title); name != "" && r.cur.titleName == "" {
				r.cur.titleName = name
				r.cur.wholeProject = project
			}
			i++
		case t.is(tkField) && t.src == fieldProject && !t.is(tkHead):
			if r.cur != nil && r.cur.content() {
				r.close(i)
			}
			r.ensure(i)
			r.cur.confirmed = true
			name, next := r.fieldValue(i)
			if r.cur.ev.Table == "" && name != "" {
				r.cur.ev.Table = name
				r.cur.ev.Scope = ScopeProject
			}
			i = next
		case t.is(tkHead):
			h, ok := r.el.readHeader(toks, i)
			switch {
			case ok && h.fundsHeader():
				r.ensure(i)
				i = r.readFunds(h)
			case ok && h.indicatorHeader():
				r.ensure(i)
				n := len(r.cur.ev.Indicators)
				i = r.readIndicators(h)
				if len(r.cur.ev.Indicators) > n {
					r.cur.confirmed = true
				}
			default:
				if sh, ok := r.scatteredHeader(i); ok {
					r.ensure(i)
					n := len(r.cur.ev.Indicators)
					j := r.readIndicators(sh)
					if len(r.cur.ev.Indicators) > n {
						r.cur.confirmed = true
						i = j
						continue
					}
				}
				if t.is(tkTotal) && r.cur != nil && numberFollows(toks, i) {
					i = r.readTotal(i) // 自评得分 98 in the form's head
					continue
				}
				i++
			}
		case t.is(tkLevel) && strings.HasSuffix(bare(t.n), "指标") && (t.level&1 != 0 || r.cur != nil && r.cur.confirmed) &&
			(r.cur == nil || len(r.cur.ev.Indicators) == 0):
			// indicator rows whose header the copy lost: the national template's columns
			if j, ok := r.templateRows(i); ok {
				i = j
				continue
			}
			i++
		case t.is(tkTotal) && r.cur != nil:
			i = r.readTotal(i)
		case t.is(tkFunds) && r.cur != nil && (len(r.cur.ev.Funds) == 0 && len(r.cur.ev.Indicators) == 0 || fundsBlockStart(toks, i)):
			// a funds block without a header: 年度预算资金总额：1084.25 (inside an indicator row
			// too, whose rows go on after it)
			if h, ok := r.el.readHeader(toks, i+1); ok && h.fundsHeader() && h.start == i+1 {
				h.lead = i + 1 // the label before the header
				i = r.readFunds(h)
				continue
			}
			if h, ok := interleavedFundsHeader(toks, i); ok {
				i = r.readFunds(h)
				continue
			}
			i = r.readFunds(header{cols: []colRole{colAdjusted}, start: i, end: i, headerless: true})
			if h := r.resume; h != nil {
				r.resume = nil
				i = r.readIndicators(header{cols: h.cols, start: i, end: i})
			}
		case strings.HasPrefix(t.n, "注:") || strings.HasPrefix(t.n, "注1") || t.n == "注":
			// a note under the table is sentences: its words are no headers
			r.resume = nil
			line := t.line
			for i < len(toks) && toks[i].line == line {
				i++
			}
		default:
			if r.cur != nil && r.cur.ev.Grade == "" && r.el.isGradeLabel(t.n) {
				if g := r.gradeAfter(i); g != "" {
					r.cur.ev.Grade = g
				}
			}
			i++
		}
	}
	if r.cur != nil {
		r.close(len(toks))
	}
}

// ensure opens a table at toks[i] when none is open.
func (r *streamReader) ensure(i int) {
	if r.cur == nil {
		r.cur = &evalDraft{start: i}
		r.cur.ev.Location = r.toks[i].loc
	}
}

// close ends the open table before toks[end]: kept when it has indicators or funds.
func (r *streamReader) close(end int) {
	d := r.cur
	r.cur = nil
	if d == nil || !d.content() || !d.confirmed {
		return
	}
	d.end = end
	if d.wholeProject {
		d.ev.Scope = ScopeProject
	}
	if d.ev.Table == "" && d.titleName != "" && d.ev.Scope != ScopeDepartment || r.misread(d.ev.Table, d.titleName) {
		d.ev.Table = d.titleName
	}
	if d.ev.Scope == "" {
		d.ev.Scope = ScopeProject
		if d.ev.Table == "" {
			d.ev.Scope = ScopeDepartment
		}
	}
	if d.ev.ExecutionScoring == "" {
		d.ev.ExecutionScoring = r.scoring(d.start, end)
	}
	d.ev.No = len(r.out) + 1
	r.out = append(r.out, d.ev)
	r.spans = append(r.spans, [2]int{d.start, end})
}

// misread reports whether the project's name in the 项目名称 field is misread (OCR: 碟令薯樽轴示施)
// where the title's name reads as words (马铃薯冲薯繁育示范推广项目).
func (r *streamReader) misread(field, title string) bool {
	return field != "" && title != "" && r.readable != nil && !r.readable(field) && r.readable(title)
}

var (
	bandedScoring = regexp.MustCompile(`\d+%(?:\(含\))?(?:以上|及以上)[^。;]{0,12}(?:满分|得\d)|执行率[^。;]{0,8}(?:≥|>=|大于|达到|高于|不低于)\s*\d+%[^。;]{0,10}(?:满分|得\d)|每(?:低|降低|下降|少)\d*(?:个)?百分点[^。;]{0,6}扣|(?:低于|不足)\d+%[^。;]{0,6}(?:不得分|得0分)`)
	linearScoring = regexp.MustCompile(`执行率\s*[*×xX]\s*(?:该指标)?分值|分值\s*[*×xX]\s*执行率|执行率\s*[*×xX]\s*\d+|\d+分?\s*[*×xX]\s*执行率|按执行率[^。;]{0,6}计(?:算)?得分`)
)

// scoring reads how the table's text says budget execution is scored.
func (r *streamReader) scoring(a, b int) string {
	var sb strings.Builder
	last := -1
	for p := a; p < b && p < len(r.toks); p++ {
		t := &r.toks[p]
		if t.run && t.line < len(r.s.lines) {
			if t.line != last {
				sb.WriteString(r.el.norm(string(r.s.lines[t.line].raw)))
				sb.WriteString("\n")
				last = t.line
			}
			continue
		}
		sb.WriteString(t.n)
		sb.WriteString("\n")
	}
	text := sb.String()
	switch {
	case bandedScoring.MatchString(text):
		return ExecutionBanded
	case linearScoring.MatchString(text):
		return ExecutionLinear
	}
	return ""
}

var titleTail = regexp.MustCompile(`(?:项目)?(?:支出)?(?:绩效)?(?:目标)?(?:自评表|评价表|自评)(?:\(\d{4}年度?\))?$`)
var titleYear = regexp.MustCompile(`^(?:\d{4}年度?)`)

var (
	wholeTitle  = regexp.MustCompile(`^(.*?)(?:部门|单位)?整体支出`)
	titleAmount = regexp.MustCompile(`\d+(?:\.\d+)?万?元?$`)
	fundsName   = regexp.MustCompile(`(?:经费|资金|专项|项目)$`)
)

// titleProject is the project a table's title names, as the title writes it (繁体 and
// glosses kept), and whether a 部门整体 title names one: the funds of a project evaluated on
// the department-wide form (2020年…开放经费236.25万元部门整体支出绩效自评表 → …开放经费).
func (el *evalLexicon) titleProject(raw string) (string, bool) {
	// the title normalised rune for rune, glosses left out, with where each rune came from
	rs := []rune(raw)
	gloss := make([]bool, len(rs))
	for _, m := range pinyinGloss.FindAllStringIndex(raw, -1) {
		a := utf8.RuneCountInString(raw[:m[0]])
		for k := a; k < a+utf8.RuneCountInString(raw[m[0]:m[1]]); k++ {
			gloss[k] = true
		}
	}
	var nr []rune
	var at []int
	for k, r := range rs {
		if gloss[k] {
			continue
		}
		switch r {
		case '（':
			r = '('
		case '）':
			r = ')'
		case '：':
			r = ':'
		}
		r = narrow(r)
		r = simplified(r)
		nr = append(nr, r)
		at = append(at, k)
	}
	norm := string(nr)
	name, project := projectFromTitle(norm), false
	if m := wholeTitle.FindStringSubmatch(norm); m != nil && name == "" {
		n := strings.TrimSpace(titleYear.ReplaceAllString(strings.TrimSpace(m[1]), ""))
		n = strings.TrimSpace(titleAmount.ReplaceAllString(n, ""))
		if fundsName.MatchString(n) && hanCount(n) >= 4 {
			name, project = n, true
		}
	}
	if name == "" {
		return "", false
	}
	// back to the title as written
	if k := strings.Index(norm, name); k >= 0 {
		a := utf8.RuneCountInString(norm[:k])
		b := a + utf8.RuneCountInString(name)
		return string(rs[at[a] : at[b-1]+1]), project
	}
	return name, project
}

// projectFromTitle is the project a table's title names (2023年…建设项目支出绩效自评表 →
// …建设项目), or "" when the title names none (项目支出绩效自评表, 部门整体支出绩效自评表).
func projectFromTitle(raw string) string {
	s := strings.TrimSpace(raw)
	if strings.Contains(s, "部门整体") || strings.Contains(s, "整体支出") {
		return ""
	}
	s = strings.TrimRight(s, " |")
	s = regexp.MustCompile(`[(（]\s*\d{4}\s*年度?\s*[)）]\s*$`).ReplaceAllString(s, "")
	loc := titleTail.FindStringIndex(s)
	if loc == nil {
		return ""
	}
	name := strings.TrimSpace(s[:loc[0]])
	if strings.HasSuffix(s[:loc[1]], "项目支出绩效自评表") || strings.Contains(s[loc[0]:loc[1]], "项目") {
		name += "项目"
		if strings.HasSuffix(name, "项目项目") {
			name = strings.TrimSuffix(name, "项目")
		}
	}
	name = titleYear.ReplaceAllString(name, "")
	name = strings.TrimLeft(name, "附件表:：0123456789 ")
	if hanCount(name) < 3 || name == "项目" || strings.HasSuffix(name, "本级部门项目") {
		return ""
	}
	return name
}

// fieldValue reads the value after a head label (项目名称 | 义务教育营养改善计划专项资金): the
// cells or run-together text up to the next label. It returns the value and the position
// after it.
func (r *streamReader) fieldValue(i int) (string, int) {
	toks := r.toks
	j := i + 1
	for j < len(toks) && toks[j].is(tkBlank) {
		j++
	}
	k := j
	for k < len(toks) && !toks[k].is(tkField|tkHead|tkFunds|tkTitle|tkLevel|tkTotal) && !toks[k].is(tkBlank) {
		if !toks[k].run && k > j {
			break // a cell is the value
		}
		if toks[k].first && k > j && toks[k].line != toks[j].line {
			break
		}
		k++
	}
	if k == j {
		return "", j
	}
	rr := &rowReader{toks: toks, lines: r.s.lines}
	v := strings.TrimSpace(rr.spanRaw(j, k))
	v = strings.TrimLeft(v, ":： ")
	if utf8.RuneCountInString(v) > 80 {
		return "", k
	}
	return v, k
}

// bodyEnd returns where the body of an indicator table that starts at toks[i] ends: at a
// total row, a title, a 项目名称, a funds header or a note (注：).
func (r *streamReader) bodyEnd(i int) int {
	toks := r.toks
	for j := i; j < len(toks); j++ {
		t := &toks[j]
		if j-i >= maxBodyTokens {
			return j
		}
		if t.first && t.run && i < len(toks) && t.line != toks[i].line && r.proseLine(t.line) {
			return j // the table has ended: the report goes on in sentences
		}
		switch {
		case t.is(tkTotal) && !t.is(tkLevel) && numberFollows(toks, j):
			return j
		case t.is(tkTitle) && !t.is(tkHead):
			return j
		case t.is(tkField) && t.src == fieldProject && !t.is(tkHead):
			return j
		case startsNote(t.n):
			return j
		case t.is(tkFunds) && t.src == SourceTotal && !t.is(tkTotal) && fundsBlockStart(toks, j):
			return j // a funds block inside an indicator's row (预算资金安排: 年度预算资金总额 1084.25)
		case t.is(tkHead):
			if h, ok := r.el.readHeader(toks, j); ok && h.fundsHeader() {
				return j
			}
		}
	}
	return len(toks)
}

// startsNote reports whether a normalised token opens the note under a table (注:, 说明:,
// 备注:), also glued to the placeholder of the cell before it (无注:, —注:).
func startsNote(n string) bool {
	for _, p := range []string{"无", "—", "-", "/"} {
		if rest, ok := strings.CutPrefix(n, p); ok && rest != "" {
			n = rest
			break
		}
	}
	return strings.HasPrefix(n, "注:") || strings.HasPrefix(n, "说明:") || strings.HasPrefix(n, "备注:")
}

// templateCols are the columns of the national template of a 项目支出绩效自评表 (财预〔2020〕10号):
// 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施.
var templateCols = []colRole{colLevel1, colLevel2, colName, colTarget, colActual, colWeight, colScore, colNote}

// templateRows reads indicator rows without a header from toks[i], a 一级 indicator, in the
// template's columns: kept when they give at least two rows with a weight or a score.
func (r *streamReader) templateRows(i int) (int, bool) {
	h := header{cols: templateCols, start: i, end: i}
	end := r.bodyEnd(i)
	rr := newRowReader(r.el, r.s, r.toks[i:end], h, end == len(r.toks))
	inds := rr.indicators(rr.read())
	scored := 0
	for _, in := range inds {
		if in.Weight != nil || in.Score != nil {
			scored++
		}
	}
	if scored < 2 {
		return i, false
	}
	r.ensure(i)
	r.cur.ev.Indicators = append(r.cur.ev.Indicators, inds...)
	r.cur.ev.Fragment = true
	r.cur.confirmed = true
	return end, true
}

// scatteredHeader recognises the header of an indicator table whose cells a copy scattered
// among the rows (a workbook flattened column by column): within a short stretch from
// toks[i], the 三级指标 and at least three more of its columns. The rows are then read in
// the template's columns from after the last header word.
func (r *streamReader) scatteredHeader(i int) (header, bool) {
	seen := map[colRole]bool{}
	last := i
	for j := i; j < len(r.toks) && j < i+40; j++ {
		t := &r.toks[j]
		if t.is(tkHead) && !t.col.fundsCol() {
			if h, ok := r.el.readHeader(r.toks, j); ok && (h.indicatorHeader() || h.fundsHeader()) {
				return header{}, false // a header of its own follows: read it as it stands
			}
			seen[t.col] = true
			last = j
		}
	}
	n := 0
	for _, c := range []colRole{colLevel1, colLevel2, colTarget, colActual, colWeight, colScore} {
		if seen[c] {
			n++
		}
	}
	if !seen[colName] || n < 3 {
		return header{}, false
	}
	cols := []colRole{colLevel1, colLevel2, colName, colTarget, colActual}
	if seen[colWeight] {
		cols = append(cols, colWeight)
	}
	cols = append(cols, colScore, colNote)
	return header{cols: cols, start: i, end: last + 1}, true
}

// numberFollows reports whether the first token after toks[j] that is not blank is a number.
func numberFollows(toks []etok, j int) bool {
	for k := j + 1; k < len(toks); k++ {
		if toks[k].is(tkBlank) {
			continue // the empty cells a merged label leaves
		}
		return toks[k].is(tkNum | tkQty)
	}
	return false
}

// maxBodyTokens bounds the tokens read as one table's indicator rows.
const maxBodyTokens = 4000

// proseLine reports whether a line of plain text is a paragraph of the report rather than a
// row of a table: long, of several sentences, with none of the table's words.
func (r *streamReader) proseLine(line int) bool {
	l := r.s.lines[line]
	if len(l.raw) < 120 || strings.Count(string(l.raw), "。") < 2 {
		return false
	}
	for k := range l.toks {
		if l.toks[k].is(tkHead | tkLevel | tkFunds | tkTotal) {
			return false
		}
	}
	return true
}

// readIndicators reads the rows under indicator header h and returns the position after them.
func (r *streamReader) readIndicators(h header) int {
	end := r.bodyEnd(h.end)
	body := r.toks[h.end:end]
	if len(body) == 0 {
		return end
	}
	// a header repeated in the body (a table continued on a new page) is passed over
	rr := newRowReader(r.el, r.s, body, h, end == len(r.toks))
	recs := rr.read()
	r.cur.ev.Indicators = append(r.cur.ev.Indicators, rr.indicators(recs)...)
	if end < len(r.toks) && r.toks[end].is(tkFunds) && fundsBlockStart(r.toks, end) {
		r.resume = &h
	}
	return end
}

// fundsBlockStart reports whether toks[i], a funds label, opens a block of funds without a
// header: an amount follows it, past punctuation.
func fundsBlockStart(toks []etok, i int) bool {
	if !toks[i].is(tkFunds) {
		return false
	}
	for k := i + 1; k < len(toks) && k <= i+3; k++ {
		t := &toks[k]
		switch {
		case t.is(tkNum) && !t.is(tkPct):
			return true
		case t.is(tkText) && punctOnly(t.n), t.is(tkBlank):
			continue
		}
		return false
	}
	return false
}

// punctOnly reports whether a token is nothing but punctuation (：, ）:).
func punctOnly(n string) bool {
	return strings.Trim(n, "():;,.、“”|") == ""
}

// readTotal reads the total row at toks[i] (总分 | 100 | 96 | 优, 自评得分98): its weight, its
// score and a grade after them. It returns the position after the row.
func (r *streamReader) readTotal(i int) int {
	toks := r.toks
	var nums []evalNum
	j := i + 1
	raw := []string{toks[i].raw}
	for seen := 0; j < len(toks) && seen < 6; seen++ {
		t := &toks[j]
		if t.is(tkBlank) {
			j++
			seen-- // the empty cells of a merged label do not count
			continue
		}
		if t.is(tkNum) || t.is(tkQty) && t.q.unit == "分" {
			if len(t.cuts) > 0 {
				cut := bestTotalCut(t.cuts)
				nums = append(nums, cut...)
			} else {
				nums = append(nums, t.q)
			}
			raw = append(raw, t.raw)
			j++
			continue
		}
		if t.is(tkGrade) {
			if r.cur.ev.Grade == "" {
				r.cur.ev.Grade = t.src
			}
			raw = append(raw, t.raw)
			j++
		}
		break
	}
	if len(nums) == 0 {
		return i + 1
	}
	d := &r.cur.ev
	hundred := decimal.NewFromInt(100)
	switch {
	case len(nums) >= 2 && nums[0].v.Equal(hundred) && nums[1].v.LessThanOrEqual(decimal.NewFromInt(150)) ||
		len(nums) >= 2 && nums[0].v.GreaterThanOrEqual(nums[1].v) && nums[0].v.LessThanOrEqual(hundred):
		// the weight (100) and the score; a score above 100 is a table's error to report
		w, s := nums[0].v, nums[1].v
		d.TotalWeight, d.TotalScore, d.TotalDecimals = &w, &s, nums[1].dec
	case len(nums) == 1 && nums[0].v.LessThanOrEqual(decimal.NewFromInt(100)) && weightsOnly(d.Indicators):
		w := nums[0].v // the rows state weights and no score: the total is theirs
		d.TotalWeight = &w
	case len(nums) == 1 && nums[0].v.LessThanOrEqual(decimal.NewFromInt(100)):
		s := nums[0].v
		d.TotalScore, d.TotalDecimals = &s, nums[0].dec
	default:
		return j
	}
	if d.Raw == "" {
		d.Raw = strings.Join(raw, " | ")
		d.Location = firstNonEmpty(d.Location, toks[i].loc)
	}
	if g := r.gradeAfter(j - 1); g != "" && d.Grade == "" {
		d.Grade = g
	}
	return j
}

// weightsOnly reports whether indicator rows state weights and no score.
func weightsOnly(inds []Indicator) bool {
	w := false
	for _, in := range inds {
		if in.Score != nil {
			return false
		}
		if in.Weight != nil {
			w = true
		}
	}
	return w
}

// bestTotalCut picks how a total run together with its weight (总分100100, 10098) is cut:
// the weight 100 first.
func bestTotalCut(cuts [][]evalNum) []evalNum {
	for _, c := range cuts {
		if len(c) == 2 && c[0].v.Equal(decimal.NewFromInt(100)) && c[1].v.LessThanOrEqual(c[0].v) {
			return c
		}
	}
	return cuts[0]
}

// gradeAfter returns the grade stated within two tokens after toks[i] (自评等级 | 优).
func (r *streamReader) gradeAfter(i int) string {
	for j := i + 1; j < len(r.toks) && j <= i+2; j++ {
		t := &r.toks[j]
		if t.is(tkGrade) {
			return t.src
		}
		if !t.is(tkBlank) {
			break
		}
	}
	return ""
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// interleavedFundsHeader reads the header of a funds block whose first row's label stands
// before it and whose first row's values stand among its words, as a copy that read a
// table's cells out of order writes them (年度资金总额 全年预算数(A) 300 全年执行数(B) 执行率(B/A)).
func interleavedFundsHeader(toks []etok, i int) (header, bool) {
	h := header{start: i + 1, lead: i + 1}
	k := i + 1
	for ; k < len(toks) && toks[k].line == toks[i].line; k++ {
		t := &toks[k]
		switch {
		case t.is(tkHead) && t.col.fundsCol():
			h.cols = append(h.cols, t.col)
			h.raw = append(h.raw, t.raw)
		case isFundsValue(t) && !t.is(tkBlank) && len(h.cols) > 0:
			h.leadVals = append(h.leadVals, k)
		default:
			goto done
		}
	}
done:
	h.end = k
	if len(h.cols) < 2 || len(h.leadVals) == 0 || len(h.leadVals) > len(h.cols) {
		return header{}, false
	}
	return h, true
}
