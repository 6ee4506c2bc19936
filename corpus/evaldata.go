package corpus

// The wordings of generated self-evaluation tables (项目支出绩效自评表): indicators by level,
// targets and actual values. A template's kind says how its target and actual are written.

// indKind is how an indicator's target and actual value are written.
type indKind int

const (
	indCount   indKind = iota // ≥N个 / N个
	indRate                   // ≥95% / 97.3%
	indFull                   // =100% / 100%
	indCost                   // ≤X万元 / Y万元 (lower is better)
	indText                   // 明显提升 / 达到预期 (no number: met is unknown)
	indSatisfy                // ≥90% / 94%
)

// indTemplate is one indicator a table may list.
type indTemplate struct {
	level1, level2, name, unit string
	kind                       indKind
	lo, hi                     int // the target's range (counts)
}

// indicatorPool lists the indicators of the national template's levels.
var indicatorPool = []indTemplate{
	{"产出指标", "数量指标", "开展活动场次", "场", indCount, 6, 40},
	{"产出指标", "数量指标", "服务群众人次", "人次", indCount, 500, 6000},
	{"产出指标", "数量指标", "完成建设任务个数", "个", indCount, 3, 25},
	{"产出指标", "数量指标", "培训人员数量", "人", indCount, 60, 900},
	{"产出指标", "数量指标", "印发宣传资料", "份", indCount, 800, 9000},
	{"产出指标", "数量指标", "开展督导检查次数", "次", indCount, 4, 30},
	{"产出指标", "质量指标", "项目验收合格率", "%", indRate, 90, 98},
	{"产出指标", "质量指标", "资金使用合规率", "%", indFull, 100, 100},
	{"产出指标", "质量指标", "任务完成率", "%", indRate, 90, 98},
	{"产出指标", "时效指标", "资金拨付及时率", "%", indFull, 100, 100},
	{"产出指标", "时效指标", "项目按时完成率", "%", indRate, 92, 98},
	{"产出指标", "时效指标", "年度任务完成时限", "", indText, 0, 0},
	{"产出指标", "成本指标", "项目总成本", "万元", indCost, 0, 0},
	{"效益指标", "社会效益指标", "群众政策知晓率", "%", indRate, 85, 95},
	{"效益指标", "社会效益指标", "公共服务水平", "", indText, 0, 0},
	{"效益指标", "经济效益指标", "带动相关产业发展", "", indText, 0, 0},
	{"效益指标", "生态效益指标", "人居环境改善情况", "", indText, 0, 0},
	{"效益指标", "可持续影响指标", "长效管理机制建立", "", indText, 0, 0},
	{"满意度指标", "服务对象满意度指标", "服务对象满意度", "%", indSatisfy, 85, 95},
	{"满意度指标", "服务对象满意度指标", "群众满意度", "%", indSatisfy, 85, 95},
}

// textTargets pairs a target written in words with the actual values that meet it.
var textTargets = []struct{ target string }{
	{"明显提升"}, {"有效改善"}, {"逐步建立"}, {"稳步提高"}, {"按期完成"}, {"12月底前完成"},
}

var textActuals = []string{"达到预期", "已完成", "效果明显", "基本达到", "已建立"}

// goalTexts are the 年度总体目标 and its 实际完成情况, with {P} for the project.
var goalTexts = [][2]string{
	{"按照年初计划完成{P}各项任务，规范资金使用，提升服务质量。", "全面完成{P}年度任务，资金使用规范，服务质量有所提升。"},
	{"保障{P}顺利实施，确保资金及时足额拨付，群众满意度进一步提高。", "{P}按计划实施，资金拨付及时，群众反映良好。"},
	{"做好{P}组织实施，强化绩效管理，提高资金使用效益。", "{P}组织实施有序，绩效目标基本实现。"},
}

// deviationNotes are what a table writes in 偏差原因分析及改进措施 of a row that fell short.
var deviationNotes = []string{"部分任务受天气影响推迟，下年度加快进度", "宣传覆盖面不足，将加大宣传力度", "个别环节衔接不畅，已完善工作机制"}
