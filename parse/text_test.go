package parse

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

const sampleText = "隆回县科学技术协会\r\n2024年部门整体支出绩效自评报告\r\n\r\n一、部门概况\r\n2024年度收入２１４．７８万元，其中：县财政预算安排208.63万元。\r\n"

func TestReadTextEncodings(t *testing.T) {
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(sampleText))
	if err != nil {
		t.Fatal(err)
	}
	utf16 := func(order unicode.Endianness, bom unicode.BOMPolicy) []byte {
		b, err := unicode.UTF16(order, bom).NewEncoder().Bytes([]byte(sampleText))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	const want = "p1 隆回县科学技术协会\np2 2024年部门整体支出绩效自评报告\np3 [h1] 一、部门概况\np4 2024年度收入２１４．７８万元，其中：县财政预算安排208.63万元。\n"
	tests := []struct {
		name, enc string
		data      []byte
	}{
		{"utf-8", "utf-8", []byte(sampleText)},
		{"utf-8 with BOM", "utf-8", append([]byte("\xEF\xBB\xBF"), sampleText...)},
		{"gb18030", "gb18030", gb},
		{"utf-16le with BOM", "utf-16le", utf16(unicode.LittleEndian, unicode.UseBOM)},
		{"utf-16be with BOM", "utf-16be", utf16(unicode.BigEndian, unicode.UseBOM)},
		{"utf-16le without BOM", "utf-16le", utf16(unicode.LittleEndian, unicode.IgnoreBOM)},
		{"utf-16be without BOM", "utf-16be", utf16(unicode.BigEndian, unicode.IgnoreBOM)},
		{"utf-8 with one broken character", "utf-8", []byte(strings.Repeat(sampleText, 20) + "\xE4\xB8")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(context.Background(), "r.txt", tt.data, DefaultLimits())
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if doc.Encoding != tt.enc || doc.Format != FormatText {
				t.Errorf("Format, Encoding = %q, %q, want txt, %q", doc.Format, doc.Encoding, tt.enc)
			}
			got := dumpBody(t, doc)
			if !strings.HasPrefix(got, want) {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestReadTextUTF16WithoutBOMAllChinese(t *testing.T) {
	s := "隆回县科学技术协会部门整体支出绩效自评报告"
	b, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
	doc, err := Read(context.Background(), "r.txt", b, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if doc.Encoding != "utf-16le" || doc.Blocks[0].Text != s {
		t.Errorf("got %q %+v", doc.Encoding, doc.Blocks)
	}
}

func TestReadTextBlocks(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{
			name: "markdown headings and pipe table",
			in:   "# 隆回县科学技术协会\n\n## 一、部门概况\n#不是标题\n\n| 项目 | 金额（万元） |\n|:---|---:|\n| 基本支出 | 105.57 |\n| 项目支出 | 113.8 | 备注 |\n正文\n",
			want: "p1 [h1] # 隆回县科学技术协会\np2 [h2] ## 一、部门概况\np3 #不是标题\n" +
				"t1 (3x3)\nt1r1c1 项目\nt1r1c2 金额（万元）\nt1r1c3\nt1r2c1 基本支出\nt1r2c2 105.57\nt1r2c3\nt1r3c1 项目支出\nt1r3c2 113.8\nt1r3c3 备注\np4 正文\n",
		},
		{
			name: "tab table",
			in:   "表1\n项目\t金额\n基本支出\t105.57\n\n单独一行\t有制表符\n",
			want: "p1 表1\nt1 (2x2)\nt1r1c1 项目\nt1r1c2 金额\nt1r2c1 基本支出\nt1r2c2 105.57\np2 单独一行\\t有制表符\n",
		},
		{
			name: "a single pipe line is a paragraph; escaped pipes stay in cells",
			in:   "甲 | 乙\n\n|a\\|b|c|\n|d|e|\n",
			want: "p1 甲 | 乙\nt1 (2x2)\nt1r1c1 a|b\nt1r1c2 c\nt1r2c1 d\nt1r2c2 e\n",
		},
		{
			name: "CR line ends and numbering levels",
			in:   "一、总体\r（一）部门\r1．细项\r(2)小项\r　　（一）强化思想政治引领。一是……",
			want: "p1 [h1] 一、总体\np2 [h2] （一）部门\np3 [h3] 1．细项\np4 [h4] (2)小项\np5 [h2] 　　（一）强化思想政治引领。一是……\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(context.Background(), "r.md", []byte(tt.in), DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != FormatMD {
				t.Errorf("Format = %q", doc.Format)
			}
			if got := dumpBody(t, doc); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestReadTextFailures(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	highOnly := make([]byte, 4096) // no control bytes, no valid encoding
	for i := range highOnly {
		highOnly[i] = byte(0x80 + rng.UintN(128))
	}
	small := Limits{MaxChars: 1000}
	tests := []struct {
		name  string
		data  []byte
		lim   Limits
		want  error
		limit string
	}{
		{"empty", nil, small, ErrEmpty, ""},
		{"white space only", []byte(" \r\n\t　\n"), small, ErrEmpty, ""},
		{"BOM only", []byte("\xEF\xBB\xBF"), small, ErrEmpty, ""},
		{"random bytes", random, small, ErrNotDocument, ""},
		{"zeros", make([]byte, 1000), small, ErrNotDocument, ""},
		{"high bytes in no encoding", highOnly, small, ErrEncoding, ""},
		{"one long line over the limit", []byte(strings.Repeat("长", 1001)), small, ErrLimit, "max-chars"},
		{"tab table over the limit", []byte("a\tb\nx" + strings.Repeat("\t", 600) + "y\n"), small, ErrLimit, "max-chars"},
		{"file over the limit", []byte("12345"), Limits{MaxFileBytes: 4}, ErrLimit, "max-file-bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(context.Background(), "r.txt", tt.data, tt.lim)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			var le *LimitError
			if tt.limit != "" && (!errors.As(err, &le) || le.Name != tt.limit) {
				t.Errorf("err = %v, want LimitError %s", err, tt.limit)
			}
		})
	}
}

func TestReadTextLongLine(t *testing.T) {
	line := strings.Repeat("预算执行率100%。", 1<<20/10) // one line of about 1M characters
	lim := DefaultLimits()
	doc, err := Read(context.Background(), "long.txt", []byte(line), lim)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Blocks) != 1 || doc.Blocks[0].Text != line {
		t.Errorf("got %d blocks", len(doc.Blocks))
	}
}

func TestHeadingLevel(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"一、部门概况", 1},
		{"十二、其他", 1},
		{"一是坚持", 0},
		{"（一）部门基本情况", 2},
		{"(二)重点工作", 2},
		{"（一)混合括号", 2},
		{"1.加强管理", 3},
		{"１．全角", 3},
		{"12、第十二项", 3},
		{"1.5万元", 0},
		{"2024年", 0},
		{"2024.资金", 0},
		{"（1）细项", 4},
		{"(12)细项", 4},
		{"（123）不是", 0},
		{"  　一、前有空格", 1},
		{"正文", 0},
		{"", 0},
		{"（", 0},
		{"1", 0},
		{"1.", 3},
	}
	for _, tt := range tests {
		if got := HeadingLevel(tt.in); got != tt.want {
			t.Errorf("HeadingLevel(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestReadTextUTF16WithoutBOMControlLikeBytes(t *testing.T) {
	// U+4E01 丁 and U+4E0D 不 have low bytes 0x01 and 0x0D: control bytes when read one by one.
	s := strings.Repeat("丁不部门整体支出", 50)
	b, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
	doc, err := Read(context.Background(), "r.txt", b, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if doc.Encoding != "utf-16le" || doc.Blocks[0].Text != s {
		t.Errorf("got %q %q", doc.Encoding, doc.Blocks[0].Text[:30])
	}
}
