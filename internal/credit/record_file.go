package credit

import (
	"context"
	"slices"
	"time"

	"github.com/shejian/shejian/internal/apperr"
)

// RecordFile is one credit record with what its page shows around it: the business, the
// record as the file shows it today and the repair requests about it, newest first.
type RecordFile struct {
	Business
	Today   time.Time
	Record  FileRecord
	Repairs []Repair
	// RepairBlocked is the refusal a repair request about the record would get today: a
	// request still pending, or the conditions of repair it fails (field errors on
	// record_id); nil when one may be filed.
	RepairBlocked error
}

// RecordFile reads record id when the caller's scope covers its business.
func (s *Service) RecordFile(ctx context.Context, id int64) (*RecordFile, error) {
	db := s.st.ReadDB()
	r, err := record(ctx, db, id, false)
	if err != nil {
		return nil, err
	}
	b, err := business(ctx, db, r.BusinessID, false)
	if err != nil {
		return nil, err
	}
	f := &RecordFile{Business: b, Today: s.today(), Repairs: []Repair{}}
	f.Record = fileRecord(r, f.Today)
	all, err := repairsOf(ctx, db, r.BusinessID)
	if err != nil {
		return nil, err
	}
	for _, rp := range all {
		if rp.RecordID == id {
			f.Repairs = append(f.Repairs, rp)
		}
	}
	if slices.ContainsFunc(f.Repairs, func(rp Repair) bool { return rp.Status == RepairPending }) {
		f.RepairBlocked = apperr.Fields(apperr.Field("record_id", "credit_repair_pending", nil))
		return f, nil
	}
	f.RepairBlocked = s.repairable(ctx, db, r)
	if code := apperr.CodeOf(f.RepairBlocked); code != "" && code != apperr.Invalid {
		return nil, f.RepairBlocked
	}
	return f, nil
}

// RepairFile reads the record page of repair request id, in the caller's scope.
func (s *Service) RepairFile(ctx context.Context, id int64) (*RecordFile, error) {
	rp, err := repairByID(ctx, s.st.ReadDB(), id, false)
	if err != nil {
		return nil, err
	}
	return s.RecordFile(ctx, rp.RecordID)
}
