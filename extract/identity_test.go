package extract

import "testing"

func TestReadIdentity(t *testing.T) {
	tests := []struct {
		text               string
		dept, region, year string
	}{
		{"隆回县科学技术协会\n2024年部门整体支出绩效自评报告\n一、部门概况", "隆回县科学技术协会", "隆回县", "2024"},
		{"隆回县科学技术协会2024年度部门整体支出绩效自评报告", "隆回县科学技术协会", "隆回县", "2024"},
		{"关于邵东市教育局2023年度部门整体支出绩效自评的报告", "邵东市教育局", "邵东市", "2023"},
		{"长沙市开福区财政局二〇二二年部门整体支出绩效自评报告", "长沙市开福区财政局", "长沙市开福区", "2022"},
		{"隆回县市场监督管理局2024年部门整体支出绩效自评报告", "隆回县市场监督管理局", "隆回县", "2024"},
		{"2024年部门整体支出绩效自评报告\n单位名称：XX县档案馆\n一、基本情况", "XX县档案馆", "XX县", "2024"},
		{"县科协2024年部门整体支出绩效自评报告", "县科协", "", "2024"},
		{"浏阳市妇女联合会\n2021年度\n部门整体支出绩效自评报告", "浏阳市妇女联合会", "浏阳市", "2021"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			id := readIdentity(textDoc(tt.text))
			if id.Department != tt.dept || id.Region != tt.region || itoa(id.Year) != tt.year {
				t.Errorf("got %q %q %d (title %q), want %q %q %s", id.Department, id.Region, id.Year, id.Title, tt.dept, tt.region, tt.year)
			}
		})
	}
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	s := ""
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}
