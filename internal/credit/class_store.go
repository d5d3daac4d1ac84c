package credit

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
)

// TopicClassChanged is the journal topic of a change of a business's credit class; its
// payload is a ClassChanged. The draw takes it as the class the business is drawn under.
const TopicClassChanged = "credit.class.changed"

// ClassChanged is the payload of TopicClassChanged. Previous is "" for the first class a
// business gets.
type ClassChanged struct {
	BusinessID  int64  `json:"business_id"`
	Class       string `json:"class"`
	Previous    string `json:"previous_class"`
	RuleVersion string `json:"rule_version"` // the rule versions applied, space-separated
	On          string `json:"on"`           // the day classified, YYYY-MM-DD
}

// reclassify computes the class of a business in tx from its records under pol and keeps
// it; when it differs from the class kept before, it appends a TopicClassChanged entry.
func reclassify(ctx context.Context, tx *sql.Tx, pol *Policy, businessID int64) (Class, error) {
	records, err := recordsOf(ctx, tx, businessID)
	if err != nil {
		return Class{}, err
	}
	c := pol.Classify(businessID, records)
	explanation, err := json.Marshal(c)
	if err != nil {
		return c, fmt.Errorf("encode credit class of %d: %w", businessID, err)
	}
	var previous string
	err = tx.QueryRowContext(ctx, `SELECT credit_class FROM credit_classes WHERE business_id = $1`, businessID).Scan(&previous)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("read credit class of %d: %w", businessID, store.Normalize(err))
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO credit_classes (business_id, credit_class, rule_refs, explanation, computed_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (business_id) DO UPDATE SET credit_class = excluded.credit_class,
		rule_refs = excluded.rule_refs, explanation = excluded.explanation, computed_at = excluded.computed_at`,
		businessID, c.Class, c.RuleRefs, string(explanation), time.Now().UTC())
	if err != nil {
		return c, fmt.Errorf("keep credit class of %d: %w", businessID, store.Normalize(err))
	}
	if previous == c.Class {
		return c, nil
	}
	_, err = journal.Append(ctx, tx, journal.Entry{Topic: TopicClassChanged, Key: strconv.FormatInt(businessID, 10),
		Payload: ClassChanged{BusinessID: businessID, Class: c.Class, Previous: previous, RuleVersion: c.RuleRefs, On: c.On.Format(time.DateOnly)}})
	return c, err
}

// keptClass reads the class kept for a business, or nil before its first classification.
func keptClass(ctx context.Context, q querier, businessID int64) (*Class, error) {
	var explanation string
	err := q.QueryRowContext(ctx, `SELECT explanation FROM credit_classes WHERE business_id = $1`, businessID).Scan(&explanation)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read credit class of %d: %w", businessID, store.Normalize(err))
	}
	var c Class
	if err := json.Unmarshal([]byte(explanation), &c); err != nil {
		return nil, fmt.Errorf("decode credit class of %d: %w", businessID, err)
	}
	return &c, nil
}

// Reclassify recomputes the class of every business that has a credit record or a kept
// class, as of today: listings run out and penalties leave the look-back years with time,
// not only when a record changes. It returns how many classes changed.
func (s *Service) Reclassify(ctx context.Context) (int, error) {
	pol, err := LoadPolicy(ctx, s.book, s.today())
	if err != nil {
		return 0, err
	}
	ids, err := classifiedBusinesses(ctx, s.st.ReadDB())
	if err != nil {
		return 0, err
	}
	changed := 0
	for _, id := range ids {
		err := s.st.Tx(ctx, func(tx *sql.Tx) error {
			before, err := keptClass(ctx, tx, id)
			if err != nil {
				return err
			}
			c, err := reclassify(ctx, tx, pol, id)
			if err == nil && (before == nil || before.Class != c.Class) {
				changed++
			}
			return err
		})
		if err != nil {
			return changed, err
		}
	}
	return changed, audit.RecordOwnTx(ctx, s.st, audit.Event{Action: "reclassify", ObjectType: "credit_class",
		After: map[string]any{"businesses": len(ids), "changed": changed, "on": pol.Day.Format(time.DateOnly)}})
}

func classifiedBusinesses(ctx context.Context, db *sql.DB) ([]int64, error) {
	rows, err := db.QueryContext(ctx, `SELECT business_id FROM credit_records UNION SELECT business_id FROM credit_classes ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("list classified businesses: %w", store.Normalize(err))
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("scan business id: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
