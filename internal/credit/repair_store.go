package credit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/seal"
	"github.com/shejian/shejian/internal/store"
)

// The statuses of a repair request.
const (
	RepairPending  = "pending"
	RepairApproved = "approved"
	RepairRejected = "rejected"
)

// sealType names repair requests in seals: a decided request is final.
const sealType = "credit_repair"

// Repair is a credit-repair request and, once decided, the bureau's decision.
type Repair struct {
	ID             int64      `json:"id"`
	BusinessID     int64      `json:"business_id"`
	RecordID       int64      `json:"record_id"`
	Reason         string     `json:"reason"`
	Evidence       string     `json:"evidence"`
	Status         string     `json:"status"`
	RequestedAt    time.Time  `json:"requested_at"`
	RequestedBy    string     `json:"requested_by"`
	DecidedAt      *time.Time `json:"decided_at,omitempty"`
	DecidedBy      string     `json:"decided_by,omitempty"`
	DecisionReason string     `json:"decision_reason,omitempty"`
}

// Decision is the bureau's answer to a repair request; a rejection needs its reason.
type Decision struct {
	Approve bool   `json:"approve"`
	Reason  string `json:"reason"`
}

// RequestRepair files a repair request about a record of a business in the caller's scope
// after checking every condition of repair; each condition that fails is a field error.
func (s *Service) RequestRepair(ctx context.Context, in RepairInput) (Repair, error) {
	var rp Repair
	err := s.st.Tx(ctx, func(tx *sql.Tx) error {
		target, err := repairTarget(ctx, tx, in.RecordID)
		if err != nil {
			return err // the scope first: a record outside it is refused whatever the input
		}
		var c apperr.Collector
		in.validate(&c)
		if err := c.Err(); err != nil {
			return err
		}
		if err := s.repairable(ctx, tx, target); err != nil {
			return err
		}
		rp = Repair{BusinessID: target.BusinessID, RecordID: target.ID, Reason: in.Reason, Evidence: in.Evidence,
			Status: RepairPending, RequestedAt: time.Now().UTC().Truncate(time.Microsecond), RequestedBy: login(ctx)}
		err = store.Normalize(tx.QueryRowContext(ctx, `INSERT INTO credit_repairs (business_id, record_id, reason, evidence, status,
			requested_at, requested_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			rp.BusinessID, rp.RecordID, rp.Reason, rp.Evidence, rp.Status, rp.RequestedAt, rp.RequestedBy).Scan(&rp.ID))
		if errors.Is(err, store.ErrUnique) {
			return apperr.Fields(apperr.Field("record_id", "credit_repair_pending", nil))
		}
		if err != nil {
			return fmt.Errorf("insert credit repair: %w", err)
		}
		return audit.Record(ctx, s.st, tx, audit.Event{Action: "create", ObjectType: sealType, ObjectID: strconv.FormatInt(rp.ID, 10), After: rp})
	})
	return rp, err
}

// repairTarget reads the record a repair is about: a write in the caller's scope.
func repairTarget(ctx context.Context, tx *sql.Tx, recordID int64) (Record, error) {
	target, err := record(ctx, tx, recordID, true)
	if errors.Is(err, errHidden) {
		return target, apperr.Fields(apperr.Field("record_id", "not_found", nil))
	}
	return target, err
}

// repairable checks the conditions of repairing target against the file of its business as
// of today, in a transaction or, for the record page, on the read pool.
func (s *Service) repairable(ctx context.Context, q querier, target Record) error {
	records, err := recordsOf(ctx, q, target.BusinessID)
	if err != nil {
		return err
	}
	pol, err := LoadPolicy(ctx, s.book, s.today())
	if err != nil {
		return err
	}
	var c apperr.Collector
	pol.checkRepair(&c, target, records)
	return c.Err()
}

// Decide answers a pending repair request of a business in the caller's scope. Approval
// checks the conditions again as of today and ends the record's publicity or listing early
// (kept in the file as repaired); either answer is final: the request is sealed and any
// later decision is a Conflict (409).
func (s *Service) Decide(ctx context.Context, id int64, d Decision) (Repair, error) {
	var rp Repair
	err := s.st.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if rp, err = repairByID(ctx, tx, id, true); err != nil {
			return err
		}
		if err := seal.CheckWritable(ctx, tx, seal.ObjectOf(sealType, id)); err != nil {
			return err
		}
		if err := s.decide(ctx, tx, &rp, d); err != nil {
			return err
		}
		if err := seal.Seal(ctx, tx, seal.ObjectOf(sealType, id), seal.Signed, rp.DecidedBy); err != nil {
			return err
		}
		return audit.Record(ctx, s.st, tx, audit.Event{Action: "decide", ObjectType: sealType, ObjectID: strconv.FormatInt(id, 10), After: rp})
	})
	return rp, err
}

// decide writes the decision and, on approval, its effect on the record and the class.
func (s *Service) decide(ctx context.Context, tx *sql.Tx, rp *Repair, d Decision) error {
	var c apperr.Collector
	checkNote(&c, "reason", d.Reason, !d.Approve)
	if err := c.Err(); err != nil {
		return err
	}
	if d.Approve {
		target, err := repairTarget(ctx, tx, rp.RecordID)
		if err == nil {
			err = s.repairable(ctx, tx, target)
		}
		if err != nil {
			return err
		}
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	rp.Status, rp.DecidedAt, rp.DecidedBy, rp.DecisionReason = RepairRejected, &now, login(ctx), d.Reason
	if d.Approve {
		rp.Status = RepairApproved
		if _, err := tx.ExecContext(ctx, `UPDATE credit_records SET ended_on = $1, end_reason = $2, end_note = $3, updated_at = $4
			WHERE id = $5 AND ended_on IS NULL`, s.today(), EndRepaired, d.Reason, now, rp.RecordID); err != nil {
			return fmt.Errorf("end credit record %d: %w", rp.RecordID, err)
		}
		if err := announceStored(ctx, tx, rp.RecordID); err != nil {
			return err
		}
	}
	res, err := tx.ExecContext(ctx, `UPDATE credit_repairs SET status = $1, decided_at = $2, decided_by = $3, decision_reason = $4
		WHERE id = $5 AND status = $6`, rp.Status, now, rp.DecidedBy, rp.DecisionReason, rp.ID, RepairPending)
	if err != nil {
		return fmt.Errorf("decide credit repair %d: %w", rp.ID, seal.Normalize(err))
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return apperr.New(apperr.Conflict, "credit.repair_decided", nil)
	}
	return s.reclassifyToday(ctx, tx, rp.BusinessID)
}

// login is the caller's login, or the system's for work done for no one.
func login(ctx context.Context) string {
	if l := audit.ActorFrom(ctx).Login; l != "" {
		return l
	}
	return audit.SystemLogin
}

const repairColumns = `id, business_id, record_id, reason, evidence, status, requested_at, requested_by, decided_at, decided_by, decision_reason`

func scanRepair(row interface{ Scan(...any) error }) (Repair, error) {
	var rp Repair
	var decided sql.NullTime
	err := row.Scan(&rp.ID, &rp.BusinessID, &rp.RecordID, &rp.Reason, &rp.Evidence, &rp.Status, &rp.RequestedAt, &rp.RequestedBy,
		&decided, &rp.DecidedBy, &rp.DecisionReason)
	rp.RequestedAt, rp.DecidedAt = rp.RequestedAt.UTC(), utcPtr(decided)
	return rp, err
}

// repairByID reads request id when the caller's scope covers its business.
func repairByID(ctx context.Context, q querier, id int64, write bool) (Repair, error) {
	rp, err := scanRepair(q.QueryRowContext(ctx, `SELECT `+repairColumns+` FROM credit_repairs WHERE id = $1`, id))
	if errors.Is(store.Normalize(err), store.ErrNotFound) {
		return rp, errHidden
	}
	if err != nil {
		return rp, fmt.Errorf("read credit repair %d: %w", id, err)
	}
	_, err = business(ctx, q, rp.BusinessID, write)
	return rp, err
}

// repairsOf lists the repair requests of a business, newest first.
func repairsOf(ctx context.Context, q querier, businessID int64) ([]Repair, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+repairColumns+` FROM credit_repairs WHERE business_id = $1 ORDER BY id DESC`, businessID)
	if err != nil {
		return nil, fmt.Errorf("read credit repairs of %d: %w", businessID, store.Normalize(err))
	}
	defer rows.Close()
	out := []Repair{}
	for rows.Next() {
		rp, err := scanRepair(rows)
		if err != nil {
			return nil, fmt.Errorf("scan credit repair: %w", err)
		}
		out = append(out, rp)
	}
	return out, rows.Err()
}
