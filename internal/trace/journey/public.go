package journey

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/trace/graph"
	"github.com/shejian/shejian/internal/web"
)

// publicView is the public page of a trace code (追溯码): the journey of its lot as the
// public may see it. It holds, by construction, nothing internal: no quantities, USCCs,
// ticket numbers, event IDs, people, nor identifiers of other lots.
type publicView struct {
	Lang              i18n.Lang
	Loading, NotFound bool
	Product, GTIN     string
	Batch, Origin     string
	Checks            []string
	Stages            []publicStage
}

// publicStage is one step of the journey: when, what happened, where.
type publicStage struct {
	Date, What, Business, District, Goods string
	Checks                                []string
}

// publicPage answers GET /t/{code}.
func (h *Handler) publicPage(w http.ResponseWriter, r *http.Request) {
	ctx, lang := r.Context(), web.LangFrom(r.Context())
	lot, ok, err := h.codes.lotOf(ctx, r.PathValue("code"))
	switch {
	case err != nil:
		web.Fail(w, r, err)
	case !ok:
		h.public.render(w, r, http.StatusNotFound, publicView{Lang: lang, NotFound: true})
	case !h.index.Ready():
		w.Header().Set("Retry-After", "30")
		h.public.render(w, r, http.StatusServiceUnavailable, publicView{Lang: lang, Loading: true})
	default:
		v, err := h.publicJourney(ctx, lang, lot)
		if err != nil {
			web.Fail(w, r, err)
			return
		}
		h.public.render(w, r, http.StatusOK, v)
	}
}

// publicJourney is lot's journey: its backward trace (where it and what it is made of came
// from) and the lot's own steps of its forward trace (where it went), in time order.
func (h *Handler) publicJourney(ctx context.Context, lang i18n.Lang, lot string) (publicView, error) {
	v := publicView{Lang: lang}
	v.GTIN, v.Batch = lotNumbers(lot)
	back, err := h.index.graph.Backward(lot, graph.Options{})
	if errors.Is(err, graph.ErrUnknownID) {
		return v, nil // issued for a lot whose events were all withdrawn since
	}
	if err != nil {
		return v, fmt.Errorf("public journey of %s: %w", lot, err)
	}
	fwd, err := h.index.graph.Forward(lot, graph.Options{})
	if err != nil {
		return v, fmt.Errorf("public journey of %s: %w", lot, err)
	}
	steps := journeySteps(lot, back, fwd)
	var places []string
	var rows []int64
	for _, s := range steps {
		places, rows = append(places, stagePlace(s)), append(rows, s.Row)
	}
	bs, err := businessesAt(ctx, h.st, places)
	if err != nil {
		return v, err
	}
	notes, err := readNotes(ctx, h.st, rows)
	if err != nil {
		return v, err
	}
	products := map[string]string{}
	for _, s := range steps {
		if n := notes[s.Row]; n.product != "" && products[s.ID] == "" {
			products[s.ID] = n.product
		}
		if n := notes[s.Row]; s.ID == lot && v.Origin == "" {
			v.Origin = n.origin
		}
	}
	v.Product = products[lot]
	for _, s := range steps {
		st := publicStage{Date: chinaTime(s.Time).Format("2006-01-02"), What: stepWhat(lang, s),
			Checks: checkLabels(lang, notes[s.Row].checks)}
		st.Business, st.District = publicPlace(lang, bs, stagePlace(s))
		if s.ID != lot && s.Carries == "" {
			st.Goods = cmp.Or(products[s.ID], i18n.T(lang, "journey.public.ingredient", nil))
		}
		v.Checks = appendNew(v.Checks, st.Checks...)
		if n := len(v.Stages); n == 0 || !sameStage(v.Stages[n-1], st) {
			v.Stages = append(v.Stages, st)
		}
	}
	return v, nil
}

// journeySteps are the backward trace's steps and the forward trace's steps of the lot
// itself (or a pallet carrying it), each once, in time order.
func journeySteps(lot string, back, fwd graph.Trace) []graph.Step {
	own := slices.DeleteFunc(slices.Clone(fwd.Steps), func(s graph.Step) bool { return s.ID != lot && s.Carries != lot })
	out := uniqueSteps(back.Steps, own)
	slices.SortStableFunc(out, func(a, b graph.Step) int { return a.Time.Compare(b.Time) })
	return out
}

// stagePlace is where a step happened for the public: where a shipment left from (the
// market of a ticket), else the step's location.
func stagePlace(s graph.Step) string {
	if from, _ := movement(s); s.BizStep == shippingStep && from != "" {
		return from
	}
	return s.Location
}

// publicPlace names a place for the public: a registered business by name and district, any
// other as an unregistered producer or trader, nameless.
func publicPlace(lang i18n.Lang, bs map[string]*business, location string) (name, district string) {
	p := (&viewer{businesses: bs}).business(location)
	if p == nil {
		return i18n.T(lang, "journey.public.unregistered", nil), ""
	}
	return p.name, p.districtName
}

// lotNumbers reads the GTIN and batch number printed on a lot's packages from its
// identifier: a GS1 Digital Link, or one of our URNs (batch only).
func lotNumbers(lot string) (gtin, batch string) {
	if _, b, ok := lotAssigner(lot); ok {
		batch, _ = url.PathUnescape(b)
		return "", batch
	}
	rest, ok := strings.CutPrefix(lot, gs1Lot)
	g, b, cut := strings.Cut(rest, "/10/")
	if !ok || !cut {
		return "", ""
	}
	batch, _ = url.PathUnescape(b)
	return g, batch
}

// checkLabels names checks in lang.
func checkLabels(lang i18n.Lang, checks []string) []string {
	out := make([]string, 0, len(checks))
	for _, c := range checks {
		out = append(out, i18n.T(lang, "journey.check."+c, nil))
	}
	return out
}

// appendNew appends the values not in list yet.
func appendNew(list []string, values ...string) []string {
	for _, v := range values {
		if !slices.Contains(list, v) {
			list = append(list, v)
		}
	}
	return list
}

// sameStage reports whether two stages read the same (one event listing several lots, a
// pallet's steps beside the lot's).
func sameStage(a, b publicStage) bool {
	return a.Date == b.Date && a.What == b.What && a.Business == b.Business && a.Goods == b.Goods && slices.Equal(a.Checks, b.Checks)
}

// publicPages renders the public pages: a page of their own, without the staff's layout
// and navigation.
type publicPages struct{ tmpl *template.Template }

func newPublicPages() *publicPages {
	funcs := template.FuncMap{
		"t":      func(lang i18n.Lang, key string) string { return i18n.T(lang, key, nil) },
		"static": web.StaticURL,
	}
	return &publicPages{template.Must(template.New("public.html").Funcs(funcs).ParseFS(files, "templates/public.html"))}
}

// render writes the page with status.
func (p *publicPages) render(w http.ResponseWriter, r *http.Request, status int, v publicView) {
	var buf bytes.Buffer
	if err := p.tmpl.Execute(&buf, v); err != nil {
		slog.ErrorContext(r.Context(), "render the public trace page", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	buf.WriteTo(w)
}
