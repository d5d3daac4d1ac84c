package inspect

import (
	"strconv"
	"strings"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/rules"
)

// The sheets of a template workbook: the version's header as key–value rows, and its items
// as a table. Import finds them by either language's name, else by position.
var (
	infoSheet  = sheetName{zh: "模板信息", en: "Template"}
	itemsSheet = sheetName{zh: "检查项目", en: "Items"}
)

type sheetName struct{ zh, en string }

func (s sheetName) in(lang i18n.Lang) string {
	if lang == i18n.English {
		return s.en
	}
	return s.zh
}

// column is a column of the items sheet (or a row of the info sheet): its key, which error
// reports name, and its titles.
type column struct{ key, zh, en string }

func (c column) title(lang i18n.Lang) string {
	if lang == i18n.English {
		return c.en
	}
	return c.zh
}

// matches reports whether a header cell names c, in either language or by key.
func (c column) matches(cell string) bool {
	cell = strings.TrimSpace(cell)
	return strings.EqualFold(cell, c.key) || cell == c.zh || strings.EqualFold(cell, c.en)
}

// itemColumns are the columns of the items sheet in export order.
var itemColumns = []column{
	{"code", "编号", "Code"},
	{"area", "检查内容", "Area"},
	{"key", "重点项", "Key item"},
	{"text", "检查项目", "Item"},
	{"text_en", "检查项目（英文）", "Item (English)"},
	{"points", "分值", "Points"},
	{"legal_basis", "法律依据", "Legal basis"},
	{"allow_na", "可不适用", "N/A allowed"},
	{"confidence", "核实程度", "Confidence"},
}

// infoRows are the rows of the info sheet; version, status and default are shown on
// export and ignored on import (an import is always a new draft).
var infoRows = []column{
	{"sector", "适用业态", "Sector"},
	{"region", "适用地区（空为全国）", "Region (empty: national)"},
	{"title", "标题", "Title"},
	{"title_en", "英文标题", "Title (English)"},
	{"basis", "依据", "Basis"},
	{"note", "说明", "Note"},
	{"placeholder", "省级表格占位", "Provincial placeholder"},
	{"max_general_failures", "基本符合：一般项不符合最多", "Basically compliant: most general failures"},
	{"max_key_failures", "重点项不符合最多（超过即不符合）", "Most key failures (more: non-compliant)"},
	{"rule_source", "阈值来源", "Threshold source"},
	{"version", "版本（导入时忽略）", "Version (ignored on import)"},
	{"status", "状态（导入时忽略）", "Status (ignored on import)"},
}

// yesNo writes a flag as the sheet shows it.
func yesNo(lang i18n.Lang, v bool) string {
	switch {
	case v && lang == i18n.English:
		return "yes"
	case v:
		return "是"
	case lang == i18n.English:
		return "no"
	}
	return "否"
}

// parseFlag reads a flag cell; ok is false for anything but the usual spellings of yes and
// no (an empty cell is no).
func parseFlag(cell string) (v, ok bool) {
	switch strings.ToLower(strings.TrimSpace(cell)) {
	case "是", "*", "★", "y", "yes", "true", "1", "√":
		return true, true
	case "", "否", "n", "no", "false", "0":
		return false, true
	}
	return false, false
}

// parsePoints reads an optional non-negative number.
func parsePoints(cell string) (*float64, bool) {
	cell = strings.TrimSpace(cell)
	if cell == "" {
		return nil, true
	}
	v, err := strconv.ParseFloat(cell, 64)
	if err != nil {
		return nil, false
	}
	return &v, true
}

// parseConfidence reads a confidence as a tag ("[M]") or a name ("unverified").
func parseConfidence(cell string) (rules.Confidence, bool) {
	cell = strings.TrimSpace(cell)
	for _, c := range []rules.Confidence{rules.Verified, rules.Secondary, rules.Unverified} {
		if strings.EqualFold(cell, string(c)) || strings.EqualFold(cell, c.Tag()) {
			return c, true
		}
	}
	return "", cell == ""
}

// parseSector reads a sector by code or by its name in either language.
func parseSector(cell string) Sector {
	cell = strings.TrimSpace(cell)
	for _, s := range Sectors {
		if strings.EqualFold(cell, string(s)) || cell == i18n.T(i18n.Chinese, sectorKey(s), nil) ||
			strings.EqualFold(cell, i18n.T(i18n.English, sectorKey(s), nil)) {
			return s
		}
	}
	return Sector(cell)
}

// sectorKey is the message key of a sector's name.
func sectorKey(s Sector) string { return "inspect.sector." + string(s) }
