package corpus

// The finance lexicon of the generator: how reports name each metric, and the headings,
// titles and verbs around the figures. One table per concern; the composer only picks.

// labels maps a metric (or a pseudo-metric for wordings that are not metrics) to the
// wordings reports use for it in prose.
var labels = map[string][]string{
	"income.total":                     {"收入合计", "年度收入", "本年收入", "全年总收入", "本年收入合计", "部门收入合计", "总收入", "全年收入"},
	"income.total.nocarry":             {"收入总计"}, // only when no carry-over is stated
	"income.fiscal":                    {"财政拨款收入", "一般公共预算财政拨款收入", "{L}财政预算安排", "本级财政拨款", "财政拨款", "一般公共预算拨款收入", "财政预算拨款收入"},
	"income.fund":                      {"政府性基金预算财政拨款收入", "政府性基金预算拨款收入", "政府性基金收入"},
	"income.other":                     {"其他收入", "其他收入", "事业收入"},
	"income.carryover":                 {"上年结转结余", "年初结转和结余", "上年结转", "上年结余结转"},
	"expenditure.total":                {"部门整体支出", "支出合计", "本年支出", "总支出", "本年支出合计", "部门支出合计"},
	"expenditure.basic":                {"基本支出"},
	"expenditure.basic.personnel":      {"工资福利支出", "工资福利支出"},
	"expenditure.basic.personnel2":     {"人员经费", "人员支出"}, // two-part wording: personnel incl. household
	"expenditure.basic.goods_services": {"商品和服务支出", "商品和服务支出"},
	"expenditure.basic.goods2":         {"日常公用经费", "公用经费", "公用支出"}, // two-part wording
	"expenditure.basic.household":      {"对个人和家庭的补助支出", "对个人和家庭的补助"},
	"expenditure.basic.capital":        {"资本性支出"},
	"expenditure.project":              {"项目支出"},
	"three_public.total":               {"“三公”经费", "\"三公\"经费", "三公经费", "“三公”经费", "‘三公’经费"},
	"three_public.abroad":              {"因公出国（境）费", "因公出国（境）费用", "因公出国(境)费", "因公出国（境）经费"},
	"three_public.reception":           {"公务接待费", "公务接待费"},
	"three_public.vehicle":             {"公务用车购置及运行费", "公务用车购置及运行维护费", "公务用车购置及运行（维护）费"},
	"three_public.vehicle.purchase":    {"公务用车购置费"},
	"three_public.vehicle.operation":   {"公务用车运行维护费", "公务用车运行费"},
	"staff.authorized":                 {"编制人数", "编制数", "核定编制", "核定编制数"},
	"staff.actual":                     {"实际人数", "实有人数", "实有人员"},
	"staff.in_service":                 {"在职", "在职人员"},
	"staff.retired":                    {"离退休", "退休人员", "离退休人员"},
	"vehicles.authorized":              {"小车编制数", "车辆编制", "车辆编制数", "核定公务用车编制"},
	"vehicles.actual":                  {"实有车辆", "实有公务用车", "实际"},
	"rate.budget_execution":            {"预算执行率", "全年预算执行率", "部门预算执行率"},
	"score.self_evaluation":            {"自评得分", "综合得分", "自评总分", "绩效自评得分"},
}

// verbs join a label to its value: 收入为214.78万元, 支出共计…
var verbs = []string{"", "", "", "为", "为", "共计", "合计", "达"}

// budgetWords introduce a budget-basis amount; priorWords a written-out prior-year amount.
var (
	budgetWords = []string{"年初预算数", "年初预算", "全年预算数", "预算数"}
	priorWords  = []string{"上年为", "上年同期为", "上年为", "{Y1}年为"}
	actualWords = []string{"实际支出", "决算数", "实际完成"}
)

// Titles of self-evaluation reports. {D} department, {Y} year; "\n" splits the title
// into two paragraphs.
var selfEvalTitles = []string{
	"{D}\n{Y}年部门整体支出绩效自评报告",
	"{D}\n{Y}年度部门整体支出绩效自评报告",
	"{D}{Y}年度部门整体支出绩效自评报告",
	"{D}{Y}年部门整体支出绩效自评报告",
	"关于{D}{Y}年部门整体支出绩效自评的报告",
	"{D}关于{Y}年度部门整体支出绩效自评情况的报告",
	"{Y}年度{D}部门整体支出绩效自评报告",
}

// Titles of 部门决算说明.
var finalAccountTitles = []string{
	"{D}{Y}年度部门决算说明",
	"{D}\n{Y}年度部门决算公开说明",
	"{D}{Y}年部门决算情况说明",
}

// headings are alternatives for each section of a self-evaluation report.
var headings = map[string][]string{
	"overview":    {"部门概况", "部门基本情况", "基本情况", "单位基本情况"},
	"basics":      {"部门基本情况", "机构设置及人员情况", "单位基本情况", "机构及人员情况"},
	"duties":      {"主要职责", "部门职能", "主要职能"},
	"works":       {"{Y}年的重点工作", "{Y}年度主要工作", "年度重点工作任务", "{Y}年工作开展情况"},
	"summary":     {"部门整体支出情况", "部门收支情况", "部门整体收支情况", "部门整体支出规模"},
	"management":  {"部门整体支出管理及使用情况", "部门整体支出规模、使用方向和主要内容", "部门整体支出使用情况", "资金使用及管理情况"},
	"income":      {"收入情况", "部门收入情况", "年度收入情况"},
	"expenditure": {"支出情况", "部门支出情况", "年度支出情况"},
	"basic":       {"基本支出情况", "基本支出", "基本支出使用情况"},
	"project":     {"项目支出情况", "项目支出", "项目资金使用情况"},
	"threepublic": {"“三公”经费情况", "“三公”经费使用情况", "三公经费支出情况", "\"三公\"经费管理情况"},
	"performance": {"部门整体支出绩效情况", "部门整体支出绩效目标完成情况", "绩效目标实现情况", "部门整体支出绩效"},
	"cost":        {"运行成本", "经济性", "预算执行情况"},
	"effect":      {"履职效能", "效率性", "履职成效", "产出情况"},
	"benefit":     {"社会效益", "效益性", "社会公众满意度"},
	"problems":    {"存在的问题", "存在的主要问题", "存在的问题及原因分析", "绩效自评发现的问题"},
	"measures":    {"改进措施和有关建议", "下一步改进措施", "改进措施", "整改措施及建议"},
	"conclusion":  {"绩效自评结果", "自评结论", "绩效自评结论", "综合评价结论"},
	"table":       {"部门收支预算执行情况", "收支决算情况表"},
}

// basicIntros explain 基本支出 before its figures (as the seed does).
var basicIntros = []string{
	"基本经费支出用于保障单位机构正常运转、完成日常工作任务而发生的各项支出，包括用于基本工资、津贴补贴、奖金、机关事业单位养老保险和其他社会保障缴费、其他工资福利等人员经费以及办公费、印刷费、水电费及办公设备购置等日常公用经费。",
	"基本支出是指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
	"",
	"",
}

// projectIntros explain 项目支出 before its figures.
var projectIntros = []string{
	"项目支出是指基本支出以外为完成相关行政任务和事业发展目标所发生的各项支出，",
	"项目支出主要用于保障部门履职和重点工作开展，",
	"",
	"",
}

// threePublicTail closes a 三公 statement with the usual reason.
var threePublicTails = []string{
	"",
	"我单位严格执行中央八项规定精神，从严控制“三公”经费支出。",
	"“三公”经费控制在预算以内，未发生超标准接待和违规使用公务用车问题。",
	"主要原因是厉行节约，严格控制公务接待标准。",
}

// grades names the evaluation grade of a score.
func grade(score float64) string {
	switch {
	case score >= 90:
		return "优"
	case score >= 80:
		return "良"
	default:
		return "中"
	}
}

// cnNum are the Chinese numerals used in headings (一、 （一）).
var cnNum = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"}

// circled are the circled numerals used in lists.
var circled = []string{"①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩"}

// pageMarks are page-number lines left by copying text out of a PDF.
var pageMarks = []string{"—{n}—", "- {n} -", "-{n}-", "第{n}页", "第 {n} 页 共 {m} 页"}

// functionalClasses are the 支出功能分类 a 决算说明 lists (distractors: not vocabulary metrics).
var functionalClasses = []string{
	"一般公共服务支出", "社会保障和就业支出", "卫生健康支出", "住房保障支出",
	"文化旅游体育与传媒支出", "农林水支出", "教育支出", "科学技术支出", "节能环保支出",
}
