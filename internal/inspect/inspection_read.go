package inspect

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/shejian/shejian/internal/seal"
	"github.com/shejian/shejian/internal/store"
)

// Get returns inspection uuid with everything recorded on it, whoever asks; the handlers
// check the caller's scope.
func (s *Inspections) Get(ctx context.Context, uuid string) (*Inspection, error) {
	uuid, _ = normalUUID(uuid)
	return readInspection(ctx, s.st.ReadDB(), uuid)
}

const inspectionColumns = `i.id, i.uuid, i.source, i.source_ref, i.kind, i.business_id, b.name, i.district_id,
	i.station_id, i.template_id, i.status, i.planned_on, i.checkin_at, i.checkin_method, i.checkin_lat, i.checkin_lng,
	i.checkin_distance_m, i.result, i.explanation, i.evidence, i.signed_at, i.signed_by, i.publish_due,
	p.published_at, i.created_at, i.created_by`

const inspectionFrom = ` FROM inspections i JOIN businesses b ON b.id = i.business_id
	LEFT JOIN inspection_publications p ON p.inspection_id = i.id`

// scanInspection reads one row of inspectionColumns, without the rows of other tables.
func scanInspection(row interface{ Scan(...any) error }) (*Inspection, error) {
	var in Inspection
	var planned, checkinAt, signed, due, published sql.NullTime
	var method, result, evidence string
	var lat, lng, dist sql.NullFloat64
	err := row.Scan(&in.ID, &in.UUID, &in.Source, &in.SourceRef, &in.Kind, &in.BusinessID, &in.BusinessName,
		&in.DistrictID, &in.StationID, &in.TemplateID, &in.Status, &planned, &checkinAt, &method, &lat, &lng, &dist,
		&result, &in.Explanation, &evidence, &signed, &in.SignedBy, &due, &published, &in.CreatedAt, &in.CreatedBy)
	if err != nil {
		return nil, err
	}
	in.PlannedOn, in.SignedAt, in.PublishDue, in.PublishedAt = store.TimePtr(planned), store.TimePtr(signed),
		store.TimePtr(due), store.TimePtr(published)
	in.CreatedAt = in.CreatedAt.UTC()
	if checkinAt.Valid {
		in.CheckIn = &CheckIn{At: checkinAt.Time.UTC(), Method: method, Lat: floatPtr(lat), Lng: floatPtr(lng), DistanceM: floatPtr(dist)}
	}
	if result != "" {
		in.Result = new(Result)
		if err := json.Unmarshal([]byte(result), in.Result); err != nil {
			return nil, fmt.Errorf("result of inspection %s: %w", in.UUID, err)
		}
	}
	if evidence != "" {
		if err := json.Unmarshal([]byte(evidence), &in.EvidenceHashes); err != nil {
			return nil, fmt.Errorf("evidence hashes of inspection %s: %w", in.UUID, err)
		}
	}
	if in.PublishedAt != nil {
		in.Status = Public
	}
	return &in, nil
}

func floatPtr(f sql.NullFloat64) *float64 {
	if !f.Valid {
		return nil
	}
	return &f.Float64
}

// readInspection reads inspection uuid and its inspectors, answers, evidence, signatures
// and corrections; an unknown uuid is NotFound.
func readInspection(ctx context.Context, q querier, uuid string) (*Inspection, error) {
	in, err := scanInspection(q.QueryRowContext(ctx, `SELECT `+inspectionColumns+inspectionFrom+` WHERE i.uuid = $1`, uuid))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, inspectionNotFound(uuid)
	}
	if err != nil {
		return nil, fmt.Errorf("read inspection %s: %w", uuid, store.Normalize(err))
	}
	for _, read := range []func(context.Context, querier, *Inspection) error{readInspectors, readAnswers, readEvidence, readSignatures, readCorrections} {
		if err := read(ctx, q, in); err != nil {
			return nil, err
		}
	}
	return in, nil
}

// each runs scan on every row of query, wrapping errors with what.
func each(ctx context.Context, q querier, what, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", what, store.Normalize(err))
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", what, store.Normalize(err))
	}
	return nil
}

func readInspectors(ctx context.Context, q querier, in *Inspection) error {
	in.Inspectors = []Inspector{}
	return each(ctx, q, "inspectors of "+in.UUID, `SELECT x.person_id, p.name, x.seat FROM inspection_inspectors x
		JOIN people p ON p.id = x.person_id WHERE x.inspection_id = $1 ORDER BY x.seat`, []any{in.ID}, func(r *sql.Rows) error {
		var p Inspector
		err := r.Scan(&p.PersonID, &p.Name, &p.Seat)
		in.Inspectors = append(in.Inspectors, p)
		return err
	})
}

func readAnswers(ctx context.Context, q querier, in *Inspection) error {
	in.Answers = []ItemAnswer{}
	return each(ctx, q, "answers of "+in.UUID, `SELECT uuid, item_code, answer, note, answered_at, answered_by
		FROM inspection_answers WHERE inspection_id = $1`, []any{in.ID}, func(r *sql.Rows) error {
		var a ItemAnswer
		err := r.Scan(&a.UUID, &a.Item, &a.Answer, &a.Note, &a.AnsweredAt, &a.AnsweredBy)
		a.AnsweredAt = a.AnsweredAt.UTC()
		in.Answers = append(in.Answers, a)
		return err
	})
}

const evidenceColumns = `e.uuid, e.kind, e.sha256, b.media_type, b.size, e.item_code, e.file_name, e.captured_at,
	e.lat, e.lng, e.uploaded_at, e.uploaded_by`

func scanEvidence(r interface{ Scan(...any) error }) (Evidence, error) {
	var e Evidence
	var lat, lng sql.NullFloat64
	err := r.Scan(&e.UUID, &e.Kind, &e.SHA256, &e.MediaType, &e.Size, &e.Item, &e.FileName, &e.CapturedAt,
		&lat, &lng, &e.UploadedAt, &e.UploadedBy)
	e.Lat, e.Lng = floatPtr(lat), floatPtr(lng)
	e.CapturedAt, e.UploadedAt = e.CapturedAt.UTC(), e.UploadedAt.UTC()
	return e, err
}

func readEvidence(ctx context.Context, q querier, in *Inspection) error {
	in.Evidence = []Evidence{}
	return each(ctx, q, "evidence of "+in.UUID, `SELECT `+evidenceColumns+` FROM inspection_evidence e
		JOIN evidence_blobs b ON b.sha256 = e.sha256 WHERE e.inspection_id = $1 ORDER BY e.captured_at, e.uuid`,
		[]any{in.ID}, func(r *sql.Rows) error {
			e, err := scanEvidence(r)
			in.Evidence = append(in.Evidence, e)
			return err
		})
}

func readSignatures(ctx context.Context, q querier, in *Inspection) error {
	in.Signatures = []Signature{}
	return each(ctx, q, "signatures of "+in.UUID, `SELECT uuid, signer, name, COALESCE(evidence_uuid, ''), refused,
		witness, signed_at FROM inspection_signatures WHERE inspection_id = $1 ORDER BY signed_at, signer`,
		[]any{in.ID}, func(r *sql.Rows) error {
			var g Signature
			err := r.Scan(&g.UUID, &g.Signer, &g.Name, &g.Evidence, &g.Refused, &g.Witness, &g.SignedAt)
			g.SignedAt = g.SignedAt.UTC()
			in.Signatures = append(in.Signatures, g)
			return err
		})
}

// readCorrections names, by UUID, what in corrects and what corrects it (seal corrections
// store the integer ids).
func readCorrections(ctx context.Context, q querier, in *Inspection) error {
	obj := seal.ObjectOf(sealInspection, in.ID)
	of, err := seal.CorrectionOf(ctx, q, obj)
	if err != nil {
		return err
	}
	if of != nil {
		if in.Corrects, err = uuidOf(ctx, q, of.OldID); err != nil {
			return err
		}
	}
	list, err := seal.Corrections(ctx, q, obj)
	for _, c := range list {
		u, err := uuidOf(ctx, q, c.NewID)
		if err != nil {
			return err
		}
		in.CorrectedBy = append(in.CorrectedBy, u)
	}
	return err
}

func uuidOf(ctx context.Context, q querier, id string) (string, error) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return "", fmt.Errorf("inspection id %q: %w", id, err)
	}
	var u string
	if err := q.QueryRowContext(ctx, `SELECT uuid FROM inspections WHERE id = $1`, n).Scan(&u); err != nil {
		return "", fmt.Errorf("inspection %s: %w", id, store.Normalize(err))
	}
	return u, nil
}
