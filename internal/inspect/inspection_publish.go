package inspect

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
)

// Publish makes a signed inspection's result public (结果公开, Order 49 art. 39): its public
// projection appears, and the fact "inspect.published" says whether it came late.
// Publishing again answers the inspection as it is.
func (s *Inspections) Publish(ctx context.Context, uuid string) (*Inspection, error) {
	in, v, err := s.readable(ctx, uuid)
	if err != nil {
		return nil, forbidIfHidden(err)
	}
	switch {
	case !v.mayWrite(in):
		return nil, errOutOfScope
	case in.PublishedAt != nil:
		return in, nil
	case in.SignedAt == nil:
		return nil, wrongStage(in.Status, []Stage{Signed})
	}
	now := s.now()
	err = s.st.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO inspection_publications (inspection_id, published_at, published_by)
			VALUES ($1, $2, $3) ON CONFLICT (inspection_id) DO NOTHING`, in.ID, now.UTC(), actor(ctx))
		if err != nil {
			return fmt.Errorf("publish %s: %w", uuid, store.Normalize(err))
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err // published meanwhile: nothing more to record
		}
		day := now.In(calendar.China)
		late := in.PublishDue != nil && day.Format(time.DateOnly) > in.PublishDue.Format(time.DateOnly)
		fact := PublishedFact{UUID: in.UUID, BusinessID: in.BusinessID, Date: day.Format(time.DateOnly), Late: late}
		if _, err := journal.Append(ctx, tx, journal.Entry{Topic: TopicPublished, Key: in.UUID, Payload: fact}); err != nil {
			return err
		}
		return audit.Record(ctx, s.st, tx, audit.Event{Action: "publish", ObjectType: sealInspection,
			ObjectID: strconv.FormatInt(in.ID, 10), After: fact})
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, uuid)
}

// PublicResult is the public projection of a published inspection: who, when, what result;
// no notes, photos, inspectors or internal ids.
type PublicResult struct {
	UUID         string    `json:"uuid"`
	BusinessName string    `json:"business_name"`
	Date         string    `json:"date"`
	Kind         Kind      `json:"kind"`
	Outcome      Outcome   `json:"outcome"`
	PublishedAt  time.Time `json:"published_at"`
}

// PublicResults lists the published results, newest first: of one business when business
// is set, or the one inspection uuid when that is set.
func (s *Inspections) PublicResults(ctx context.Context, business int64, uuid string) ([]PublicResult, error) {
	out := []PublicResult{}
	err := each(ctx, s.st.ReadDB(), "public results", `SELECT i.uuid, b.name, i.signed_at, i.kind, i.outcome, p.published_at
		FROM inspection_publications p JOIN inspections i ON i.id = p.inspection_id JOIN businesses b ON b.id = i.business_id
		WHERE ($1 = 0 OR i.business_id = $1) AND ($2 = '' OR i.uuid = $2) ORDER BY i.signed_at DESC, i.id DESC LIMIT 100`,
		[]any{business, uuid}, func(r *sql.Rows) error {
			var p PublicResult
			var signed time.Time
			err := r.Scan(&p.UUID, &p.BusinessName, &signed, &p.Kind, &p.Outcome, &p.PublishedAt)
			p.Date, p.PublishedAt = signed.In(calendar.China).Format(time.DateOnly), p.PublishedAt.UTC()
			out = append(out, p)
			return err
		})
	return out, err
}

// PublicResult returns the public projection of inspection uuid, NotFound until published.
func (s *Inspections) PublicResult(ctx context.Context, uuid string) (*PublicResult, error) {
	uuid, _ = normalUUID(uuid)
	list, err := s.PublicResults(ctx, 0, uuid)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, inspectionNotFound(uuid)
	}
	return &list[0], nil
}
