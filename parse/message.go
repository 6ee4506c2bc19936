package parse

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// classMessage is how Message words one failure class: what the file is (unless the error says
// more precisely), the same in a few words of Chinese, and what the submitter should do.
type classMessage struct {
	class error
	what  string
	zh    string
	todo  string
}

// classMessages lists the failure classes in the order Message tests them.
func classMessages() []classMessage {
	return []classMessage{
		{ErrEncrypted, "encrypted Office file", "文件已加密", "remove the password and save as .docx, then run again"},
		{ErrLegacyWorkbook, "Excel 97-2003 workbook (.xls)", "旧版Excel格式", "open it in Excel or WPS, save it as .xlsx and run again"},
		{ErrLegacyFormat, "legacy Word .doc", "旧版Word格式", "a format older than Word 97, which jixiao does not read; open it in Word or WPS, save as .docx and run again"},
		{ErrPDF, "PDF without a text layer", "扫描件", "export the report as .docx or .txt"},
		{ErrCorrupt, "damaged file", "文件已损坏", "open it in Word or WPS, save it again as .docx and run again"},
		{ErrEncoding, "text in an unknown encoding", "文本编码无法识别", "save it as UTF-8 text or as .docx and run again"},
		{ErrEmpty, "empty file", "文件无内容", "the file holds no text; check that the right file was submitted"},
		{ErrNotDocument, "not a document", "不是可读取的文档", "submit the report as .docx or .txt"},
	}
}

// limitWhat says in plain words what exceeding a limit means.
func limitWhat(e *LimitError) string {
	switch e.Name {
	case "max-file-bytes":
		return fmt.Sprintf("file larger than %d bytes", e.Limit)
	case "max-zip-total":
		if e.what != "" {
			return fmt.Sprintf("%s whose streams expand to more than %d bytes in all (a zip bomb?)", e.what, e.Limit)
		}
		return fmt.Sprintf("zip archive that expands to more than %d bytes in all (a zip bomb?)", e.Limit)
	case "max-zip-member":
		if e.what != "" {
			return fmt.Sprintf("%s that expands to more than %d bytes (a zip bomb?)", e.what, e.Limit)
		}
		return fmt.Sprintf("zip member that expands to more than %d bytes (a zip bomb?)", e.Limit)
	case "max-xml-depth":
		return fmt.Sprintf("XML nested deeper than %d elements", e.Limit)
	case "max-chars":
		return fmt.Sprintf("more than %d characters of text (each table cell counts one more)", e.Limit)
	}
	return fmt.Sprintf("over the %s limit (%d)", e.Name, e.Limit)
}

// Message turns an error from Read or ReadFile into the plain one-line message of the reports
// table's error column: what the file is and what to do, in English with a short Chinese hint,
// e.g. "legacy Word .doc (旧版Word格式): open it in Word or WPS, save as .docx and run again".
// It never includes the file's path (the table has its own column). It returns "" for nil.
// This is the one place jixiao words a failure for people.
func Message(err error) string {
	if err == nil {
		return ""
	}
	var msg string
	var lim *LimitError
	var fe *fileError
	switch {
	case errors.As(err, &lim):
		msg = fmt.Sprintf("%s (超出处理上限): check the file, or run again with a higher --%s",
			limitWhat(lim), lim.Name)
	case errors.Is(err, context.DeadlineExceeded):
		msg = "reading took too long (处理超时): run again with a longer time limit"
	case errors.Is(err, context.Canceled):
		msg = "reading was cancelled (处理已取消): run again"
	case errors.Is(err, fs.ErrNotExist):
		msg = "file not found (文件不存在): check the path and run again"
	case errors.Is(err, fs.ErrPermission):
		msg = "permission denied (无权读取文件): make the file readable and run again"
	default:
		for _, c := range classMessages() {
			if !errors.Is(err, c.class) {
				continue
			}
			what, zh, todo := c.what, c.zh, c.todo
			if errors.As(err, &fe) && errors.Is(fe.class, c.class) {
				what = fe.what
				if fe.zh != "" {
					zh, todo = fe.zh, fe.todo
				}
			}
			msg = fmt.Sprintf("%s (%s): %s", what, zh, todo)
			break
		}
		if msg == "" {
			msg = "unreadable file (无法读取): " + withoutPath(err)
		}
	}
	return oneLine(msg)
}

// withoutPath is err's text without the file's path: an error of the file system
// ("x.txt: stat /home/…/x.txt: too many levels of symbolic links") is told by its
// operation and cause alone ("stat: too many levels of symbolic links").
func withoutPath(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}

// oneLine folds any line breaks into spaces.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
