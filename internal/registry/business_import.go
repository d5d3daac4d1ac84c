package registry

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/store"
)

// RowError is a field error of one imported row (Row is 1-based, as the spreadsheet shows
// it once the caller adds its header offset).
type RowError = apperr.FieldError

// CreateMany imports businesses all-or-nothing: every row is checked as CheckMany does and,
// only if no row has an error, all rows are inserted in one transaction. It returns every
// row error found, with Row set to the row's index in rows plus one. progress, when set, is
// called as rows are checked and written (done counts both passes, total is 2×len(rows)).
func (s *BusinessStore) CreateMany(ctx context.Context, rows []BusinessInput, progress func(done, total int)) ([]RowError, error) {
	if progress == nil {
		progress = func(int, int) {}
	}
	total := 2 * len(rows)
	checked, bad, err := s.check(ctx, rows, func(done int) { progress(done, total) })
	if err != nil || len(bad) > 0 {
		return bad, err
	}
	err = s.st.Tx(ctx, func(tx *sql.Tx) error {
		w := s.newInserter(tx, time.Now().UTC())
		defer w.Close()
		var first, last int64
		for start := 0; start < len(checked); start += store.BatchSize {
			end := min(start+store.BatchSize, len(checked))
			ids, err := w.write(ctx, checked[start:end])
			if err != nil {
				return err
			}
			for _, id := range ids {
				if first == 0 || id < first {
					first = id
				}
				last = max(last, id)
			}
			progress(len(rows)+end, total)
		}
		// One entry for the whole import: the businesses it created are the ids first…last.
		return audit.Record(ctx, s.st, tx, audit.Event{Action: "import", ObjectType: "business", ObjectID: fmt.Sprintf("%d-%d", first, last),
			After: map[string]any{"rows": len(checked), "first_id": first, "last_id": last}})
	})
	if apperr.CodeOf(err) == apperr.Invalid {
		// Another writer registered one of the codes since the check: name the rows.
		if bad, checkErr := s.CheckMany(ctx, rows); checkErr != nil || len(bad) > 0 {
			return bad, checkErr
		}
	}
	if err != nil {
		return nil, err
	}
	progress(total, total)
	return nil, nil
}

// CheckMany checks rows as CreateMany does, without writing: fields, placement, duplicates
// inside the batch and against the database. It returns every row error found, with Row
// set to the row's index in rows plus one.
func (s *BusinessStore) CheckMany(ctx context.Context, rows []BusinessInput) ([]RowError, error) {
	_, bad, err := s.check(ctx, rows, func(int) {})
	return bad, err
}

// check validates and places every row and looks for duplicate codes; done is called
// every thousand rows with the number checked.
func (s *BusinessStore) check(ctx context.Context, rows []BusinessInput, done func(int)) ([]validated, []RowError, error) {
	checked := make([]validated, len(rows))
	var bad []RowError
	place := newPlacements(s.st.ReadDB())
	seen := map[string]int{} // code key → first row
	for i, in := range rows {
		v, errs, err := checkRow(ctx, place, i+1, in)
		if err != nil {
			return nil, nil, err
		}
		bad = append(append(bad, errs...), duplicatesInFile(seen, i+1, v)...)
		checked[i] = v
		if i%1000 == 0 {
			done(i)
		}
	}
	existing, err := s.existingCodes(ctx, checked)
	if err != nil {
		return nil, nil, err
	}
	for i, v := range checked {
		for _, c := range v.codes() {
			if c.value != "" && existing[c.key()] {
				bad = append(bad, RowError{Row: i + 1, Field: c.field, Rule: "duplicate"})
			}
		}
	}
	return checked, bad, nil
}

// checkRow validates and places row number n; err is a failure to check, not a broken rule.
func checkRow(ctx context.Context, place *placements, n int, in BusinessInput) (validated, []RowError, error) {
	v, err := in.Validate()
	bad := rowErrors(n, err)
	if v.StationID <= 0 {
		return v, bad, nil
	}
	v.districtID, err = place.check(ctx, v.BusinessInput)
	if err != nil && apperr.CodeOf(err) != apperr.Invalid {
		return v, nil, err
	}
	return v, append(bad, rowErrors(n, err)...), nil
}

// code is a value that no two businesses share, named by its field.
type code struct{ field, value string }

// key names c in a set of codes of any field.
func (c code) key() string { return c.field + ":" + c.value }

// codes are the unique codes of v.
func (v validated) codes() [2]code {
	return [2]code{{"uscc", v.USCC}, {"licence_no", v.LicenceNo}}
}

// duplicatesInFile reports the codes of row n that an earlier row has, and remembers the
// others in seen.
func duplicatesInFile(seen map[string]int, n int, v validated) []RowError {
	var bad []RowError
	for _, c := range v.codes() {
		if c.value == "" {
			continue
		}
		if first, dup := seen[c.key()]; dup {
			bad = append(bad, RowError{Row: n, Field: c.field, Rule: "duplicate_in_file", Params: map[string]any{"row": first}})
		} else {
			seen[c.key()] = n
		}
	}
	return bad
}

// rowErrors returns the field errors of err numbered with row, or nil when err is not a
// validation error.
func rowErrors(row int, err error) []RowError {
	if err == nil {
		return nil
	}
	var e *apperr.Error
	if !errors.As(err, &e) || e.Code != apperr.Invalid {
		return nil
	}
	out := make([]RowError, len(e.Fields))
	for i, f := range e.Fields {
		f.Row = row
		out[i] = f
	}
	return out
}

// registered looks up which of a batch of codes a business already has, by field.
var registered = map[string]*store.BatchSQL{
	"uscc":       {Head: `SELECT uscc FROM businesses WHERE uscc IN (`, Tuple: `?`, Tail: `)`},
	"licence_no": {Head: `SELECT licence_no FROM businesses WHERE licence_no IN (`, Tuple: `?`, Tail: `)`},
}

// existingCodes returns which codes of rows are already registered, by key, so
// that duplicates are reported per row instead of aborting the transaction.
func (s *BusinessStore) existingCodes(ctx context.Context, rows []validated) (map[string]bool, error) {
	codes := map[string][]any{}
	for _, v := range rows {
		for _, c := range v.codes() {
			if c.value != "" {
				codes[c.field] = append(codes[c.field], c.value)
			}
		}
	}
	lookups := store.NewBatches(s.st.ReadDB(), s.st.Dialect())
	defer lookups.Close()
	found := map[string]bool{}
	for field, values := range codes {
		for start := 0; start < len(values); start += store.BatchSize {
			part := values[start:min(start+store.BatchSize, len(values))]
			if err := findCodes(ctx, lookups, registered[field], part, func(c string) { found[code{field, c}.key()] = true }); err != nil {
				return nil, fmt.Errorf("find existing %s: %w", field, err)
			}
		}
	}
	return found, nil
}
