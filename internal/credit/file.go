package credit

import (
	"context"
	"time"
)

// FileRecord is a record as the file shows it on a day: with its state and the first day it
// is no longer public.
type FileRecord struct {
	Record
	State       string     `json:"state"`
	PublicUntil *time.Time `json:"public_until,omitempty"`
}

// fileRecord is r as the file shows it on day.
func fileRecord(r Record, day time.Time) FileRecord {
	return FileRecord{Record: r, State: r.State(day), PublicUntil: r.PublicUntil()}
}

// File is the credit file (信用档案) of a business: its records, its class with the
// explanation of every line (kept, or computed now before its first record) and its repair
// requests.
type File struct {
	Business
	Today   time.Time    `json:"today"`
	Class   *Class       `json:"class"`
	Records []FileRecord `json:"records"`
	Repairs []Repair     `json:"repairs"`
}

// File reads the credit file of business id in the caller's scope.
func (s *Service) File(ctx context.Context, id int64) (*File, error) {
	db := s.st.ReadDB()
	b, err := business(ctx, db, id, false)
	if err != nil {
		return nil, err
	}
	f := &File{Business: b, Today: s.today(), Records: []FileRecord{}}
	records, err := recordsOf(ctx, db, id)
	if err != nil {
		return nil, err
	}
	for _, r := range records {
		f.Records = append(f.Records, fileRecord(r, f.Today))
	}
	if f.Class, err = keptClass(ctx, db, id); err != nil || f.Class == nil {
		pol, err := LoadPolicy(ctx, s.book, f.Today)
		if err != nil {
			return nil, err
		}
		c := pol.Classify(id, records)
		f.Class = &c
	}
	if f.Repairs, err = repairsOf(ctx, db, id); err != nil {
		return nil, err
	}
	return f, nil
}
