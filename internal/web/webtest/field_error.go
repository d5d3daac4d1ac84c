package webtest

import "github.com/shejian/shejian/internal/i18n"

// FieldError is the start of the error a form page shows beside field when rule refuses it,
// in Chinese: the pages' templates give that span the id <field>-error.
func FieldError(field, rule string, params map[string]any) string {
	return `id="` + field + `-error">` + i18n.T(i18n.Chinese, "rule."+rule, params)
}
