package unitname

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestNormalize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"隆回县科学技术协会", "科学技术协会"},
		{"县科协", "科学技术协会"},
		{"县科学技术协会", "科学技术协会"},
		{" 隆回县 科学技术协会（本级）", "科学技术协会"},
		{"湖南省邵阳市隆回县科学技术协会", "科学技术协会"},
		{"隆回县老科协", "老科学技术工作者协会"},
		{"隆回县老科学技术工作者协会", "老科学技术工作者协会"},
		{"县妇联", "妇女联合会"},
		{"团县委", "共青团委员会"},
		{"烏魯木齊市政務(wù)服務(wù)中心", "政务服务中心"},
		{"共青团县委", "共青团委员会"},
		{"共青团隆回县委", "共青团委员会"},
		{"隆回县残联", "残疾人联合会"},
		{"县文联", "文学艺术界联合会"},
		{"县工商联", "工商业联合会"},
		{"隆回县发改局", "发展和改革局"},
		{"隆回县发展和改革局", "发展和改革局"},
		{"县人社局", "人力资源和社会保障局"},
		{"隆回县住建局", "住房和城乡建设局"},
		{"隆回县卫健局", "卫生健康局"},
		{"隆回县财政局", "财政局"},
		{"隆回县市场监督管理局", "市场监督管理局"},
		{"市场监督管理局", "市场监督管理局"},
		{"县市监局", "市场监督管理局"},
		{"湘西州市场监督管理局", "市场监督管理局"},
		{"城步苗族自治县财政局", "财政局"},
		{"隆回县工业园区管理委员会", "工业园区管理委员会"},
		{"工业园区管理委员会", "工业园区管理委员会"},
		{"中共隆回县委组织部", "县委组织部"},
		{"县委组织部", "县委组织部"},
		{"中共湖南省委组织部", "省委组织部"},
		{"中共新化县委员会老干部局", "县委员会老干部局"},
		{"“隆回县科学技术协会”", "科学技术协会"},
		{"隆回县科学技术协会部门整体支出绩效自评报告", "科学技术协会"},
		{"隆回县科学技术协会机关本级", "科学技术协会"},
		// A county ends the region: the common noun 城市 stays with the unit, written with a
		// region or without.
		{"南漳县城市管理和综合执法局", "城市管理和综合执法局"},
		{"城市管理和综合执法局", "城市管理和综合执法局"},
		{"县城市管理和综合执法局", "城市管理和综合执法局"},
		{"湘潭市雨湖区城市管理局", "城市管理局"},
		// The organisation stays part of the unit: not the party's 县委员会.
		{"共青团隆回县委员会", "共青团县委员会"},
		{"政协隆回县委员会", "政协县委员会"},
	}
	for _, c := range cases {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestRegion(t *testing.T) {
	cases := []struct{ in, want string }{
		{"隆回县科学技术协会", "隆回县"},
		{"湖南省邵阳市隆回县科学技术协会", "湖南省邵阳市隆回县"},
		{"南漳县城市管理和综合执法局", "南漳县"},
		{"富平县城市管理和综合执法局", "富平县"},
		{"滦州市自然资源局", "滦州市"},
		{"中共新化县委员会老干部局", "新化县"},
		{"长沙市开福区财政局", "长沙市开福区"},
		{"隆回县市场监督管理局", "隆回县"},
		{"湖南省财政厅", "湖南省"},
		{"邵阳市隆回县教育局", "邵阳市隆回县"},
		{"准格尔旗统计局", "准格尔旗"},
		{"XX县档案馆", "XX县"},
		{"ＸＸ县档案馆", "XX县"},
		{"×× 市教育局", "××市"},
		{"县科协", ""},
		{"市财政局", ""},
		{"共青团隆回县委员会", "隆回县"},
		{"中国共产主义青年团隆回县委员会", "隆回县"},
		{"隆回县人民政府办公室", "隆回县"},
		{"浏阳市妇女联合会", "浏阳市"},
		{"湘潭市雨湖区城市管理局", "湘潭市雨湖区"},
		{"新疆维吾尔自治区财政厅", "新疆维吾尔自治区"},
		{"恩施土家族苗族自治州财政局", "恩施土家族苗族自治州"},
		{"长阳土家族自治县教育局", "长阳土家族自治县"},
		{"双江拉祜族佤族布朗族傣族自治县财政局", "双江拉祜族佤族布朗族傣族自治县"},
		{"XX市XX区教育局", "XX市XX区"},
		// After a county no further level is read, whatever follows.
		{"隆回县城区教育局", "隆回县"},
		{"隆回县超市管理办公室", "隆回县"},
		{"宝安区社区健康服务中心", "宝安区"},
		{"准格尔旗城市管理局", "准格尔旗"},
		{"隆回县开发区管理委员会", "隆回县"},
		// After a province, prefecture or city a lower level follows.
		{"恩施州恩施市财政局", "恩施州恩施市"},
		{"邵阳市邵东市教育局", "邵阳市邵东市"},
		{"湖北省仙桃市财政局", "湖北省仙桃市"},
		{"海南省陵水黎族自治县财政局", "海南省陵水黎族自治县"},
		{"杭州市西湖区财政局", "杭州市西湖区"},
		{"北京市通州区教育委员会", "北京市通州区"},
		{"长沙市湘江新区管理委员会", "长沙市湘江新区"},
		// Common nouns are no region, alone or after a city.
		{"城市管理局", ""},
		{"长沙市城市管理和综合执法局", "长沙市"},
		{"长沙市城区教育局", "长沙市"},
		{"新区管理委员会", ""},
		{"湘西州市场监督管理局", "湘西州"},
		{"工业园区管理委员会", ""},
		{"市场监督管理局", ""},
		// A name that is all region, or an abbreviation, has none.
		{"隆回县", ""},
		{"团县委", ""},
		{"", ""},
	}
	for _, c := range cases {
		if got := Region(c.in); got != c.want {
			t.Errorf("Region(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSplit(t *testing.T) {
	cases := []struct {
		in   string
		want Parts
	}{
		{"县科协", Parts{Level: "县", Unit: "科协"}},
		{"市财政局", Parts{Level: "市", Unit: "财政局"}},
		{"区委组织部", Parts{Unit: "区委组织部"}},
		{"县委组织部", Parts{Unit: "县委组织部"}},
		{"市场监督管理局", Parts{Unit: "市场监督管理局"}},
		{"县级融媒体中心", Parts{Unit: "县级融媒体中心"}},
		{"中共隆回县委组织部", Parts{Region: "隆回县", Unit: "县委组织部"}},
		{"中共长沙市开福区委员会", Parts{Region: "长沙市开福区", Unit: "区委员会"}},
		{"共青团隆回县委员会", Parts{Region: "隆回县", Unit: "共青团县委员会"}},
		{"团县委", Parts{Unit: "团县委"}},
		{"隆回县科协(本级)", Parts{Region: "隆回县", Unit: "科协"}},
	}
	for _, c := range cases {
		if got := Split(c.in); got != c.want {
			t.Errorf("Split(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

func TestClean(t *testing.T) {
	cases := []struct{ in, want string }{
		{" 隆回县\u3000科协（本级）", "隆回县科协(本级)"},
		{"\ufeff“ＸＸ县”《档案馆》", "XX县档案馆"},
		{"烏魯木齊市政務(wù)服務(wù)中心", "乌鲁木齐市政务服务中心"}, // a converting mirror's copy
		{"杜集區(qū)政府辦", "杜集区政府办"},
		{"南岳区民族宗教事务局(本级)", "南岳区民族宗教事务局(本级)"}, // a bracket of words stays
	}
	for _, c := range cases {
		if got := Clean(c.in); got != c.want {
			t.Errorf("Clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestLexiconIsACopy(t *testing.T) {
	a := Lexicon()
	if len(a.Abbreviations) == 0 || len(a.Suffixes) == 0 || len(a.Protected) == 0 || len(a.NotRegions) == 0 || len(a.Organisations) == 0 {
		t.Fatalf("empty tables: %+v", a)
	}
	if a.Suffixes[0] != "部门整体支出绩效自评报告" {
		t.Errorf("suffixes not longest first: %v", a.Suffixes)
	}
	a.Abbreviations[0].Canonical = "x"
	a.Suffixes[0] = "x"
	b := Lexicon()
	if b.Abbreviations[0].Canonical == "x" || b.Suffixes[0] == "x" {
		t.Error("Lexicon returned the package's own tables")
	}
}

func TestLoadValidates(t *testing.T) {
	good := fstest.MapFS{
		"abbreviations.tsv": {Data: []byte("# c\n科协\t科学技术协会\n")},
		"region_words.tsv":  {Data: []byte("protect\t市场\nnot_region\t城市\norganisation\t共青团\n")},
		"suffixes.tsv":      {Data: []byte("prefix\t中共\nsuffix\t本级\n")},
		"kinds.tsv":         {Data: []byte("学校\t小学\n乡镇街道\t镇人民政府\n")},
	}
	if _, err := load(good); err != nil {
		t.Fatalf("good data: %v", err)
	}
	cases := []struct{ file, data, want string }{
		{"abbreviations.tsv", "科协\n", "columns"},
		{"abbreviations.tsv", "科协\t科学技术协会\n科协\t科技协会\n", "twice"},
		{"abbreviations.tsv", "科协\t科技协会\n科技协会\t科学技术协会\n", "map to themselves"},
		{"abbreviations.tsv", "科协\t科学技术协会（本级）\n", "clean form"},
		{"region_words.tsv", "protect\t场所\n", "does not start"},
		{"region_words.tsv", "not_region\t城市管理\n", "region suffix"},
		{"region_words.tsv", "protect\t市场\nprotect\t市场\n", "twice"},
		{"region_words.tsv", "nonsense\t市场\n", "unknown kind"},
		{"suffixes.tsv", "infix\t本级\n", "unknown kind"},
		{"suffixes.tsv", "suffix\t \n", "columns"},
		{"kinds.tsv", "学校\t小学\n学校\t小学\n", "twice"},
	}
	for _, c := range cases {
		fsys := fstest.MapFS{}
		for k, v := range good {
			fsys[k] = v
		}
		fsys[c.file] = &fstest.MapFile{Data: []byte(c.data)}
		_, err := load(fsys)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %q: error %v, want one containing %q", c.file, c.data, err, c.want)
		}
	}
}

// FuzzSplit checks that Split never panics and that its parts come from the name.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"隆回县科学技术协会", "县科协", "共青团隆回县委员会", "湖南省邵阳市隆回县科学技术协会",
		"恩施土家族苗族自治州财政局", "滦州市自然资源局", "×× 市教育局", "团县委", "南漳县城市管理和综合执法局"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		p := Split(name)
		c := Clean(name)
		if p.Region != "" && p.Level != "" {
			t.Errorf("Split(%q) = %+v: both a region and a level", name, p)
		}
		if !strings.Contains(c, p.Region) || !strings.Contains(c, p.Level) {
			t.Errorf("Split(%q) = %+v: parts not in the cleaned name %q", name, p, c)
		}
		if p.Level != "" && !slices.Contains([]string{"省", "市", "县", "区"}, p.Level) {
			t.Errorf("Split(%q) = %+v: level is not a level word", name, p)
		}
		_ = Normalize(name)
	})
}

func TestKind(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"隆回县人民医院", "医疗卫生机构"},
		{"桃洪镇中心卫生院", "医疗卫生机构"},
		{"隆回县疾病预防控制中心", "医疗卫生机构"},
		{"城关镇中心小学", "学校"},
		{"杭州市临安区高虹镇中心幼儿园", "学校"},
		{"桃洪镇人民政府", "乡镇街道"},
		{"花门街道办事处", "乡镇街道"},
		{"隆回县人民政府办公室", DefaultKind},
		{"隆回县人民政府", DefaultKind}, // a county's government is no township
		{"隆回县财政局", DefaultKind},
		{"隆回县档案馆", DefaultKind},
		{"县科协", DefaultKind},
	} {
		if got := Kind(c.name); got != c.want {
			t.Errorf("Kind(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}
