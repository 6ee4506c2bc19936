package corpus

import (
	"strconv"
	"strings"
)

// selfEval writes a 部门整体支出绩效自评报告.
func (c *composer) selfEval() {
	p, f, r := c.p, c.f, c.r
	ty := strconv.Itoa(p.titleYear)
	t := strings.NewReplacer("{D}", p.dept, "{Y}", ty).Replace(pick(r, selfEvalTitles))
	for _, line := range strings.Split(t, "\n") {
		c.title(line)
	}
	scoreSaid := false
	if r.IntN(5) < 3 || f.ScoreAgain != "" {
		intro := "根据《" + p.reg.Name + "财政局关于开展" + c.y + "年度部门整体支出绩效自评工作的通知》（" + p.reg.abbr() + "财绩〔" + strconv.Itoa(p.year+1) + "〕" +
			strconv.Itoa(1+r.IntN(40)) + "号）要求，" + c.self + "对" + c.y + "年度部门整体支出情况开展了绩效自评，现将有关情况报告如下："
		if r.IntN(3) == 0 || f.ScoreAgain != "" {
			intro += "经自评，" + c.self + c.y + "年度部门整体支出绩效" + c.label("score.self_evaluation") + c.scoreFig(f.Score) + "。"
			scoreSaid = true
		}
		c.para(intro)
	}

	// 一、部门概况
	c.h1("overview")
	c.h2("basics")
	staffTable := r.IntN(8) == 0 && !p.forceStaff && !p.forceVehicles
	duties := "主要职责：" + c.work(p.kind.Duties)
	if staffTable {
		c.para(duties)
		c.staffTable()
	} else if r.IntN(2) == 0 {
		c.para(c.staffStatement() + duties)
	} else {
		c.para(duties)
		c.para(c.staffStatement())
	}
	c.h2("works")
	works := append([]string{}, p.kind.Works...)
	r.Shuffle(len(works), func(i, j int) { works[i], works[j] = works[j], works[i] })
	for i, w := range works[:1+r.IntN(len(works))] {
		c.para("（" + cnNum[i] + "）" + c.work(w))
	}
	c.para(c.work(pick(r, genericWorks)))
	summaryEarly := r.IntN(2) == 0
	var incomeText, expText string
	if summaryEarly {
		c.h2("summary")
		incomeText, expText = c.incomeStatement(), c.expenditureStatement()
		if r.IntN(2) == 0 {
			c.para(incomeText + expText)
		} else {
			c.para(incomeText)
			c.para(expText)
		}
	}

	// 二、管理及使用情况
	c.h1("management")
	if !summaryEarly {
		c.h2("income")
		incomeText = c.incomeStatement()
		c.para(incomeText)
		c.h2("expenditure")
		expText = c.expenditureStatement()
		c.para(expText)
	}
	if r.IntN(4) == 0 {
		c.budgetTable()
	}
	c.h2("basic")
	c.para(pick(r, basicIntros) + c.basicStatement())
	c.h2("project")
	c.projectStatement()
	if !p.noThreePublic {
		c.h2("threepublic")
		c.threePublicStatement()
	}

	// 三、绩效情况
	c.h1("performance")
	c.h2("cost")
	cost := pick(r, []string{c.self + "严格按照预算法、行政事业单位财务管理制度等法律法规执行，厉行节约，反对浪费，不断完善内部管理机制，",
		"在运行成本控制方面，" + c.self + "严格执行中央八项规定精神，", ""})
	switch r.IntN(3) {
	case 0: // restated verbatim, as the seed does
		c.para(cost + incomeText + expText)
	case 1:
		c.para(cost + "全年" + c.label("income.total") + c.amt("income.total", "actual", "", f.IncomeTotal) + "，" + c.label("expenditure.total") + c.amt("expenditure.total", "actual", "", f.ExpTotal) + "。")
	default:
		c.para(cost)
	}
	if r.IntN(10) < 7 {
		c.para(c.rateStatement())
	}
	c.h2("effect")
	for range 1 + r.IntN(3) {
		c.para(c.work(pick(r, genericWorks)))
	}
	if f.AuthAgain != 0 {
		c.para("目前" + c.self + "编制数" + c.cnt("staff.authorized", f.AuthAgain, c.person()) + "，在职人员" + c.cnt("staff.in_service", f.InService, c.person()) + "，人员经费保障到位。")
	}
	if r.IntN(2) == 0 {
		c.h2("benefit")
		c.para(c.work(pick(r, benefits)))
	}

	// 四、问题 五、措施
	c.h1("problems")
	c.writeList(p.problems)
	c.h1("measures")
	c.writeList(p.measures)

	// 六、结论
	final := f.Score
	if f.ScoreAgain != "" {
		final = f.ScoreAgain
	}
	if !scoreSaid || f.ScoreAgain != "" || r.IntN(3) == 0 {
		c.h1("conclusion")
		if !(r.IntN(6) == 0 && c.scoreTable(final)) {
			c.para(c.scoreStatement(final))
		}
	}

	// 落款
	if r.IntN(2) == 0 {
		c.para(p.dept)
		c.para(strconv.Itoa(p.year+1) + "年" + strconv.Itoa(1+r.IntN(5)) + "月" + strconv.Itoa(1+r.IntN(28)) + "日")
	}
	if r.IntN(3) == 0 {
		c.para("联系人：" + pick(r, surnames) + pick(r, givenNames) + "　　联系电话：" + p.reg.Phone + "-" + strconv.Itoa(2000000+r.IntN(7999999)))
	}
}

// writeList writes problems or measures in one of the shapes reports use.
func (c *composer) writeList(xs []string) {
	texts := make([]string, len(xs))
	for i, x := range xs {
		texts[i] = c.work(x)
	}
	switch c.r.IntN(3) {
	case 0:
		c.para(strings.Join(texts, ""))
	case 1:
		ord := []string{"一是", "二是", "三是", "四是", "五是"}
		var b strings.Builder
		for i, t := range texts {
			b.WriteString(ord[i] + t)
		}
		c.para(b.String())
	default:
		for i, t := range texts {
			c.para(strconv.Itoa(i+1) + "." + t)
		}
	}
}
