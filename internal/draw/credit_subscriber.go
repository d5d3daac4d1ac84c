package draw

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/journal"
)

// creditClassChanged is the credit file's fact that a business's credit class (信用风险分类)
// changed; its payload names the business and the class.
const creditClassChanged = "credit.class.changed"

// Subscribe keeps the entity directory's credit classes current from the credit file: each
// class change of a business is the class it is drawn under from then on.
func (s *Store) Subscribe(d *journal.Dispatcher) {
	d.Subscribe("draw.credit-classes", []string{creditClassChanged}, s.onCreditClass)
}

// onCreditClass stores the class of a credit.class.changed entry in the dispatcher's tx.
func (s *Store) onCreditClass(ctx context.Context, tx *sql.Tx, e journal.Entry) error {
	raw, _ := e.Payload.(json.RawMessage)
	var p struct {
		BusinessID int64       `json:"business_id"`
		Class      CreditClass `json:"class"`
	}
	if err := json.Unmarshal(raw, &p); err != nil || p.BusinessID == 0 || !validClass(p.Class) {
		return fmt.Errorf("%s entry %d: want a business and a class A-D: %s", e.Topic, e.ID, raw)
	}
	return s.setClass(ctx, tx, p.BusinessID, p.Class)
}

// setClass stores class as the one business is drawn under, with its audit entry.
func (s *Store) setClass(ctx context.Context, tx *sql.Tx, businessID int64, class CreditClass) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO draw_credit_classes (business_id, credit_class, updated_at) VALUES ($1, $2, $3)
		ON CONFLICT (business_id) DO UPDATE SET credit_class = excluded.credit_class, updated_at = excluded.updated_at`,
		businessID, class, time.Now().UTC())
	if err := referenceField(err, "business_id"); err != nil {
		return err
	}
	return audit.Record(ctx, s.st, tx, audit.Event{Action: "update", ObjectType: "draw_credit_class", ObjectID: fmt.Sprint(businessID), After: class})
}
