package corpus

import (
	"strconv"
	"strings"
)

// finalAccount writes a 部门决算说明: the same figures in the wording of the annual
// final-accounts disclosure, with its functional-class and procurement distractors.
func (c *composer) finalAccount() {
	p, f, r := c.p, c.f, c.r
	ty := strconv.Itoa(p.titleYear)
	t := strings.NewReplacer("{D}", p.dept, "{Y}", ty).Replace(pick(r, finalAccountTitles))
	for _, line := range strings.Split(t, "\n") {
		c.title(line)
	}
	c.blocks = append(c.blocks, block{kind: bHeading, level: 1, text: "第一部分　部门概况"})
	c.blocks = append(c.blocks, block{kind: bHeading, level: 2, text: "一、部门职责"})
	c.para(c.work(p.kind.Duties))
	c.blocks = append(c.blocks, block{kind: bHeading, level: 2, text: "二、机构设置"})
	c.para(c.self + "下属二级机构" + strconv.Itoa(r.IntN(4)) + "个。" + c.staffStatement())
	if f.AuthAgain != 0 {
		c.para("截至" + c.y + "年底，" + c.self + "编制数" + c.cnt("staff.authorized", f.AuthAgain, c.person()) + "。")
	}
	c.blocks = append(c.blocks, block{kind: bHeading, level: 1, text: "第二部分　" + c.y + "年度部门决算表"})
	if r.IntN(2) == 0 {
		c.para("详见附件：" + c.y + "年度部门决算公开表（共9张）。")
	} else {
		c.finalTable()
	}
	c.blocks = append(c.blocks, block{kind: bHeading, level: 1, text: "第三部分　" + c.y + "年度部门决算情况说明"})

	c.blocks = append(c.blocks, block{kind: bHeading, level: 2, text: "一、收入支出决算总体情况说明"})
	end := f.IncomeTotal + f.Carryover - f.ExpTotal
	if end >= 0 {
		c.para(c.y + "年度收入总计" + c.plain(f.IncomeTotal+f.Carryover) + "、支出总计" + c.plain(f.IncomeTotal+f.Carryover) +
			"。与上年相比，收、支总计各" + pick(r, []string{"增加", "减少"}) + c.plain(scale(r, f.IncomeTotal, 0.01, 0.1, p.gran)) + "，主要原因是" + pick(r, []string{"人员变动及项目资金增加", "项目支出减少", "工资标准调整"}) + "。")
	}

	c.blocks = append(c.blocks, block{kind: bHeading, level: 2, text: "二、收入决算情况说明"})
	s := "本年收入合计" + c.amt("income.total", "actual", "", f.IncomeTotal) + "，其中：" + c.shareList(c.incomeParts(), f.IncomeTotal, "") + "。"
	if f.HasCarry {
		s += c.label("income.carryover") + c.amt("income.carryover", "actual", "", f.Carryover) + "。"
	}
	c.para(s)

	c.blocks = append(c.blocks, block{kind: bHeading, level: 2, text: "三、支出决算情况说明"})
	if c.p.wrongShare != "" {
		c.para("本年支出合计" + c.amt("expenditure.total", "actual", "", f.ExpTotal) + "，其中：基本支出" + c.amt("expenditure.basic", "actual", "", f.Basic) +
			"，占" + c.ns.formatPercent(r, c.p.wrongShare) + "；项目支出" + c.amt("expenditure.project", "actual", "", f.Project) + "。")
	} else {
		c.para("本年支出合计" + c.amt("expenditure.total", "actual", "", f.ExpTotal) + "，其中：" + c.shareList([]part{
			{metric: "expenditure.basic", label: "基本支出", v: f.Basic}, {metric: "expenditure.project", label: "项目支出", v: f.Project}}, f.ExpTotal, "") + "。")
	}

	c.blocks = append(c.blocks, block{kind: bHeading, level: 2, text: "四、财政拨款支出决算情况说明"})
	fiscalSpend := f.ExpTotal * 9 / 10
	classes := pickN(r, functionalClasses, 2+r.IntN(3))
	amounts := splitItems(r, roundTo(fiscalSpend, p.gran), classes, p.gran)
	var cls []string
	for _, a := range amounts {
		cls = append(cls, a.Name+c.plain(a.Actual))
	}
	c.para(c.y + "年度财政拨款支出" + c.plain(roundTo(fiscalSpend, p.gran)) + "，按支出功能分类，主要用于：" + strings.Join(cls, "，") + "。")

	c.blocks = append(c.blocks, block{kind: bHeading, level: 2, text: "五、一般公共预算财政拨款基本支出决算情况说明"})
	parts := []part{{metric: "expenditure.basic.personnel", label: "人员经费", v: f.Personnel + f.Household}, {metric: "expenditure.basic.goods_services", label: "日常公用经费", v: f.Goods}}
	bs := "基本支出" + c.amt("expenditure.basic", "actual", "", f.Basic) + "，是指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。其中：" +
		parts[0].label + c.amt(parts[0].metric, "actual", "", parts[0].v) + "，主要包括基本工资、津贴补贴、奖金、机关事业单位基本养老保险缴费、退休费、生活补助等；" +
		parts[1].label + c.amt(parts[1].metric, "actual", "", parts[1].v) + "，主要包括办公费、印刷费、水电费、邮电费、差旅费、会议费、培训费、公务接待费等"
	if f.HasCapital {
		bs += "；资本性支出" + c.amt("expenditure.basic.capital", "actual", "", f.Capital)
	}
	c.para(bs + "。")

	if !p.noThreePublic {
		c.blocks = append(c.blocks, block{kind: bHeading, level: 2, text: "六、“三公”经费支出决算情况说明"})
		tl := c.label("three_public.total")
		if p.tpBudgetSuspect {
			c.figs.add(GoldFigure{Metric: "three_public.total", Basis: "budget", Value: moneyValue(f.TPB * 10000)})
			c.para(c.y + "年" + tl + "财政拨款支出决算为" + c.amt("three_public.total", "actual", "", f.TPTotal) + "，年初预算为" + yuanString(f.TPB, false, false) + "万元。")
		} else {
			c.para(c.y + "年" + tl + "财政拨款支出决算为" + c.amt("three_public.total", "actual", "", f.TPTotal) + "，完成预算的" + c.ns.formatPercent(r, pct(f.TPTotal, f.TPB, 2)) +
				"（预算数" + c.amt("three_public.total", "budget", "", f.TPB) + "），决算数小于预算数的主要原因是厉行节约、压减一般性支出。")
		}
		c.para("1．因公出国（境）费支出决算为" + c.amt("three_public.abroad", "actual", "", f.Abroad) + "，全年安排因公出国（境）团组" + strconv.Itoa(boolInt(f.Abroad > 0)) + "个，累计" + strconv.Itoa(boolInt(f.Abroad > 0)*3) + "人次。")
		c.para("2．公务用车购置及运行维护费支出决算为" + c.amt("three_public.vehicle", "actual", "", f.Vehicle) + "。其中：公务用车购置费" + c.amt("three_public.vehicle.purchase", "actual", "", f.Purchase) +
			"，本年度使用财政拨款购置公务用车" + strconv.Itoa(boolInt(f.Purchase > 0)) + "辆；公务用车运行维护费" + c.amt("three_public.vehicle.operation", "actual", "", f.Operation) + "，主要用于公务用车燃料费、维修费、过桥过路费、保险费等支出。")
		c.para("3．公务接待费支出决算为" + c.amt("three_public.reception", "actual", "", f.Reception) + "，全年共接待国内团组" + strconv.Itoa(5+r.IntN(60)) + "个，累计接待" + strconv.Itoa(50+r.IntN(600)) + "人次。")
	}

	c.blocks = append(c.blocks, block{kind: bHeading, level: 2, text: "七、机关运行经费支出说明"})
	c.para(c.y + "年度机关运行经费支出" + c.plain(scale(r, f.Goods, 0.8, 1, p.gran)) + "，比上年" + pick(r, []string{"增加", "减少"}) + c.plain(scale(r, f.Goods, 0.01, 0.1, p.gran)) + "。")
	c.blocks = append(c.blocks, block{kind: bHeading, level: 2, text: "八、政府采购支出说明"})
	c.para(c.y + "年度政府采购支出总额" + c.plain(scale(r, f.Goods, 0.1, 0.5, p.gran)) + "，其中：政府采购货物支出" + c.plain(scale(r, f.Goods, 0.05, 0.1, p.gran)) + "，授予中小企业合同金额占政府采购支出总额的" + strconv.Itoa(60+r.IntN(41)) + "%。")
	c.blocks = append(c.blocks, block{kind: bHeading, level: 2, text: "九、国有资产占用情况说明"})
	c.para("截至" + c.y + "年12月31日，" + c.self + "共有车辆" + c.cnt("vehicles.actual", f.Cars, "辆") + "，其中一般公务用车" + strconv.Itoa(f.Cars) + "辆；单价50万元以上通用设备0台（套）。")
	c.blocks = append(c.blocks, block{kind: bHeading, level: 2, text: "十、预算绩效情况说明"})
	pe := "根据预算绩效管理要求，" + c.self + "组织对" + c.y + "年度一般公共预算项目支出全面开展绩效自评，共涉及项目" + strconv.Itoa(len(f.Items)) + "个。"
	if r.IntN(2) == 0 || f.ScoreAgain != "" {
		pe += "部门整体支出绩效" + c.label("score.self_evaluation") + c.scoreFig(f.Score) + "。"
	}
	if r.IntN(2) == 0 {
		pe += c.rateStatement()
	}
	c.para(pe)
	c.blocks = append(c.blocks, block{kind: bHeading, level: 1, text: "第四部分　名词解释"})
	c.para("1．财政拨款收入：指本级财政当年拨付的资金。")
	c.para("2．基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。")
	c.para("3．项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。")
	c.para("4．“三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// finalTable writes a 收入支出决算总表 with its 行次 column (numbers that are not figures).
func (c *composer) finalTable() {
	f := c.f
	unit := c.p.unit
	th := c.r.IntN(2) == 0
	c.para("收入支出决算总表")
	c.unitCaption("", unit)
	rows := [][]cell{
		{{text: "收入", span: 3}, {text: "支出", span: 3}},
		{{text: "项目"}, {text: "行次"}, {text: "金额"}, {text: "项目"}, {text: "行次"}, {text: "金额"}},
	}
	type line struct {
		name, metric string
		v            money
	}
	in := []line{{"一、一般公共预算财政拨款收入", "income.fiscal", f.Fiscal}}
	if f.HasFund {
		in = append(in, line{"二、政府性基金预算财政拨款收入", "income.fund", f.Fund})
	}
	if f.HasOther {
		in = append(in, line{"三、其他收入", "income.other", f.Other})
	}
	out := []line{{"基本支出", "expenditure.basic", f.Basic}, {"项目支出", "expenditure.project", f.Project}}
	n := max(len(in), len(out))
	for i := range n {
		row := make([]cell, 0, 6)
		if i < len(in) {
			row = append(row, cell{text: in[i].name}, cell{text: strconv.Itoa(i + 1)}, cell{text: c.amtCell(in[i].metric, "actual", "", in[i].v, unit, th)})
		} else {
			row = append(row, cell{}, cell{text: strconv.Itoa(i + 1)}, cell{})
		}
		row = append(row, cell{text: out[min(i, len(out)-1)].name}, cell{text: strconv.Itoa(n + i + 1)})
		if i < len(out) {
			row[3] = cell{text: out[i].name}
			row = append(row, cell{text: c.amtCell(out[i].metric, "actual", "", out[i].v, unit, th)})
		} else {
			row[3] = cell{}
			row = append(row, cell{})
		}
		rows = append(rows, row)
	}
	rows = append(rows, []cell{{text: "本年收入合计"}, {text: strconv.Itoa(2*n + 1)}, {text: c.amtCell("income.total", "actual", "", f.IncomeTotal, unit, th)},
		{text: "本年支出合计"}, {text: strconv.Itoa(2*n + 2)}, {text: c.amtCell("expenditure.total", "actual", "", f.ExpTotal, unit, th)}})
	c.table(rows)
}
