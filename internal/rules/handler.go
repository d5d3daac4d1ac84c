package rules

import (
	"embed"
	"net/http"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/web"
)

//go:embed templates locale
var files embed.FS

func init() { i18n.MustRegister(files, "locale") }

var (
	listPage   = web.MustPage(files, "templates/rules.html")
	detailPage = web.MustPage(files, "templates/rule.html")
)

// Handler serves the rules pages and API.
type Handler struct{ book *Book }

// NewHandler returns the handler of book.
func NewHandler(book *Book) *Handler { return &Handler{book: book} }

// Routes registers the pages and the JSON API; every route needs a logged-in user, and
// Override itself checks that the user is a city admin.
func (h *Handler) Routes(r *web.Router) {
	r.Handle("GET /rules", access.RulesRead, "List the rules in force, grouped by rule set", h.list)
	r.Handle("GET /rules/{key}", access.RulesRead, "Show a rule with its legal basis and override history", h.detail)
	r.Handle("POST /rules/{key}/override", access.RulesOverride, "Override a rule for the city (city admin)", h.overrideForm)
	r.Handle("GET /api/v1/rules", access.RulesRead, "List the rules in force", web.API(h.listAPI))
	r.Handle("GET /api/v1/rules/{key}", access.RulesRead, "Get a rule in force with its override history", web.API(h.detailAPI))
	r.Handle("POST /api/v1/rules/{key}/override", access.RulesOverride, "Override a rule for the city (city admin)", web.API(h.overrideAPI))
}

// setGroup is one rule set on the list page.
type setGroup struct {
	Set   Set
	Rules []Effective
}

// group sorts rules into their sets, in the order of the defaults file.
func (h *Handler) group(rules []Effective) []setGroup {
	var out []setGroup
	for _, s := range h.book.Sets() {
		g := setGroup{Set: s}
		for _, e := range rules {
			if e.Set == s.Name && e.Version == s.Version {
				g.Rules = append(g.Rules, e)
			}
		}
		if len(g.Rules) > 0 {
			out = append(out, g)
		}
	}
	return out
}

func canOverride(r *http.Request) bool {
	return access.Can(web.UserFrom(r.Context()), access.RulesOverride)
}
