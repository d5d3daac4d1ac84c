package registry

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
)

// RowError is a field error of one imported row (Row is 1-based, as the spreadsheet shows
// it once the caller adds its header offset).
type RowError = apperr.FieldError

// CreateMany imports businesses all-or-nothing: every row is validated (fields, placement,
// duplicates inside the batch and against the database) and, only if no row has an error,
// all rows are inserted in one transaction. It returns every row error found, with Row set
// to the row's index in rows plus one. progress, when set, is called as rows are checked and
// written (done counts both passes, total is 2×len(rows)).
func (s *BusinessStore) CreateMany(ctx context.Context, rows []BusinessInput, progress func(done, total int)) ([]RowError, error) {
	if progress == nil {
		progress = func(int, int) {}
	}
	total := 2 * len(rows)
	checked := make([]validated, len(rows))
	var bad []RowError
	seen := map[string]int{}
	place := newPlacements(s.st.ReadDB())
	for i, in := range rows {
		v, err := in.Validate()
		bad = append(bad, rowErrors(i+1, err)...)
		if v.StationID > 0 {
			var placeErr error
			if v.districtID, placeErr = place.check(ctx, v.BusinessInput); placeErr != nil && apperr.CodeOf(placeErr) != apperr.Invalid {
				return nil, placeErr
			}
			bad = append(bad, rowErrors(i+1, placeErr)...)
		}
		checked[i] = v
		for _, key := range []struct{ field, value string }{{"uscc", v.USCC}, {"licence_no", v.LicenceNo}} {
			if key.value == "" {
				continue
			}
			if first, dup := seen[key.field+":"+key.value]; dup {
				bad = append(bad, RowError{Row: i + 1, Field: key.field, Rule: "duplicate_in_file", Params: map[string]any{"row": first}})
			} else {
				seen[key.field+":"+key.value] = i + 1
			}
		}
		if i%1000 == 0 {
			progress(i, total)
		}
	}
	existing, err := s.existingCodes(ctx, checked)
	if err != nil {
		return nil, err
	}
	for i, v := range checked {
		for _, f := range []struct{ field, value string }{{"uscc", v.USCC}, {"licence_no", v.LicenceNo}} {
			if f.value != "" && existing[f.value] {
				bad = append(bad, RowError{Row: i + 1, Field: f.field, Rule: "duplicate"})
			}
		}
	}
	if len(bad) > 0 {
		return bad, nil
	}
	err = s.st.Tx(ctx, func(tx *sql.Tx) error {
		now := time.Now().UTC()
		for i, v := range checked {
			if _, err := s.insert(ctx, tx, v, now); err != nil {
				if row := rowErrors(i+1, err); len(row) > 0 {
					bad = append(bad, row...)
					continue
				}
				return err
			}
			if i%1000 == 0 {
				progress(len(rows)+i, total)
			}
		}
		if len(bad) > 0 {
			return errRowsRejected
		}
		return nil
	})
	if errors.Is(err, errRowsRejected) {
		return bad, nil
	}
	progress(total, total)
	return nil, err
}

// errRowsRejected rolls back an import whose rows failed database checks.
var errRowsRejected = errors.New("rows rejected")

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

// existingCodes returns which USCCs and licence numbers of rows are already registered, so
// that duplicates are reported per row instead of aborting the transaction.
func (s *BusinessStore) existingCodes(ctx context.Context, rows []validated) (map[string]bool, error) {
	var codes []any
	for _, v := range rows {
		codes = append(codes, v.USCC)
		if v.LicenceNo != "" {
			codes = append(codes, v.LicenceNo)
		}
	}
	found := map[string]bool{}
	const chunk = 500
	for start := 0; start < len(codes); start += chunk {
		part := codes[start:min(start+chunk, len(codes))]
		marks := make([]string, len(part))
		for i := range part {
			marks[i] = fmt.Sprintf("$%d", i+1)
		}
		in := strings.Join(marks, ",")
		rows, err := s.st.ReadDB().QueryContext(ctx, `SELECT uscc FROM businesses WHERE uscc IN (`+in+`) UNION SELECT licence_no FROM businesses WHERE licence_no IN (`+in+`)`, part...)
		if err != nil {
			return nil, fmt.Errorf("find existing codes: %w", err)
		}
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				rows.Close()
				return nil, err
			}
			found[c] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return found, nil
}
