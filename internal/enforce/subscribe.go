package enforce

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/journal"
)

// subscriberName keys this package's delivery state in the journal.
const subscriberName = "enforce.signed-inspections"

// Subscribe makes d hand every signed inspection to the service: general failures only
// order a rectification, a key failure registers a case source.
func (s *Service) Subscribe(d *journal.Dispatcher) {
	d.Subscribe(subscriberName, []string{topicInspectionSigned}, s.onSigned)
}

// onSigned handles one signed inspection in tx. It is idempotent: the inspection's UUID is
// unique among rectifications and cases, so a second delivery finds its record and stops.
// Order does not matter either: an inspection whose correction came first is skipped.
func (s *Service) onSigned(ctx context.Context, tx *sql.Tx, e journal.Entry) error {
	var in signedInspection
	if err := e.Decode(&in); err != nil {
		return err
	}
	day, err := time.Parse(time.DateOnly, in.Date)
	if err != nil || in.UUID == "" {
		return fmt.Errorf("signed inspection %q: bad date %q or no uuid", in.UUID, in.Date)
	}
	if superseded, err := correctedAlready(ctx, tx, in.UUID); err != nil || superseded {
		return err
	}
	if in.Corrects != "" {
		if err := s.replaceRectification(ctx, tx, in.Corrects, in.UUID); err != nil {
			return err
		}
	}
	switch {
	case len(in.KeyFailures) > 0:
		return s.registerCase(ctx, tx, in, day)
	case len(in.GeneralFailures) > 0:
		return s.orderRectification(ctx, tx, in, day)
	}
	return nil
}

// correctedAlready reports whether a correction of inspection uuid was handled before it.
func correctedAlready(ctx context.Context, tx *sql.Tx, uuid string) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM rectifications WHERE corrects = $1)
		+ (SELECT count(*) FROM cases WHERE corrects = $1)`, uuid).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("corrections of %s: %w", uuid, err)
	}
	return n > 0, nil
}
