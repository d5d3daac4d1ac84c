package app

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/trace/ticket"
)

// TestEveryPageRenders opens every GET page of the router, in both languages, as the city
// admin over the demo city: a template that fails at run time would answer 500 here.
func TestEveryPageRenders(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	a, city, _ := demoApp(t, st)
	admin, err := access.NewUsers(st).ByLogin(context.Background(), "admin")
	if err != nil {
		t.Fatal(err)
	}
	session, _, err := a.Access.Sessions.Start(context.Background(), admin.ID)
	if err != nil {
		t.Fatal(err)
	}
	restaurant, err := a.Registry.Businesses.Get(context.Background(), city.Demo.BusinessID)
	if err != nil {
		t.Fatal(err)
	}
	ids := strings.NewReplacer("{id}", itoa(city.Demo.StationID), "{key}", "inspect.publish_deadline_working_days",
		"{number}", recordTicket(t, st, restaurant.USCC, "1"), "{code}", traceCodeOf(t, a, ticket.LotPrefix+restaurant.USCC+":B1"),
		"{uuid}", newInspection(t, st, restaurant.ID))
	drawID, drawCode := publishedDrawTask(t, st, city.Demo.GridID)
	for _, route := range a.Router.Routes() {
		if route.Method != http.MethodGet || apiPath(route.Path) || strings.Contains(route.Path, "/reports/") {
			continue
		}
		path := strings.TrimSuffix(ids.Replace(route.Path), "{$}")
		if strings.HasPrefix(route.Path, "/businesses/{id}") || strings.HasPrefix(route.Path, "/risk/businesses/{id}") ||
			strings.HasPrefix(route.Path, "/inspect/businesses/{id}") || strings.HasPrefix(route.Path, "/credit/businesses/{id}") {
			path = strings.Replace(route.Path, "{id}", itoa(city.Demo.BusinessID), 1)
		}
		if strings.HasPrefix(route.Path, "/inspect/templates/{id}") {
			path = strings.Replace(route.Path, "{id}", itoa(defaultTemplate(t, st).ID), 1)
		}
		if route.Path == "/cases/{id}" {
			path = "/cases/" + newCase(t, st, restaurant.ID)
		}
		if route.Path == "/credit/records/{id}" {
			path = "/credit/records/" + itoa(enterCreditPenalty(t, st, restaurant.ID, 1))
		}
		if route.Path == "/rectifications/{id}" {
			path = "/rectifications/" + newRectification(t, st, restaurant.ID, "pages-test")
		}
		if route.Path == "/draws/{id}" {
			path = "/draws/" + drawID
		}
		if route.Path == "/public/draws/{code}" {
			path = "/public/draws/" + drawCode
		}
		if strings.HasPrefix(route.Path, "/people/{id}") {
			path = strings.Replace(route.Path, "{id}", itoa(city.Demo.InspectorID), 1)
		}
		for _, lang := range i18n.Langs {
			t.Run(string(lang)+path, func(t *testing.T) {
				r := httptest.NewRequest("GET", path, nil)
				r.AddCookie(&http.Cookie{Name: access.SessionCookie, Value: session})
				r.AddCookie(&http.Cookie{Name: "lang", Value: string(lang)})
				w := httptest.NewRecorder()
				a.Handler.ServeHTTP(w, r)
				if w.Code != http.StatusOK {
					t.Fatalf("GET %s: %d %.300s", path, w.Code, w.Body)
				}
				// A page with the navigation (the staff's pages) shows it in the page's language.
				nav, other := i18n.T(lang, "nav.registry", nil), i18n.T(otherLang(lang), "nav.registry", nil)
				if body := w.Body.String(); strings.Contains(body, `id="nav"`) && (!strings.Contains(body, nav) || strings.Contains(body, other)) {
					t.Errorf("GET %s in %s: the navigation is not in the page's language (%q wanted, %q not)", path, lang, nav, other)
				}
				if route.Path == "/businesses/{id}" && !strings.Contains(w.Body.String(), `href="/risk/businesses/`) {
					t.Errorf("GET %s: no link to the business's risk grade", path)
				}
				if route.Path == "/businesses/{id}" && !strings.Contains(w.Body.String(), `href="/credit/businesses/`) {
					t.Errorf("GET %s: no link to the business's credit file", path)
				}
			})
		}
	}
}

// otherLang is the language of the two that is not lang.
func otherLang(lang i18n.Lang) i18n.Lang {
	if lang == i18n.English {
		return i18n.Chinese
	}
	return i18n.English
}
