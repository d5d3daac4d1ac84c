package registry

import (
	"embed"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/web"
)

//go:embed templates locale
var files embed.FS

func init() { i18n.MustRegister(files, "locale") }

// Handler serves the registry's pages and API.
type Handler struct {
	Businesses *BusinessStore
	Orgs       *OrgStore
	People     *PersonStore
	pages      map[string]*web.Page
}

// NewHandler returns the registry handler over st.
func NewHandler(st *store.Store) *Handler {
	h := &Handler{Businesses: NewBusinessStore(st), Orgs: NewOrgStore(st), People: NewPersonStore(st), pages: map[string]*web.Page{}}
	for _, name := range []string{"home", "business_list", "business_detail", "business_form", "org_tree", "org_unit", "people_list", "person_form"} {
		h.pages[name] = web.MustPage(files, "templates/"+name+".html", "templates/people_table.html")
	}
	return h
}

// Routes registers every registry page and API route.
func (h *Handler) Routes(r *web.Router) {
	h.businessPageRoutes(r)
	h.businessAPIRoutes(r)
	h.orgRoutes(r)
	h.personRoutes(r)
}
