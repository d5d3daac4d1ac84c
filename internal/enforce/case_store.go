package enforce

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
)

// registerCase registers the case source (案件来源登记) of signed inspection in: its
// findings, with the filing decision due the rule's working days later. A second delivery
// inserts nothing.
func (s *Service) registerCase(ctx context.Context, tx *sql.Tx, in signedInspection, day time.Time) error {
	_, err := s.insertCase(ctx, tx, caseSource{InspectionUUID: in.UUID, Corrects: in.Corrects,
		Place:    place{in.BusinessID, in.DistrictID, in.StationID},
		Findings: Findings{KeyFailures: in.KeyFailures, GeneralFailures: orEmpty(in.GeneralFailures)},
		Day:      day, Facts: map[string]any{"source": "inspection", "inspection_uuid": in.UUID}})
	return err
}

// caseSource is what registers a case: where, what was found, on which day and the facts
// of the source (an inspection, a complaint, a sampling failure, a referral).
type caseSource struct {
	InspectionUUID, Corrects string
	Place                    place
	Findings                 Findings
	Day                      time.Time
	Facts                    map[string]any
}

// insertCase registers src at step 案件来源登记, due the filing rule's working days later,
// and returns the case id; 0 when the inspection's case exists already.
func (s *Service) insertCase(ctx context.Context, tx *sql.Tx, src caseSource) (int64, error) {
	due, ref, err := s.workingDeadline(ctx, ruleFilingDays, src.Day)
	if err != nil {
		return 0, err
	}
	findings, err := json.Marshal(src.Findings)
	if err != nil {
		return 0, fmt.Errorf("case of business %d: %w", src.Place.business, err)
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO cases (inspection_uuid, corrects, business_id, district_id, station_id,
		findings, step, step_due, registered_on, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, 'registered', $7, $8, $9, $9)
		ON CONFLICT (inspection_uuid) WHERE inspection_uuid <> '' DO NOTHING RETURNING id`,
		src.InspectionUUID, src.Corrects, src.Place.business, src.Place.district, src.Place.station, string(findings),
		due, src.Day, s.stamp()).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil // delivered before
	}
	if err != nil {
		return 0, fmt.Errorf("case of business %d: %w", src.Place.business, store.Normalize(err))
	}
	c := &Case{ID: id, BusinessID: src.Place.business, DistrictID: src.Place.district, StationID: src.Place.station}
	src.Facts["rule_ref"] = ref
	return id, s.addStep(ctx, tx, c, CaseStep{Step: Registered, DoneOn: src.Day, DueOn: &due, Facts: src.Facts})
}

func orEmpty(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// addStep appends row to case c in tx, audits it and journals the step.
func (s *Service) addStep(ctx context.Context, tx *sql.Tx, c *Case, row CaseStep) error {
	facts, err := json.Marshal(row.Facts)
	if err != nil {
		return fmt.Errorf("case %d step %s: %w", c.ID, row.Step, err)
	}
	row.RecordedBy, row.RecordedAt = actor(ctx), s.stamp()
	err = tx.QueryRowContext(ctx, `INSERT INTO case_steps (case_id, step, done_on, due_on, approved_by, note, facts,
		recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		c.ID, string(row.Step), row.DoneOn, row.DueOn, row.ApprovedBy, row.Note, string(facts), row.RecordedBy, row.RecordedAt).Scan(&row.ID)
	if err != nil {
		return fmt.Errorf("case %d step %s: %w", c.ID, row.Step, store.Normalize(err))
	}
	err = audit.Record(ctx, s.st, tx, audit.Event{Action: "step", ObjectType: "case",
		ObjectID: strconv.FormatInt(c.ID, 10), After: row})
	if err != nil {
		return err
	}
	_, err = journal.Append(ctx, tx, journal.Entry{Topic: TopicCaseStep, Key: strconv.FormatInt(c.ID, 10), Payload: c.fact(row.Step, row.DoneOn)})
	return err
}

const caseColumns = `c.id, c.inspection_uuid, c.corrects, c.business_id, b.name, c.district_id, c.station_id, c.findings,
	c.step, c.step_due, c.hearing_requested, c.document_number, c.fine_yuan, c.confiscated_yuan, c.paid_yuan, c.registered_on`

const caseFrom = ` FROM cases c JOIN businesses b ON b.id = c.business_id`

func scanCase(row interface{ Scan(...any) error }) (*Case, error) {
	c := &Case{Steps: []CaseStep{}}
	var findings string
	var due sql.NullTime
	var hearing int
	err := row.Scan(&c.ID, &c.InspectionUUID, &c.Corrects, &c.BusinessID, &c.BusinessName, &c.DistrictID, &c.StationID,
		&findings, &c.Step, &due, &hearing, &c.DocumentNumber, &c.FineYuan, &c.ConfiscatedYuan, &c.PaidYuan, &c.RegisteredOn)
	if err != nil {
		return nil, err
	}
	c.StepDue, c.HearingRequested, c.RegisteredOn = store.TimePtr(due), hearing == 1, c.RegisteredOn.UTC()
	if err := json.Unmarshal([]byte(findings), &c.Findings); err != nil {
		return nil, fmt.Errorf("findings of case %d: %w", c.ID, err)
	}
	return c, nil
}

// caseByID reads case id with its steps.
func caseByID(ctx context.Context, q querier, id int64) (*Case, error) {
	c, err := scanCase(q.QueryRowContext(ctx, `SELECT `+caseColumns+caseFrom+` WHERE c.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, caseNotFound(id)
	}
	if err != nil {
		return nil, fmt.Errorf("case %d: %w", id, store.Normalize(err))
	}
	c.Steps, err = stepsOf(ctx, q, id)
	return c, err
}

func caseNotFound(id int64) error {
	return apperr.New(apperr.NotFound, "enforce.case_not_found", map[string]any{"id": id})
}

func stepsOf(ctx context.Context, q querier, id int64) ([]CaseStep, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, step, done_on, due_on, approved_by, note, facts, recorded_by, recorded_at
		FROM case_steps WHERE case_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("steps of case %d: %w", id, store.Normalize(err))
	}
	defer rows.Close()
	out := []CaseStep{}
	for rows.Next() {
		var st CaseStep
		var due sql.NullTime
		var facts string
		if err := rows.Scan(&st.ID, &st.Step, &st.DoneOn, &due, &st.ApprovedBy, &st.Note, &facts, &st.RecordedBy, &st.RecordedAt); err != nil {
			return nil, fmt.Errorf("steps of case %d: %w", id, store.Normalize(err))
		}
		st.DueOn, st.DoneOn, st.RecordedAt = store.TimePtr(due), st.DoneOn.UTC(), st.RecordedAt.UTC()
		if err := json.Unmarshal([]byte(facts), &st.Facts); err != nil {
			return nil, fmt.Errorf("facts of case %d step %s: %w", id, st.Step, err)
		}
		out = append(out, st)
	}
	return out, store.Normalize(rows.Err())
}
