package explain

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/extract"
)

// Chinese names of the values the text form shows.
var (
	basisLabel   = map[string]string{string(extract.Actual): "实际", string(extract.Budget): "预算", string(extract.Prior): "上年"}
	methodLabel  = map[string]string{extract.MethodProse: "正文", extract.MethodTable: "表格"}
	outcomeLabel = map[string]string{
		analyze.OutcomeFlagged: "发现问题", analyze.OutcomePassed: "通过",
		analyze.OutcomeNotApplicable: "不适用", analyze.OutcomeInsufficient: "信息不足",
	}
	outcomeOrder  = []string{analyze.OutcomeFlagged, analyze.OutcomePassed, analyze.OutcomeNotApplicable, analyze.OutcomeInsufficient}
	statusLabel   = map[string]string{"ok": "正常", "partial": "部分读取"}
	severityLabel = map[string]string{analyze.SeverityError: "错误", analyze.SeverityWarning: "警告", analyze.SeverityInfo: "提示"}
	claimLabel    = map[string]string{
		string(extract.ClaimShare): "占比", string(extract.ClaimChange): "增减", string(extract.ClaimTransfer): "转拨",
		string(extract.ClaimTransferIn): "转入", string(extract.ClaimCarryover): "结转结余",
	}
)

// labelOr is m[k], or k when m has no entry for it.
func labelOr(m map[string]string, k string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return k
}

// crossReportNote is said of a cross-report rule's outcome when the report is explained alone.
const crossReportNote = "跨报告规则：单独解释一份报告时没有可比较的其他报告，请以 jixiao run 对整批报告的结果为准"

// WriteJSON writes e as indented JSON, HTML characters unescaped.
func WriteJSON(w io.Writer, e *Explanation) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(e); err != nil {
		return fmt.Errorf("explain: %w", err)
	}
	return nil
}

// WriteText writes e for people, in Chinese with the English metric and rule IDs:
//
//	文件    longhui-kexie-2024.txt
//	…
//	== 数字 figures：43 ==
//	income.total 收入合计
//	  ★ 实际 actual  214.78万元  写作 万元  p12 正文 prose  词 收入
//	      2024年度收入【214.78万元】，其中：县财政预算安排208.63万元，其他收入6.15万元。
//
// then the claims, then every rule's outcome with the findings' messages and evidence. ★
// marks the figure whose value is the metric's column in the reports table; 【】 the number
// the figure was read from.
func WriteText(w io.Writer, e *Explanation) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }

	p("文件    %s\n", e.Path)
	p("编号    report_id %s\n", e.ReportID)
	format := e.Format
	if e.Encoding != "" {
		format += "（" + e.Encoding + "）"
	}
	p("格式    %s\n", format)
	status := e.Status + " " + labelOr(statusLabel, e.Status)
	if len(e.Missing) > 0 {
		var names []string
		for _, m := range e.Missing {
			names = append(names, analyze.MetricLabel(m)+" "+m)
		}
		status += "：未找到" + strings.Join(names, "、")
	}
	p("状态    %s\n", status)
	p("单位    %s\n", orDash(e.Identity.Department))
	p("地区    %s\n", orDash(e.Identity.Region))
	year := "—"
	if e.Identity.Year > 0 {
		year = fmt.Sprint(e.Identity.Year)
	}
	p("年度    %s\n", year)
	p("标题    %s\n", orDash(e.Identity.Title))

	n := 0
	for _, m := range e.Metrics {
		n += len(m.Figures)
	}
	p("\n== 数字 figures：%d 个，%d 项指标（★ 为报表 reports.parquet 所取的值，【】为原文中的数字）==\n", n, len(e.Metrics))
	for _, m := range e.Metrics {
		p("\n%s %s\n", m.Metric, m.Label)
		for _, f := range m.Figures {
			star := " "
			if f.Resolved {
				star = "★"
			}
			p("  %s %s %s  %s", star, labelOr(basisLabel, f.Basis), f.Basis, f.Display)
			if f.UnitText != "" {
				p("  写作 %s", f.UnitText)
			}
			p("  %s %s %s", f.Location, labelOr(methodLabel, f.Method), f.Method)
			if f.Item != "" {
				p("  项目 %s", f.Item)
			} else if f.Term != "" {
				p("  词 %s", f.Term)
			}
			if f.Year > 0 {
				p("  %d年", f.Year)
			}
			p("\n")
			var spans []Span
			if f.Mark != nil {
				spans = []Span{*f.Mark}
			}
			p("      %s\n", oneLine(bracket(f.Raw, spans)))
		}
	}

	p("\n== 陈述 claims：%d 条 ==\n", len(e.Claims))
	for _, c := range e.Claims {
		p("\n  %s %s  %s %s", labelOr(claimLabel, c.Kind), c.Kind, c.Metric, c.Label)
		if c.Basis != "" && c.Basis != string(extract.Actual) {
			p("（%s）", labelOr(basisLabel, c.Basis))
		}
		switch c.Kind {
		case string(extract.ClaimShare):
			p(" 占 %s %s", c.Of, analyze.MetricLabel(c.Of))
		case string(extract.ClaimChange):
			p(" 较%s", labelOr(basisLabel, c.Of))
			switch c.Direction {
			case 1:
				p(" 增加")
			case -1:
				p(" 减少")
			}
		case string(extract.ClaimTransfer):
			p(" 转给 %s", orDash(c.Target))
		case string(extract.ClaimTransferIn):
			p(" 来自 %s", orDash(c.Target))
		}
		if c.Percent != nil {
			p(" %s%%", c.Percent.String())
		}
		if c.Amount != nil {
			p(" %s", display(*c.Amount, extract.UnitYuan))
		}
		p("  %s\n      %s\n", c.Location, oneLine(bracket(c.Raw, c.Marks)))
	}

	writeEvaluations(p, e)

	counts := map[string]int{}
	for _, c := range e.Checks {
		counts[c.Outcome]++
	}
	var parts []string
	for _, o := range outcomeOrder {
		parts = append(parts, fmt.Sprintf("%s %d", outcomeLabel[o], counts[o]))
	}
	p("\n== 检查 checks：%d 条规则，%s ==\n", len(e.Checks), strings.Join(parts, "，"))
	for _, c := range e.Checks {
		p("\n  [%s] %s %s（%s）\n", labelOr(outcomeLabel, c.Outcome), c.Rule, c.Title, labelOr(severityLabel, c.Severity))
		for _, f := range c.Findings {
			p("      %s\n", oneLine(f.Message))
			if f.Evidence != "" {
				p("      证据：%s\n", oneLine(f.Evidence))
			}
			p("      编号 %s\n", f.AnomalyID)
		}
		if c.Detail != "" {
			p("      %s\n", oneLine(c.Detail))
		}
		if c.CrossReport && c.Outcome != analyze.OutcomeFlagged && c.Outcome != analyze.OutcomePassed {
			p("      %s\n", crossReportNote)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("explain: %w", err)
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// oneLine keeps a text on one line, as parse's Dump does.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\t\r") {
		return s
	}
	return strings.NewReplacer("\n", `\n`, "\t", `\t`, "\r", `\r`).Replace(s)
}
