package risk

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/store"
)

// maxReported bounds the row errors one refused import reports.
const maxReported = 500

// ruleOutOfScope is the rule a row breaks by naming a business outside the importer's
// jurisdiction.
const ruleOutOfScope = "out_of_scope"

// ImportReport says what an import did: of its rows, how many events were new, how many
// repeated one already stored or an earlier row of the file (the same key, eventKey), and
// how many name a reference that was corrected (a penalty decision revoked, an inspection
// corrected: risk_event_corrections), which never counts; each with its first maxReported
// spreadsheet rows.
type ImportReport struct {
	Rows          int   `json:"rows"`
	New           int   `json:"imported"`
	Repeats       int   `json:"repeats"`
	RepeatRows    []int `json:"repeat_rows"`
	Corrected     int   `json:"corrected"`
	CorrectedRows []int `json:"corrected_rows"`
}

// ImportHistory imports record events (history of inspections, sampling failures,
// penalties, complaints, triggers and listings) from a CSV or xlsx file, all or nothing:
// when any row is bad nothing is written and the error lists every bad cell with its
// spreadsheet row, field and rule. A business that inScope refuses (nil admits every one)
// counts as a bad row and makes the error Forbidden; it is Invalid otherwise. An event
// already stored, or given twice in the file, is a repeat: reported, not stored again, so
// that importing a file twice changes nothing.
func (s *Service) ImportHistory(ctx context.Context, fileName string, data []byte, inScope InScope) (ImportReport, error) {
	events, err := s.readHistory(ctx, data, inScope)
	if err != nil {
		return ImportReport{}, err
	}
	rep := ImportReport{Rows: len(events), RepeatRows: []int{}, CorrectedRows: []int{}}
	err = s.st.Tx(ctx, func(tx *sql.Tx) error {
		stored, err := storedKeys(ctx, tx, s.st.Dialect(), events)
		if err != nil {
			return err
		}
		corrected, err := correctedRefs(ctx, tx, s.st.Dialect(), events)
		if err != nil {
			return err
		}
		fresh := rep.split(events, stored, corrected)
		if err := insertEvents(ctx, tx, s.st.Dialect(), fresh, "import:"+fileName); err != nil {
			return err
		}
		return audit.Record(ctx, s.st, tx, audit.Event{Action: "import", ObjectType: "risk_events", ObjectID: fileName,
			After: map[string]any{"file": fileName, "events": rep.New, "repeats": rep.Repeats}})
	})
	return rep, err
}

// split returns the events whose reference was not corrected and whose key is neither
// stored nor an earlier event's, and counts the others.
func (rep *ImportReport) split(events []BusinessEvent, stored map[eventKey]bool, corrected map[string]bool) []BusinessEvent {
	fresh := make([]BusinessEvent, 0, len(events))
	for i, e := range events {
		row := i + 2 // the spreadsheet row, after the header
		k := e.key()
		switch {
		case e.Ref != "" && corrected[e.Ref]:
			rep.Corrected++
			rep.CorrectedRows = appendReported(rep.CorrectedRows, row)
		case stored[k]:
			rep.Repeats++
			rep.RepeatRows = appendReported(rep.RepeatRows, row)
		default:
			stored[k] = true
			fresh = append(fresh, e)
		}
	}
	rep.New = len(fresh)
	return fresh
}

// appendReported appends row to rows while they hold fewer than maxReported.
func appendReported(rows []int, row int) []int {
	if len(rows) < maxReported {
		rows = append(rows, row)
	}
	return rows
}

// readHistory reads and checks the rows of a history file and finds their businesses; any
// bad row refuses the whole file (rowErrors).
func (s *Service) readHistory(ctx context.Context, data []byte, inScope InScope) ([]BusinessEvent, error) {
	rows, err := readTable(data)
	if err != nil {
		return nil, err
	}
	if len(rows) < 2 {
		return nil, apperr.Fields(apperr.Field("file", "xlsx_no_rows", nil))
	}
	if len(rows)-1 > maxImportRows {
		return nil, apperr.Fields(apperr.Field("file", "xlsx_too_many_rows", map[string]any{"max": maxImportRows}))
	}
	at, err := columnIndexes(rows[0])
	if err != nil {
		return nil, err
	}
	events, usccs, bad := parseHistory(rows[1:], at, time.Now())
	found, err := s.businessesByUSCC(ctx, usccs)
	if err != nil {
		return nil, err
	}
	for i, u := range usccs {
		p, ok := found[u]
		switch {
		case u == "":
		case !ok:
			bad = append(bad, apperr.FieldError{Field: "risk_uscc", Rule: "not_registered", Params: map[string]any{"uscc": u}, Row: i + 2})
		case inScope != nil && !inScope(p):
			bad = append(bad, apperr.FieldError{Field: "risk_uscc", Rule: ruleOutOfScope, Row: i + 2})
		default:
			events[i].BusinessID = p.ID
		}
	}
	if len(bad) > 0 {
		return nil, rowErrors(bad)
	}
	return events, nil
}

// parseHistory reads the data rows; usccs[i] is the USCC of events[i] ("" on a bad row).
func parseHistory(rows [][]string, at map[string]int, now time.Time) ([]BusinessEvent, []string, []apperr.FieldError) {
	events, usccs := make([]BusinessEvent, len(rows)), make([]string, len(rows))
	var bad []apperr.FieldError
	for i, row := range rows {
		cell := func(field string) string {
			if j, ok := at[field]; ok && j < len(row) {
				return strings.TrimSpace(row[j])
			}
			return ""
		}
		add := func(field, rule string, params map[string]any) {
			bad = append(bad, apperr.FieldError{Field: "risk_" + field, Rule: rule, Params: params, Row: i + 2})
		}
		e, ok := parseEvent(cell, add, now)
		events[i].Event, events[i].Ref = e, cell("ref")
		if ok {
			usccs[i] = strings.ToUpper(cell("uscc"))
		}
	}
	return events, usccs, bad
}

// parseEvent reads one row's event, reporting each bad cell through add.
func parseEvent(cell func(string) string, add func(field, rule string, params map[string]any), now time.Time) (Event, bool) {
	n := 0
	fail := func(field, rule string, params map[string]any) { add(field, rule, params); n++ }
	var e Event
	if cell("uscc") == "" {
		fail("uscc", "required", nil)
	}
	e.Kind = EventKind(cell("kind"))
	if k, ok := kindLabels[cell("kind")]; ok {
		e.Kind = k
	}
	if !slices.Contains(EventKinds, e.Kind) {
		fail("kind", "one_of", map[string]any{"values": strings.Join(kindNames(), ", ")})
	}
	var ok bool
	if e.On, ok = parseDay(cell("date")); !ok {
		fail("date", "date", nil)
	} else if e.On.After(now) {
		fail("date", "not_future", nil)
	}
	if u := cell("until"); u != "" {
		until, ok := parseDay(u)
		if !ok || !until.After(e.On) {
			fail("until", "after_date", nil)
		}
		e.Until = &until
	}
	e.Result = cell("result")
	if r, ok := resultLabels[e.Result]; ok {
		e.Result = r
	}
	switch valid := e.Result == ResultCompliant || e.Result == ResultBasic || e.Result == ResultNonCompliant; {
	case e.Kind == EventInspection && !valid:
		fail("result", "one_of", map[string]any{"values": "符合, 基本符合, 不符合"})
	case e.Kind != EventInspection && e.Result != "":
		fail("result", "inspection_only", nil)
	}
	if utf8.RuneCountInString(cell("ref")) > maxRefLength {
		fail("ref", "too_long", map[string]any{"max": maxRefLength})
	}
	full, err := parseFlag(cell("full_checklist"))
	if err != nil {
		fail("full_checklist", "yes_no", nil)
	}
	e.FullChecklist = full && e.Kind == EventInspection
	return e, n == 0
}

func kindNames() []string {
	out := make([]string, len(EventKinds))
	for i, k := range EventKinds {
		out[i] = string(k)
	}
	return out
}

// rowErrors is the error of a refused import, its first maxReported cells: Forbidden when a
// row names a business outside the importer's jurisdiction (a write there is refused, as
// everywhere), Invalid otherwise.
func rowErrors(bad []apperr.FieldError) error {
	slices.SortStableFunc(bad, func(a, b apperr.FieldError) int { return a.Row - b.Row })
	e := &apperr.Error{Code: apperr.Invalid, Key: "risk.import_refused", Params: map[string]any{"errors": len(bad)}}
	if slices.ContainsFunc(bad, func(f apperr.FieldError) bool { return f.Rule == ruleOutOfScope }) {
		e.Code = apperr.Forbidden
	}
	e.Fields = bad[:min(len(bad), maxReported)]
	return e
}

// businessesByUSCC finds the businesses of the given USCCs with their placement.
func (s *Service) businessesByUSCC(ctx context.Context, usccs []string) (map[string]Placement, error) {
	unique := slices.Compact(slices.Sorted(slices.Values(usccs)))
	if len(unique) > 0 && unique[0] == "" {
		unique = unique[1:]
	}
	b := store.NewBatches(s.st.ReadDB(), s.st.Dialect())
	defer b.Close()
	out := make(map[string]Placement, len(unique))
	if err := inBatches(unique, func(args []any) error { return findBusinesses(ctx, b, args, out) }); err != nil {
		return nil, fmt.Errorf("find businesses by USCC: %w", store.Normalize(err))
	}
	return out, nil
}

var findBusinessesSQL = store.BatchSQL{Head: `SELECT uscc, ` + placementColumns + ` FROM businesses WHERE uscc IN (`, Tuple: `?`, Tail: `)`}

func findBusinesses(ctx context.Context, b *store.Batches, usccs []any, out map[string]Placement) error {
	rows, err := b.Query(ctx, &findBusinessesSQL, len(usccs), usccs)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var u string
		var p Placement
		if err := rows.Scan(append([]any{&u}, p.dest()...)...); err != nil {
			return err
		}
		out[u] = p
	}
	return rows.Err()
}
