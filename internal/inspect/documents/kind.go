package documents

// Kind is a kind of inspection document.
type Kind string

// The kinds, as the URL names them.
const (
	Record Kind = "record" // 现场检查笔录: the on-site record of what was checked and found
	Result Kind = "result" // 监督检查结果记录表: the result sheet posted at the shop (Order 49 art. 39)
	Order  Kind = "order"  // 责令改正通知书: the order to correct failed general items
)

// Kinds lists the kinds in the order an inspection issues them.
var Kinds = []Kind{Record, Result, Order}

// Title is the document's title as printed.
func (k Kind) Title() string {
	switch k {
	case Record:
		return "现场检查笔录"
	case Result:
		return "监督检查结果记录表"
	}
	return "责令改正通知书"
}

// word is the kind's word in the document number, after the issuer's prefix:
// "…市监检〔2026〕12号" for a record.
func (k Kind) word() string {
	switch k {
	case Record:
		return "检"
	case Result:
		return "检结"
	}
	return "责改"
}
