package corpus

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// A national year: many counties, each with 50–80 departments reporting 2–3 consecutive
// years. NationalCounty builds one county at a time, so a generator of 200,000 reports
// holds one county's files at once.

// subUnit is a department a county has besides the bureaus of deptKinds: a centre, station
// or office under one of them, doing (and spending on) the same kind of work.
type subUnit struct {
	Full, Short, Slug, Parent string
	Scale                     float64 // of the parent's spending and staff
}

// subUnits are the county-level units NationalCounty adds to the bureaus of deptKinds.
var subUnits = []subUnit{
	{"{R}发展和改革局", "{L}发改局", "fagai", "tongji", 1.5},
	{"{R}工业和信息化局", "{L}工信局", "gongxin", "tongji", 1.2},
	{"{R}商务局", "{L}商务局", "shangwu", "tongji", 1},
	{"{R}交通运输局", "{L}交通运输局", "jiaotong", "shuili", 0.8},
	{"{R}林业局", "{L}林业局", "linye", "shuili", 0.5},
	{"{R}科学技术局", "{L}科技局", "keji", "kexie", 1.5},
	{"{R}信访局", "{L}信访局", "xinfang", "sifa", 0.5},
	{"{R}总工会", "{L}总工会", "zonggonghui", "fulian", 1.5},
	{"{R}红十字会", "{L}红十字会", "hongshizi", "canlian", 0.4},
	{"{R}供销合作社联合社", "{L}供销社", "gongxiao", "xiangcun", 0.5},
	{"{R}政务服务中心", "{L}政务服务中心", "zhengwu", "jiguan", 0.6},
	{"{R}农业技术推广中心", "{L}农技中心", "nongji", "xiangcun", 0.6},
	{"{R}畜牧水产事务中心", "{L}畜牧水产中心", "xumu", "xiangcun", 0.6},
	{"{R}农村经营服务站", "{L}农经站", "nongjing", "xiangcun", 0.3},
	{"{R}植保植检站", "{L}植保站", "zhibao", "xiangcun", 0.3},
	{"{R}文物管理所", "{L}文物所", "wenwu", "tushuguan", 0.8},
	{"{R}博物馆", "{L}博物馆", "bowuguan", "tushuguan", 1},
	{"{R}文化馆", "{L}文化馆", "wenhuaguan", "tushuguan", 1},
	{"{R}体育运动中心", "{L}体育中心", "tiyu", "wenlv", 0.4},
	{"{R}社会保险服务中心", "{L}社保中心", "shebao", "renshe", 0.5},
	{"{R}就业服务中心", "{L}就业服务中心", "jiuye", "renshe", 0.4},
	{"{R}不动产登记中心", "{L}不动产登记中心", "budongchan", "zhujian", 0.2},
	{"{R}公共资源交易中心", "{L}公共资源交易中心", "jiaoyi", "jiguan", 0.4},
	{"中共{R}委员会党校", "{L}委党校", "dangxiao", "laoganbu", 1},
	{"{R}国库集中支付中心", "{L}国库中心", "guoku", "shenji", 0.6},
	{"{R}财政投资评审中心", "{L}评审中心", "pingshen", "shenji", 0.6},
	{"{R}气象局", "{L}气象局", "qixiang", "tongji", 0.8},
	{"{R}数据资源局", "{L}数据局", "shuju", "tongji", 1},
	{"{R}粮食和物资储备中心", "{L}粮储中心", "liangchu", "yingji", 0.5},
	{"{R}园林绿化中心", "{L}园林中心", "yuanlin", "zhujian", 0.3},
	{"{R}环境卫生管理所", "{L}环卫所", "huanwei", "zhujian", 0.3},
	{"{R}市政设施维护中心", "{L}市政中心", "shizheng", "zhujian", 0.3},
	{"{R}房屋征收服务中心", "{L}征收中心", "zhengshou", "zhujian", 0.2},
	{"{R}建设工程质量安全监督站", "{L}质安站", "zhian", "zhujian", 0.15},
	{"{R}退役军人服务中心", "{L}退役军人服务中心", "tuiyifw", "tuiyi", 0.4},
	{"{R}救助管理站", "{L}救助站", "jiuzhu", "minzheng", 0.1},
	{"{R}殡葬管理所", "{L}殡葬所", "binzang", "minzheng", 0.1},
	{"{R}法律援助中心", "{L}法援中心", "fayuan", "sifa", 0.3},
	{"{R}公证处", "{L}公证处", "gongzheng", "sifa", 0.3},
	{"{R}史志研究室", "{L}史志室", "shizhi", "danganguan", 0.8},
	{"{R}接待服务中心", "{L}接待中心", "jiedai", "jiguan", 0.3},
	{"中共{R}委员会组织部", "{L}委组织部", "zuzhibu", "laoganbu", 1.5},
	{"中共{R}委员会宣传部", "{L}委宣传部", "xuanchuan", "rongmeiti", 0.5},
	{"中共{R}委员会统一战线工作部", "{L}委统战部", "tongzhan", "gongshanglian", 2},
	{"中共{R}委员会政法委员会", "{L}委政法委", "zhengfawei", "sifa", 0.6},
	{"{R}机构编制委员会办公室", "{L}编办", "bianban", "jiguan", 0.2},
	{"{R}医疗保障事务中心", "{L}医保中心", "yibaozx", "yibao", 0.4},
	{"{R}老龄工作委员会办公室", "{L}老龄办", "laoling", "minzheng", 0.05},
	{"{R}乡村振兴服务中心", "{L}乡村振兴服务中心", "xczx", "xiangcun", 0.4},
	{"{R}水利工程管理站", "{L}水管站", "shuiguan", "shuili", 0.1},
	{"{R}河道管理所", "{L}河道所", "hedao", "shuili", 0.1},
	{"{R}教育发展服务中心", "{L}教育服务中心", "jiaoyuzx", "jiaoyu", 0.03},
	{"{R}教师发展中心", "{L}教师发展中心", "jiaoshi", "jiaoyu", 0.02},
	{"{R}卫生计生综合监督执法局", "{L}卫监局", "weijiandu", "weijian", 0.05},
	{"{R}应急救援指挥中心", "{L}应急指挥中心", "yingjizx", "yingji", 0.3},
	{"{R}文化市场综合行政执法大队", "{L}文化执法大队", "wenhuazf", "wenlv", 0.2},
	{"{R}统计普查中心", "{L}普查中心", "pucha", "tongji", 0.5},
	{"{R}审计事务中心", "{L}审计中心", "shenjizx", "shenji", 0.5},
	{"{R}青少年活动中心", "{L}青少年活动中心", "qingshaonian", "tuanwei", 1},
	{"{R}科技馆", "{L}科技馆", "kejiguan", "kexie", 1},
	{"{R}残疾人就业服务所", "{L}残疾人就业所", "canjiu", "canlian", 0.4},
}

// nationalKinds are the units a county of a national batch draws its departments from:
// the bureaus of deptKinds of at most 90 staff (as CountyBatch), then the sub-units.
func nationalKinds() []deptKind {
	byslug := map[string]deptKind{}
	var out []deptKind
	for _, k := range deptKinds {
		byslug[k.Slug] = k
		if k.MaxStaff <= 90 {
			out = append(out, k)
		}
	}
	for _, s := range subUnits {
		k := byslug[s.Parent]
		k.Full, k.Short, k.Slug = s.Full, s.Short, s.Slug
		k.MinWan = max(50, int(float64(k.MinWan)*s.Scale))
		k.MaxWan = max(k.MinWan*2, int(float64(k.MaxWan)*s.Scale))
		k.MinStaff = max(3, int(float64(k.MinStaff)*min(s.Scale, 1)))
		k.MaxStaff = max(k.MinStaff+3, int(float64(k.MaxStaff)*min(s.Scale, 1)))
		k.MaxCars = max(1, min(k.MaxCars, k.MaxStaff/10))
		out = append(out, k)
	}
	return out
}

// provinces name the provinces national counties belong to.
var provinces = []string{"湖南省", "湖北省", "江西省", "四川省", "贵州省", "云南省", "河南省", "河北省", "山东省",
	"安徽省", "江苏省", "浙江省", "福建省", "广东省", "陕西省", "甘肃省", "山西省", "黑龙江省", "吉林省", "辽宁省"}

// stemChars make the names of generated counties and prefectures: none is a level
// character (省市县区旗州盟) or starts a word unitname reads otherwise.
var stemChars = []rune("青石安平宁远永丰长乐清泉东阳西华南山北江云龙凤桃和兴泰福嘉祥瑞金玉白溪湖岭桥田坪岗台沙丹武文德昌隆盛荣顺康保定")

// nationalRegion is county i of a national batch: a generated name unique to i (two stem
// characters and 县, unique for the first 2,970), in one of a few hundred generated prefectures.
func nationalRegion(i int) region {
	n := len(stemChars)
	a := i % n
	b := (a + 1 + i/n%(n-1)) % n // a pair of distinct characters for each of n×(n−1) counties
	stem := string(stemChars[a]) + string(stemChars[b])
	c := (i / 9) % (n * n)
	city := string(stemChars[(c*7+3)%n]) + string(stemChars[(c/n*5+c+11)%n]) + "市"
	return region{
		Name:     stem + "县",
		Slug:     fmt.Sprintf("x%05d", i),
		Province: provinces[(i/9)%len(provinces)],
		City:     city,
		Phone:    fmt.Sprintf("0%d", 710+(i/9)%280),
	}
}

// NationalCounty generates county i of a national batch of the seed: 50–80 departments
// reporting 2–3 consecutive years, each year's prior-year figures last year's, peers
// comparable. Most departments (four in five) write the county's template of 存在的问题 and
// 改进措施, some adding a sentence of their own; the others write their own. The last two
// years carry CountyBatch's injected inconsistencies with their gold. Formats are mostly
// .docx, the rest .txt (some copied out of a PDF) and .md. The same (seed, i) give the
// same files; files are named x<i>-<department>-<year>.
func NationalCounty(seed uint64, i int) []Report {
	r := rand.New(rand.NewPCG(seed, 0x6e6174696f6e^uint64(i)))
	reg := nationalRegion(i)
	all := nationalKinds()
	kinds := make([]deptKind, 0, 80)
	for _, x := range r.Perm(len(all))[:50+r.IntN(31)] {
		kinds = append(kinds, all[x])
	}
	years, y1 := 2+r.IntN(2), 2019+r.IntN(5)
	tpl := countyTemplate(r)
	depts := make([][]*plan, len(kinds))
	for d, k := range kinds {
		depts[d] = nationalDept(r, k, reg, y1, years, d, tpl)
	}
	name := func(p *plan) string { return reg.Slug + "-" + p.kind.Slug + "-" + strconv.Itoa(p.year) }
	pairs := make([]deptPair, len(depts))
	for d, ps := range depts {
		pairs[d] = deptPair{ps[years-2], ps[years-1]}
	}
	injectCounty(r, pairs, name)
	if years == 3 {
		// The peer outlier's share is its own every year.
		p := depts[2][0]
		p.anomaly("peer.outlier", "warning", fmt.Sprintf("三公 %s is %s%% of expenditure %s, about ten times the county's other departments",
			wanNote(p.f.TPTotal), pct(p.f.TPTotal, p.f.ExpTotal, 1), wanNote(p.f.ExpTotal)))
	}
	var out []Report
	for _, ps := range depts {
		for _, p := range ps {
			out = append(out, render(r, p, name(p), pickNationalFormat(r)))
		}
	}
	fillNoteExtensions(out)
	return out
}

// nationalDept plans department d's years. The first 12 departments take the roles of
// CountyBatch's injections (see injectCounty); 7 and 8 (the copy and its original) write
// their own narrative, as do one in five of the rest.
func nationalDept(r *rand.Rand, k deptKind, reg region, y1, years, d int, tpl narrative) []*plan {
	unit := unitWan
	if d%5 == 4 {
		unit = unitYuan
	}
	p := newPlan(r, k, reg, y1, unit)
	p.doc = selfEval
	if r.IntN(8) == 0 && d > 11 {
		p.doc = finalAccount
	}
	peerShape(r, p.f, p.gran, d == 2, d == 1)
	own := d == 7 || d == 8 || r.IntN(5) == 0
	switch {
	case own:
		p.problems, p.measures = ownSentences(r, problems, aspects, 2), ownSentences(r, measures, aims, 2)
	case r.IntN(3) == 0:
		p.problems = append(append([]string{}, tpl.problems...), ownSentences(r, problems, aspects, 1)...)
		p.measures = tpl.measures
	default:
		p.problems, p.measures = tpl.problems, tpl.measures
	}
	ps := []*plan{p}
	for len(ps) < years {
		ps = append(ps, nextPlan(r, ps[len(ps)-1]))
	}
	return ps
}

// narrative is a county's template of 存在的问题 and 改进措施, handed down with the year's
// instructions and written out by most of its departments.
type narrative struct{ problems, measures []string }

func countyTemplate(r *rand.Rand) narrative {
	return narrative{problems: pickN(r, problems, 3), measures: pickN(r, measures, 3)}
}

// aspects open a department's own sentence on a problem; aims close its own measure.
var (
	aspects = []string{"在预算编制方面，", "在项目管理方面，", "在资产管理方面，", "在绩效管理方面，", "在财务核算方面，",
		"在内部控制方面，", "在政府采购方面，", "在专项资金使用方面，", "在信息公开方面，", "在队伍建设方面，",
		"从本年度自评情况看，", "对照年初绩效目标，", "结合日常监督检查，", "经单位内部自查，"}
	aims = []string{"确保资金安全高效运行。", "切实提高财政资金使用效益。", "推动各项工作提质增效。",
		"为下年度预算编制打好基础。", "确保绩效目标如期实现。", "不断提升部门整体支出绩效水平。",
		"进一步规范单位财务管理。", "切实做到花钱必问效。", "推动整改落实落地见效。", "持续巩固自评整改成果。"}
)

// ownSentences makes n sentences of a department's own: a base sentence with an opening
// (problems) or a closing (measures) of the department's choosing.
func ownSentences(r *rand.Rand, base, parts []string, n int) []string {
	out := make([]string, n)
	for i, b := range pickN(r, base, n) {
		part := pick(r, parts)
		if strings.HasSuffix(part, "，") {
			out[i] = part + b
			continue
		}
		out[i] = strings.TrimSuffix(b, "。") + "，" + part
	}
	return out
}

// pickNationalFormat draws a format the way a national year arrives: docx 80%, txt 15%
// (some copied out of a PDF), md 5%.
func pickNationalFormat(r *rand.Rand) string {
	switch n := r.IntN(100); {
	case n < 80:
		return FormatDocx
	case n < 95:
		return FormatTxt
	default:
		return FormatMd
	}
}
