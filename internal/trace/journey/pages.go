package journey

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/trace/graph"
	"github.com/shejian/shejian/internal/web"
)

// pageView is the /trace page: the lookup form, and the lot found, the lots to choose
// from, or why there is none.
type pageView struct {
	Input      string
	Loading    bool
	Err        string // why no lot is shown
	Candidates []string
	Lot        *lotPage
}

// lotPage is a lot's backward and forward traces, recall scope and graph, as shown.
type lotPage struct {
	ID                string
	Chart             Chart
	Districts         []recallGroup
	Unregistered      []recallRow
	Truncated         bool
	Backward, Forward []stepRow
	Reached           []reachRow
	Code              *TraceCode
	CanIssue          bool
}

// stepRow is one event of a trace: the steps of one event (a packing lists the pallet and
// the lot) are one row, naming each identifier.
type stepRow struct {
	Time, Step, Quantity, Place, PlaceSub, From, To string
	EventID, EventShort                             string
	IDs                                             []string
}

type recallGroup struct {
	District string
	Canteens int
	Places   []recallRow
}

type recallRow struct {
	Place, Sub, Quantity, Made, First, Last string
	Canteen, Masked                         bool
	Lots                                    []string
}

type reachRow struct{ ID, Href, Link, From, Time string }

// tracePage answers GET /trace?id=….
func (h *Handler) tracePage(w http.ResponseWriter, r *http.Request) {
	v := pageView{Input: strings.TrimSpace(r.URL.Query().Get("id"))}
	render := func(status int) { h.render(w, r, status, v) }
	if v.Input == "" {
		render(http.StatusOK)
		return
	}
	if !h.ready(w, r, func(status int) { v.Loading = true; render(status) }) {
		return
	}
	f, err := h.lookup(r.Context(), v.Input)
	switch code := apperr.CodeOf(err); {
	case code == apperr.NotFound || code == apperr.Invalid:
		v.Err = lookupError(web.LangFrom(r.Context()), err)
		render(web.StatusOf(code))
		return
	case err != nil:
		web.Fail(w, r, err)
		return
	}
	v.Candidates = f.candidates
	if f.lot != nil {
		if v.Lot, err = h.lotPage(r, f.lot); err != nil {
			web.Fail(w, r, err)
			return
		}
	}
	render(http.StatusOK)
}

// render writes the /trace page with status.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, v pageView) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	h.page.Render(w, r, v)
}

// lookupError says in lang why a lookup found no lot: the field errors of bad input, else
// the problem's message.
func lookupError(lang i18n.Lang, err error) string {
	var msgs []string
	for _, f := range web.TranslateFields(lang, apperr.From(err).Fields) {
		msgs = append(msgs, f.Message)
	}
	if len(msgs) == 0 {
		return web.NewProblem(lang, err).Detail
	}
	return strings.Join(msgs, "; ")
}

// lotPage builds what the page shows of an opened lot.
func (h *Handler) lotPage(r *http.Request, l *lotTraces) (*lotPage, error) {
	ctx, lang := r.Context(), web.LangFrom(r.Context())
	scope, err := h.index.graph.Recall(l.id, graph.Options{})
	if err != nil {
		return nil, err
	}
	p := &lotPage{ID: l.id, Chart: buildChart(lang, l), Backward: l.stepRows(lang, l.backward), Forward: l.stepRows(lang, l.forward),
		Truncated: scope.Truncated || l.backward.Truncated || l.forward.Truncated}
	recall := l.recall(scope)
	for _, g := range recall.Districts {
		p.Districts = append(p.Districts, recallGroup{District: g.District, Canteens: g.Canteens, Places: recallRows(lang, g.Places)})
	}
	p.Unregistered = recallRows(lang, recall.Unregistered)
	for _, t := range []graph.Trace{l.backward, l.forward} {
		for _, re := range l.reached(t) {
			if re.Link == linkNames[graph.LinkStart] {
				continue
			}
			row := reachRow{ID: re.ID, Link: i18n.T(lang, "journey.link."+re.Link, nil), From: re.From, Time: minute(re.Time)}
			if re.ID != l.id && !strings.Contains(re.ID, "*") {
				row.Href = "/trace?id=" + url.QueryEscape(re.ID)
			}
			p.Reached = append(p.Reached, row)
		}
	}
	p.CanIssue = mayIssue(ctx)
	code, ok, err := codeOf(ctx, h.st.ReadDB(), l.id)
	if ok {
		tc := traceCode(r, code, l.id)
		p.Code = &tc
	}
	return p, err
}

// mayIssue reports whether the caller may issue trace codes.
func mayIssue(ctx context.Context) bool {
	u := web.UserFrom(ctx)
	return u != nil && u.Permits != nil && u.Permits(access.TraceCapture)
}

// eventRunes is how much of an eventID a row shows; the whole is its title.
const eventRunes = 22

// stepRows are a trace's steps as the page shows them, one row an event.
func (l *lotTraces) stepRows(lang i18n.Lang, t graph.Trace) []stepRow {
	out := make([]stepRow, 0, len(t.Steps))
	for i, s := range t.Steps {
		st := l.step(s)
		id := st.ID
		if st.Carries != "" {
			id += " ⊃ " + st.Carries
		}
		if i > 0 && t.Steps[i-1].Row == s.Row {
			out[len(out)-1].IDs = append(out[len(out)-1].IDs, id)
			continue
		}
		row := stepRow{Time: minute(s.Time), Step: stepWhat(lang, s), IDs: []string{id}, EventID: st.EventID,
			EventShort: clipRunes(st.EventID, eventRunes)}
		if st.Quantity != nil {
			row.Quantity = amount(lang, *st.Quantity, st.UOM)
		}
		if st.Place != nil {
			row.Place, row.PlaceSub = placeLabel(lang, *st.Place), placeSub(lang, *st.Place)
		}
		if st.Source != nil {
			row.From = placeLabel(lang, *st.Source)
		}
		if st.Destination != nil {
			row.To = placeLabel(lang, *st.Destination)
		}
		out = append(out, row)
	}
	return out
}

// recallRows are a recall's places as the page shows them.
func recallRows(lang i18n.Lang, places []RecallPlace) []recallRow {
	out := make([]recallRow, 0, len(places))
	for _, p := range places {
		out = append(out, recallRow{Place: placeLabel(lang, p.Place), Sub: placeSub(lang, p.Place),
			Quantity: quantitiesLabel(lang, p.Quantities), Made: quantitiesLabel(lang, p.Made), First: minute(p.First), Last: minute(p.Last),
			Canteen: p.Place.Canteen, Masked: p.Place.Seen != SeenFull, Lots: p.Lots})
	}
	return out
}

// issuePage answers POST /trace/codes from the lot's page: it issues the code and goes
// back to the page, which shows it.
func (h *Handler) issuePage(w http.ResponseWriter, r *http.Request) {
	input := strings.TrimSpace(r.PostFormValue("id"))
	if input == "" {
		web.Fail(w, r, errNoID)
		return
	}
	if !h.ready(w, r, func(status int) { h.render(w, r, status, pageView{Input: input, Loading: true}) }) {
		return
	}
	tc, _, err := h.issue(r, input)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/trace?id=%s&flash=journey.code_issued", url.QueryEscape(tc.Lot)), http.StatusSeeOther)
}
