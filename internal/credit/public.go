package credit

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/store"
)

// PublicRecord is what the public may see of a record (Order 45 art. 4: the decision number,
// the violation type, the content of the penalty, the date), nothing internal.
type PublicRecord struct {
	Kind           Kind       `json:"kind"`
	DocumentNumber string     `json:"document_number"`
	DecidedOn      time.Time  `json:"decided_on"`
	Violation      string     `json:"violation,omitempty"`
	Measures       []Measure  `json:"measures,omitempty"`
	FineYuan       float64    `json:"fine_yuan,omitempty"`
	Reason         string     `json:"reason,omitempty"`
	PublishedOn    time.Time  `json:"published_on"`
	PublicUntil    *time.Time `json:"public_until,omitempty"`
}

// PublicFile is the public projection of a business's credit file: the records published,
// inside their publicity period and not withdrawn or ended early. The class is internal.
type PublicFile struct {
	USCC    string         `json:"uscc"`
	Name    string         `json:"name"`
	Records []PublicRecord `json:"records"`
}

// Public reads the public projection of the business with USCC uscc, for anyone.
func (s *Service) Public(ctx context.Context, uscc string) (*PublicFile, error) {
	db := s.st.ReadDB()
	f := &PublicFile{USCC: uscc, Records: []PublicRecord{}}
	var id int64
	err := store.Normalize(db.QueryRowContext(ctx, `SELECT id, name FROM businesses WHERE uscc = $1`, uscc).Scan(&id, &f.Name))
	if errors.Is(err, store.ErrNotFound) {
		return nil, errHidden
	}
	if err != nil {
		return nil, fmt.Errorf("read business %s: %w", uscc, err)
	}
	records, err := recordsOf(ctx, db, id)
	if err != nil {
		return nil, err
	}
	today := s.today()
	for _, r := range records {
		if r.Public(today) {
			f.Records = append(f.Records, PublicRecord{Kind: r.Kind, DocumentNumber: r.DocumentNumber, DecidedOn: r.DecidedOn,
				Violation: r.Violation, Measures: r.Measures, FineYuan: r.FineYuan, Reason: r.Reason,
				PublishedOn: *r.Published, PublicUntil: r.PublicUntil()})
		}
	}
	return f, nil
}
