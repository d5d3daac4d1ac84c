package enforce

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
)

// CaseSources are the sources of a case registered by hand; inspections register their own.
var CaseSources = []string{"complaint", "sampling", "referral", "other"}

// CaseSourceInput registers a case source (案件来源登记) that did not come from an
// inspection: a complaint, a failed sample, a referral from another office.
type CaseSourceInput struct {
	BusinessID int64  `json:"business_id"`
	Source     string `json:"source"`
	SourceRef  string `json:"source_ref"`
	Facts      string `json:"facts"`
}

// RegisterCase registers a case source about a business in the caller's scope, today.
func (s *Service) RegisterCase(ctx context.Context, in CaseSourceInput) (*Case, error) {
	var out *Case
	err := s.st.Tx(ctx, func(tx *sql.Tx) error {
		p, err := businessPlace(ctx, tx, in.BusinessID)
		if err != nil {
			return err
		}
		if !p.writableBy(access.ScopeFrom(ctx)) {
			return errOutOfScope
		}
		if err := in.validate(); err != nil {
			return err
		}
		id, err := s.insertCase(ctx, tx, caseSource{Place: p, Day: s.today(),
			Findings: Findings{KeyFailures: []string{}, GeneralFailures: []string{}, Note: strings.TrimSpace(in.Facts)},
			Facts:    map[string]any{"source": in.Source, "source_ref": strings.TrimSpace(in.SourceRef)}})
		if err != nil {
			return err
		}
		out, err = caseByID(ctx, tx, id)
		return err
	})
	return out, err
}

func (in CaseSourceInput) validate() error {
	var v apperr.Collector
	if !slices.Contains(CaseSources, in.Source) {
		v.Add("source", "one_of", map[string]any{"values": strings.Join(CaseSources, ", ")})
	}
	switch facts := strings.TrimSpace(in.Facts); {
	case facts == "":
		v.Add("facts", "required", nil)
	case len([]rune(facts)) > maxNote:
		v.Add("facts", "too_long", map[string]any{"max": maxNote})
	}
	if len([]rune(in.SourceRef)) > maxDocument {
		v.Add("source_ref", "too_long", map[string]any{"max": maxDocument})
	}
	return v.Err()
}

// businessPlace reads where business id lies; an unknown business is a field error.
func businessPlace(ctx context.Context, tx *sql.Tx, id int64) (place, error) {
	p := place{business: id}
	err := tx.QueryRowContext(ctx, `SELECT district_id, station_id FROM businesses WHERE id = $1`, id).Scan(&p.district, &p.station)
	if errors.Is(err, sql.ErrNoRows) {
		return p, apperr.Fields(apperr.Field("business_id", "not_found", nil))
	}
	if err != nil {
		return p, fmt.Errorf("business %d: %w", id, store.Normalize(err))
	}
	return p, nil
}
