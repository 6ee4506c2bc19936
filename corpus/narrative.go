package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// Narrative text: work paragraphs full of distractor numbers (dates, document numbers,
// head counts, distances, passing money) that are not figures, and the problems and
// measures sections. Templates use the placeholders expand understands.

// genericWorks are work paragraphs any department may write.
var genericWorks = []string{
	"{Y}年{MON}月{DAY}日，{S}召开全{L}{TOPIC}工作会议，印发《{R}{TOPIC}工作实施方案》（{C}{ABBR}〔{Y}〕{N:3-60}号），对全年工作进行安排部署。",
	"全年共收发文件{N:200-900}份，办理人大代表建议、政协委员提案{N:3-20}件，办结率100%，满意率{P:95-100}%。",
	"积极争取上级支持，全年争取上级专项资金{M:10-300}，为全{L}{TOPIC}工作提供了有力保障。",
	"组织干部职工参加各类业务培训{N:20-300}人次，开展党纪学习教育活动{N:3-12}次，覆盖全体党员干部。",
	"深入开展“我为群众办实事”实践活动，全年走访群众{N:300-3000}户，收集意见建议{N:20-200}条，为群众解决实际困难{N:10-90}件。",
	"完成固定资产清查工作，截至{Y}年12月31日，{S}固定资产原值{M:20-600}，账实相符。",
	"落实驻村帮扶责任，选派驻村工作队员{N:2-5}名，协调帮扶资金{M:5-60}，实施帮扶项目{N:2-9}个。",
	"按照{C}财预〔{Y}〕{N:3-60}号文件要求，及时公开部门预决算信息，公开率100%。",
	"{MON}月份组织全体党员赴{PLACE}开展主题党日活动，参与党员{N:10-80}人次。",
	"{Y}年{MON}月{DAY}日至{MON2}月{DAY2}日，集中开展{TOPIC}宣传月活动，发放宣传资料{N:2000-20000}份，受益群众{N:1-8}万余人次。",
	"严格落实安全生产责任制，开展安全隐患排查{N:5-40}次，整改隐患{N:3-30}处，全年未发生安全责任事故。",
	"{S}在全{CITY}年度绩效考核中被评为“先进单位”，{N:2-6}名干部获评优秀公务员。",
}

// topics fill {TOPIC}.
var topics = []string{"安全生产", "法治宣传", "乡村振兴", "优化营商环境", "作风建设", "意识形态", "信访维稳", "文明创建", "预算绩效管理"}

// places fill {PLACE}.
var places = []string{"韶山毛泽东同志纪念馆", "通道转兵纪念馆", "井冈山革命博物馆", "刘少奇同志纪念馆", "红军长征纪念馆", "任弼时纪念馆"}

// benefits are 社会效益 paragraphs; their percentages are not rates of the vocabulary.
var benefits = []string{
	"通过问卷调查，服务对象满意度达到{P:90-99}%，社会公众对{S}工作总体满意。",
	"各项工作得到{L}委、{L}政府的充分肯定，群众满意度{P:90-99}%，较好地实现了年度绩效目标。",
	"政务信息公开及时，信息公开覆盖率达100%，群众知晓率{P:85-98}%。",
}

// problems are 存在的问题 sentences; {S} is the department's short name.
var problems = []string{
	"预算编制不够科学精准，年中追加调整较多，年度预算执行偏差较大。",
	"绩效目标设置不够细化、量化，部分指标难以衡量，绩效自评质量有待提高。",
	"固定资产管理有待加强，资产清查不及时，存在账实不符现象。",
	"项目资金支出进度前慢后快，部分项目资金在第四季度集中支付。",
	"绩效评价结果运用不够充分，与下年度预算安排衔接不够紧密。",
	"财务人员力量薄弱，会计人员多为兼职，业务水平有待提高。",
	"内部控制制度执行不够到位，个别报销凭证附件不齐全、手续不规范。",
	"政府采购意向公开不够及时，采购计划编制不够精细。",
	"专项资金管理不够精细，个别项目资金使用进度滞后。",
	"部分项目前期论证不充分，实施过程中调整变更较多。",
	"绩效运行监控流于形式，未能及时发现和纠正执行偏差。",
	"公用经费支出压缩空间有限，单位运转保障压力较大。",
	"{S}人员编制紧张，专业技术人才短缺，难以满足工作需要。",
	"往来款项清理不及时，个别暂付款挂账时间较长。",
	"信息化建设相对滞后，财务管理手段较为传统。",
	"对下属单位的资金监管力度不够，跟踪问效机制不健全。",
	"部门预算与年度工作计划衔接不紧，部分支出未纳入年初预算。",
	"项目绩效指标与实际工作结合不紧密，产出指标偏重数量、忽视质量。",
	"预决算公开内容不够细化，部分说明过于简单。",
	"办公设备老化严重，维修费用逐年增加。",
	"结转结余资金盘活不及时，资金使用效益有待提高。",
	"部分业务工作经费保障不足，依赖上级补助资金。",
	"合同管理不够规范，个别合同未按规定履行审批程序。",
	"绩效管理意识不强，重分配、轻管理的观念依然存在。",
	"基层站所经费保障标准偏低，工作开展受到一定制约。",
	"档案资料整理归档不及时，会计档案管理有待规范。",
}

// measures are 改进措施 sentences.
var measures = []string{
	"加强预算管理，做到“无预算不支出”，提高预算编制的科学性和准确性。",
	"细化量化绩效目标，建立健全绩效指标体系，提高绩效自评质量。",
	"加强固定资产管理，完善资产管理制度，定期盘点，及时处置闲置报废资产。",
	"加快预算执行进度，按照时间节点推进项目实施，避免年底突击花钱。",
	"强化绩效评价结果运用，将评价结果作为下年度预算安排的重要依据。",
	"加强财务人员业务培训，提升财务管理和会计核算水平。",
	"严格执行内部控制制度，规范报销审批流程，确保资金使用合规。",
	"按规定及时公开政府采购意向，科学编制政府采购计划。",
	"加强专项资金全过程监管，确保专款专用、发挥效益。",
	"做好项目前期论证和评审，减少项目实施中的调整变更。",
	"加强绩效运行监控，对偏离目标的项目及时纠偏。",
	"厉行节约，严控一般性支出，把有限的资金用在刀刃上。",
	"积极争取增加编制，引进专业技术人才，优化人员结构。",
	"全面清理往来款项，及时核销和收回长期挂账资金。",
	"推进财务管理信息化建设，提高财务工作效率。",
	"健全对下属单位的资金监管和跟踪问效机制。",
	"将年度工作计划与部门预算统筹考虑，提高预算的完整性。",
	"优化项目绩效指标设置，兼顾数量、质量、时效和成本指标。",
	"进一步细化预决算公开内容，提高公开质量。",
	"有计划地更新老化办公设备，降低运行维护成本。",
	"及时盘活结转结余资金，提高财政资金使用效益。",
	"积极向{L}财政争取业务经费，保障重点工作开展。",
	"规范合同管理，严格履行合同审批和备案程序。",
	"加强绩效管理宣传培训，牢固树立“花钱必问效、无效必问责”的理念。",
	"提高基层站所经费保障标准，改善基层工作条件。",
	"及时整理归档会计资料，规范会计档案管理。",
}

// surnames and given names for 联系人 lines.
var (
	surnames   = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "罗", "曾", "谢", "邓"}
	givenNames = []string{"伟", "芳", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞", "平", "刚", "桂英"}
)

// expandCtx holds what a template's placeholders stand for.
type expandCtx struct {
	Region, Short, Level, Abbr, DocAbbr, City string
	Year                                      int
}

// expand fills a template: {R} region, {S} short name, {L} level character, {C} region
// abbreviation, {ABBR} document-number abbreviation, {CITY}, {Y} year, {Y1} prior year,
// {N:a-b} an integer, {M:a-b} a distractor amount in 万元, {P:a-b} a percentage number,
// {MON} {DAY} {MON2} {DAY2} a date, {TOPIC}, {PLACE}.
func expand(r *rand.Rand, tpl string, c expandCtx) string {
	if !strings.Contains(tpl, "{") {
		return tpl
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(tpl, '{')
		if i < 0 {
			b.WriteString(tpl)
			return b.String()
		}
		j := strings.IndexByte(tpl[i:], '}')
		if j < 0 {
			b.WriteString(tpl)
			return b.String()
		}
		b.WriteString(tpl[:i])
		b.WriteString(placeholder(r, tpl[i+1:i+j], c))
		tpl = tpl[i+j+1:]
	}
}

func placeholder(r *rand.Rand, key string, c expandCtx) string {
	name, arg, _ := strings.Cut(key, ":")
	lo, hi := 0, 0
	if a, b, ok := strings.Cut(arg, "-"); ok {
		lo, _ = strconv.Atoi(a)
		hi, _ = strconv.Atoi(b)
	}
	switch name {
	case "R":
		return c.Region
	case "S":
		return c.Short
	case "L":
		return c.Level
	case "C":
		return c.Abbr
	case "ABBR":
		return c.DocAbbr
	case "CITY":
		if c.City == "" {
			return "省"
		}
		return c.City
	case "Y":
		return strconv.Itoa(c.Year)
	case "Y1":
		return strconv.Itoa(c.Year - 1)
	case "N":
		return strconv.Itoa(lo + r.IntN(hi-lo+1))
	case "M":
		v := money(lo)*wan + money(r.IntN((hi-lo+1)*100))*100*yuan
		return wanString(v, 2, r.IntN(2) == 0) + "万元"
	case "P":
		whole := lo + r.IntN(hi-lo+1)
		if whole >= 100 || r.IntN(2) == 0 {
			return strconv.Itoa(whole)
		}
		return strconv.Itoa(whole) + "." + strconv.Itoa(r.IntN(10))
	case "MON", "MON2":
		return strconv.Itoa(1 + r.IntN(12))
	case "DAY", "DAY2":
		return strconv.Itoa(1 + r.IntN(28))
	case "TOPIC":
		return pick(r, topics)
	case "PLACE":
		return pick(r, places)
	}
	return "{" + key + "}"
}
