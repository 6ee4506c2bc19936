// Package unitname reads the names of government units (隆回县科学技术协会, 县科协,
// 中共邵阳市隆回县委组织部): the administrative region a name starts with, and a canonical form
// of the rest so that the same department written differently compares equal.
//
// It is a leaf package: extract uses Region to fill a report's region, analyze uses Normalize
// and Split to match departments across reports, years and reference lists. The word tables
// are the data files in data/, embedded, validated and built once.
package unitname

import (
	"strings"
	"unicode"

	"github.com/jixiao/jixiao/internal/hanzi"
)

// Parts is a unit name taken apart by Split.
type Parts struct {
	// Region is the administrative region the name starts with, cleaned (湖南省邵阳市隆回县,
	// XX市XX区); "" when the name starts with none.
	Region string
	// Level is a bare level word standing for the writer's own region (县 in 县科协, 市 in
	// 市财政局); "" when the name has a Region or starts with no such word.
	Level string
	// Unit is the rest of the name, cleaned, with affixes stripped and abbreviations not yet
	// expanded (科协, 县委组织部, 共青团县委员会).
	Unit string
}

// Normalize returns the canonical form of a unit name, used to match the same department
// across reports, years and reference lists:
//
//  1. the name is cleaned (see Clean);
//  2. the prefixes 中国共产党/中共 and the suffixes (本级), 本级, 机关本级 and report-title
//     tails (部门整体支出绩效自评报告 …) are stripped (data/suffixes.tsv);
//  3. the leading region, or else a bare 县/市/区/省 meaning "this county" (县科协), is
//     stripped (see Split);
//  4. the whole name (团县委), else the remainder, when listed in data/abbreviations.tsv, is
//     replaced by its canonical full form
//     (科协 → 科学技术协会, 老科协 → 老科学技术工作者协会, 人社局 → 人力资源和社会保障局 …).
//
// So 县科协, 县科学技术协会 and 隆回县科学技术协会 all normalise to 科学技术协会. The region is
// not part of the result: compare regions separately.
func Normalize(name string) string {
	p := Split(name)
	if full, ok := lx.abbrev[p.Unit]; ok {
		return full
	}
	return p.Unit
}

// Region returns the administrative region a unit name starts with, cleaned (隆回县 for
// 隆回县科学技术协会, 长沙市开福区 for 长沙市开福区财政局, ××市 for "×× 市教育局"), or "" when
// it starts with none. A bare level word is not a region: Region("县科协") is "".
// See Split for the rules.
func Region(name string) string { return Split(name).Region }

// Split takes a unit name apart into its region, bare level word and unit.
//
// The name is cleaned and its affixes stripped as for Normalize; a name that as a whole is
// an abbreviation (团县委) is all unit. The region is then read as up to three levels, each a
// stem of 1–8 characters (up to 15 before 自治区/自治州/自治县/自治旗) holding no level
// character, followed by a level suffix:
//
//   - province: 省, 自治区, 特别行政区;
//   - prefecture: 自治州, 州, 地区, 盟;
//   - city: 市, prefecture-level or county-level (the two cannot be told apart);
//   - county: 县, 自治县, 区, 旗, 自治旗; a city after a prefecture or a city is county-level.
//
// Each level must be lower than the one before, so a county ends the region
// (南漳县城市管理局 is 南漳县, 湘潭市雨湖区城市管理局 is 湘潭市雨湖区), and a name with a
// province, prefecture or city may go on (湖南省邵阳市隆回县, 恩施州恩施市). A stem ending in 州
// followed by 市/县/区 is one name (杭州市, 通州区). A candidate that would leave nothing, that
// ends with a not_region_end word (工业园区) or equals a not_region word (城市, 城区) of
// data/region_words.tsv is not a region, nor is anything that starts a protected word (市场).
// An organisation of data/region_words.tsv may stand before the region (共青团隆回县委员会:
// region 隆回县, unit 共青团县委员会).
//
// A name with no region may start with a bare 县/市/区/省 (县科协), which is its Level. The
// level word of a region directly followed by 委 stays with the unit (中共隆回县委组织部:
// region 隆回县, unit 县委组织部).
func Split(name string) Parts {
	s := stripAffixes(Clean(name))
	if _, ok := lx.abbrev[s]; ok { // 团县委 is an abbreviation, not 团 + 县 + 委
		return Parts{Unit: s}
	}
	for _, org := range lx.Organisations {
		if after, ok := strings.CutPrefix(s, org); ok {
			if p := splitRegion(after); p.Region != "" {
				p.Unit = org + p.Unit
				return p
			}
			break
		}
	}
	return splitRegion(s)
}

// Clean folds full-width ASCII and brackets to half-width, traditional characters to
// simplified, and drops whitespace, BOMs, quotation marks and the pinyin glosses of a
// converting mirror (政務(wù)), so that the same name written differently compares equal:
// 烏魯木齊市政務(wù)服務(wù)中心 is 乌鲁木齐市政务服务中心.
func Clean(name string) string {
	var b strings.Builder
	for _, r := range hanzi.Fold(name) {
		switch {
		case unicode.IsSpace(r), r == '\u3000', r == '\ufeff':
			continue
		case strings.ContainsRune("\"'“”‘’「」『』《》〈〉", r):
			continue
		case r == '（':
			r = '('
		case r == '）':
			r = ')'
		case r >= '！' && r <= '～':
			r = r - '！' + '!'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func stripAffixes(s string) string {
	for _, p := range lx.Prefixes {
		s = strings.TrimPrefix(s, p)
	}
	for changed := true; changed; {
		changed = false
		for _, suf := range lx.Suffixes {
			if strings.HasSuffix(s, suf) && len(s) > len(suf) {
				s = strings.TrimSuffix(s, suf)
				changed = true
			}
		}
	}
	return s
}

// DefaultKind is the kind of a unit whose name ends with none of data/kinds.tsv's endings:
// bureaus, commissions, people's organisations and the centres run like them.
const DefaultKind = "机关群团"

// KindTownship is the kind of a township's or a street's government (乡镇街道), whose name
// carries its own place (桃洪镇人民政府, 南纪门街道办事处).
const KindTownship = "乡镇街道"

// Kind is the kind of unit a name tells by its ending (data/kinds.tsv): 医疗卫生机构 for
// 隆回县人民医院, 学校 for 城关镇中心小学, 乡镇街道 for 桃洪镇人民政府, else DefaultKind. Units of
// different kinds spend differently, so peers are of one kind.
func Kind(name string) string {
	s := Clean(name)
	for _, k := range lx.Kinds {
		if strings.HasSuffix(s, k.Ending) {
			return k.Kind
		}
	}
	return DefaultKind
}
