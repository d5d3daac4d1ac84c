package credit

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/journal"
)

// penaltyDecided is the enforcement capability's fact that a case ended in a penalty
// decision (行政处罚决定); its payload is what the credit file records of a penalty.
const penaltyDecided = "enforce.penalty.decided"

// Subscribe makes the credit file record every penalty decided in a case, as the bureau would
// enter it by hand, once: a decision whose number is on file already is a repeat delivery.
func (s *Service) Subscribe(d *journal.Dispatcher) {
	d.Subscribe("credit.penalties", []string{penaltyDecided}, s.onPenalty)
}

func (s *Service) onPenalty(ctx context.Context, tx *sql.Tx, e journal.Entry) error {
	raw, _ := e.Payload.(json.RawMessage)
	var p struct {
		BusinessID     int64     `json:"business_id"`
		DocumentNumber string    `json:"document_number"`
		DecidedOn      string    `json:"decided_on"`
		Violation      string    `json:"violation"`
		Measures       []Measure `json:"measures"`
		FineYuan       float64   `json:"fine_yuan"`
		BanMonths      int       `json:"ban_months"`
		Severe         bool      `json:"severe"`
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		return fmt.Errorf("%s entry %d: %w", e.Topic, e.ID, err)
	}
	var known bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM credit_records WHERE kind = $1 AND document_number = $2)`,
		string(KindPenalty), p.DocumentNumber).Scan(&known)
	if err != nil || known {
		return err
	}
	in := RecordInput{BusinessID: p.BusinessID, Kind: KindPenalty, DocumentNumber: p.DocumentNumber, DecidedOn: p.DecidedOn,
		Violation: p.Violation, Measures: p.Measures, FineYuan: p.FineYuan, BanMonths: p.BanMonths, Severe: p.Severe}
	r, err := in.record(s.today())
	if err != nil {
		return fmt.Errorf("%s entry %d: %w", e.Topic, e.ID, err)
	}
	decided, err := s.policy(ctx, r.DecidedOn, "decided_on")
	if err != nil {
		return err
	}
	r.Publicity = decided.publicityOf(r, s.cal)
	// The decision was taken by a bureau with jurisdiction over the business: the credit file
	// records it city-wide, as the system.
	return s.enter(access.WithScope(ctx, access.Everywhere), tx, &r)
}
