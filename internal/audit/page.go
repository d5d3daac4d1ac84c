package audit

import (
	"net/http"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/web"
)

// Actions and ObjectTypes are the values the filter form offers; the log stores any.
var (
	Actions = []string{"create", "update", "delete", "status", "login", "login_failed", "lockout", "logout",
		"logout_all", "enable", "disable", "reset_password", "revoke", "csrf_refused", "read_personal", "import",
		"export", "override"}
	ObjectTypes = []string{"business", "org_unit", "person", "user", "token", "rule", "session"}
)

// pageView is the data of the audit page.
type pageView struct {
	Filter      Filter
	From, To    string
	Err         error
	Result      *listJSON
	Rows        []entryRow
	LastPage    int
	Actions     []option
	ObjectTypes []option
}

// entryRow is an entry as the table shows it.
type entryRow struct {
	Entry
	When    string
	Role    string
	Action  string
	Object  string
	Changes []Change
}

// option is a value of a select list with its label.
type option struct{ Value, Label string }

func (h *Handler) page(w http.ResponseWriter, r *http.Request) {
	lang := web.LangFrom(r.Context())
	f, err := FilterFromQuery(r.URL.Query())
	v := pageView{Filter: f, Err: err, From: dateText(f.From, 0), To: dateText(f.To, 24*time.Hour),
		Actions: options(lang, "audit.action.", Actions), ObjectTypes: options(lang, "audit.object.", ObjectTypes)}
	if err == nil {
		if v.Result, err = h.list(r, f); err != nil {
			web.Fail(w, r, err)
			return
		}
		v.LastPage = max(1, (v.Result.Total+v.Result.PerPage-1)/v.Result.PerPage)
		for _, e := range v.Result.Entries {
			v.Rows = append(v.Rows, entryRow{Entry: e, When: e.At.In(calendar.China).Format(time.DateTime),
				Role: roleLabels(lang, e.ActorRole), Action: label(lang, "audit.action.", e.Action), Object: label(lang, "audit.object.", e.ObjectType),
				Changes: e.Changes()})
		}
	} else {
		w.WriteHeader(http.StatusBadRequest)
	}
	listPage.Render(w, r, v)
}

// label translates a stored value by prefix+value, or shows it as it is when unknown.
func label(lang i18n.Lang, prefix, value string) string {
	if i18n.Has(lang, prefix+value) {
		return i18n.T(lang, prefix+value, nil)
	}
	return value
}

// roleLabels translates the roles of an actor, which the log stores joined with ","
// ("district_admin,lab_technician": an account may hold several), each on its own.
func roleLabels(lang i18n.Lang, roles string) string {
	parts := strings.Split(roles, ",")
	for i, r := range parts {
		parts[i] = label(lang, "role.", r)
	}
	return strings.Join(parts, i18n.T(lang, "audit.roles_joiner", nil))
}

func options(lang i18n.Lang, prefix string, values []string) []option {
	out := make([]option, len(values))
	for i, v := range values {
		out[i] = option{Value: v, Label: label(lang, prefix, v)}
	}
	return out
}
