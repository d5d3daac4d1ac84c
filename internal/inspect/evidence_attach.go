package inspect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
)

// EvidenceInput describes uploaded bytes: what they are, the item they show, and when and
// where the phone captured them.
type EvidenceInput struct {
	Kind       EvidenceKind
	Item       string
	FileName   string
	CapturedAt time.Time
	Lat, Lng   *float64
}

func (e EvidenceInput) validate(uuid string) error {
	var c apperr.Collector
	checkUUID(&c, "uuid", uuid)
	if e.Kind != Photo && e.Kind != File {
		c.Add("kind", "one_of", map[string]any{"values": "photo, file"})
	}
	if e.CapturedAt.IsZero() {
		c.Add("captured_at", "required", nil)
	}
	if (e.Lat == nil) != (e.Lng == nil) || e.Lat != nil && (math.Abs(*e.Lat) > 90 || math.Abs(*e.Lng) > 180) {
		c.Add("lat", "inspect_position", nil)
	}
	text(&c, "file_name", e.FileName, 200, false)
	return c.Err()
}

// PutEvidence stores data as evidence evUUID of inspection uuid. The same evUUID uploaded
// again with the same bytes answers the stored evidence and created false; with other bytes
// it is a Conflict. Bytes already stored (same SHA-256) are not stored again.
func (s *Inspections) PutEvidence(ctx context.Context, uuid, evUUID string, meta EvidenceInput, data []byte) (*Evidence, bool, error) {
	evUUID, _ = normalUUID(evUUID)
	if err := meta.validate(evUUID); err != nil {
		return nil, false, err
	}
	in, err := s.Get(ctx, uuid)
	if err == nil {
		err = s.writableBy(ctx, in)
	}
	if err != nil {
		return nil, false, err
	}
	if prev, err := s.evidenceOf(ctx, uuid, evUUID); err == nil {
		if prev.SHA256 != hashOf(data) {
			return nil, false, apperr.New(apperr.Conflict, "inspect.uuid_taken", map[string]any{"uuid": evUUID})
		}
		return prev, false, nil
	} else if apperr.CodeOf(err) != apperr.NotFound {
		return nil, false, err
	}
	blob, err := s.blobs.Put("file", data)
	if err != nil {
		return nil, false, err
	}
	_, err = s.change(ctx, uuid, "evidence", []Stage{Assigned, CheckedIn, Answered}, func(tx *sql.Tx, in *Inspection) (any, error) {
		return meta, s.insertEvidence(ctx, tx, in.ID, evUUID, meta, blob)
	})
	if err != nil {
		return nil, false, err
	}
	ev, err := s.evidenceOf(ctx, uuid, evUUID)
	return ev, true, err
}

// insertEvidence records blob (once per hash) and the evidence row that uses it.
func (s *Inspections) insertEvidence(ctx context.Context, tx *sql.Tx, id int64, evUUID string, meta EvidenceInput, blob Blob) error {
	now := s.now().UTC()
	_, err := tx.ExecContext(ctx, `INSERT INTO evidence_blobs (sha256, media_type, size, created_at)
		VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING`, blob.SHA256, blob.MediaType, blob.Size, now)
	if err != nil {
		return fmt.Errorf("record blob %s: %w", blob.SHA256, store.Normalize(err))
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO inspection_evidence (uuid, inspection_id, sha256, kind, item_code, file_name,
			captured_at, lat, lng, uploaded_at, uploaded_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, evUUID, id, blob.SHA256, string(meta.Kind),
		strings.TrimSpace(meta.Item), strings.TrimSpace(meta.FileName), meta.CapturedAt.UTC(), meta.Lat, meta.Lng, now, actor(ctx))
	if isDuplicate(err) {
		return apperr.New(apperr.Conflict, "inspect.uuid_taken", map[string]any{"uuid": evUUID})
	}
	if err != nil {
		return fmt.Errorf("record evidence %s: %w", evUUID, store.Normalize(err))
	}
	return nil
}

// evidenceOf reads evidence evUUID of inspection uuid; NotFound when either is unknown.
func (s *Inspections) evidenceOf(ctx context.Context, uuid, evUUID string) (*Evidence, error) {
	uuid, _ = normalUUID(uuid)
	e, err := scanEvidence(s.st.ReadDB().QueryRowContext(ctx, `SELECT `+evidenceColumns+` FROM inspection_evidence e
		JOIN evidence_blobs b ON b.sha256 = e.sha256 JOIN inspections i ON i.id = e.inspection_id
		WHERE e.uuid = $1 AND i.uuid = $2`, evUUID, uuid))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.New(apperr.NotFound, "inspect.evidence_not_found", map[string]any{"uuid": evUUID})
	}
	if err != nil {
		return nil, fmt.Errorf("evidence %s: %w", evUUID, store.Normalize(err))
	}
	return &e, nil
}

// EvidenceFile returns the bytes and media type of evidence evUUID of an inspection the
// caller may read: the original (staff only: an operator is not shown originals), or with
// public the copy without metadata (a PDF has none: NotFound).
func (s *Inspections) EvidenceFile(ctx context.Context, uuid, evUUID string, public bool) ([]byte, string, error) {
	_, v, err := s.readable(ctx, uuid)
	if err == nil && !public && v.operator() {
		err = apperr.New(apperr.NotFound, "inspect.evidence_not_found", map[string]any{"uuid": evUUID})
	}
	if err != nil {
		return nil, "", err
	}
	e, err := s.evidenceOf(ctx, uuid, evUUID)
	if err != nil {
		return nil, "", err
	}
	if !public {
		data, err := s.blobs.Read("original", e.SHA256)
		return data, e.MediaType, err
	}
	if e.MediaType == PDF {
		return nil, "", apperr.New(apperr.NotFound, "inspect.evidence_not_found", map[string]any{"uuid": evUUID})
	}
	copyHash, err := s.publicCopy(ctx, e)
	if err != nil {
		return nil, "", err
	}
	data, err := s.blobs.Read("public", copyHash)
	return data, e.MediaType, err
}

// publicCopy returns the hash of the public copy of photo e, making it the first time.
func (s *Inspections) publicCopy(ctx context.Context, e *Evidence) (string, error) {
	var copyHash string
	err := s.st.ReadDB().QueryRowContext(ctx, `SELECT public_sha256 FROM evidence_blobs WHERE sha256 = $1`, e.SHA256).Scan(&copyHash)
	if err != nil || copyHash != "" {
		return copyHash, store.Normalize(err)
	}
	if copyHash, err = s.blobs.PublicCopy(e.SHA256, e.MediaType); err != nil {
		return "", err
	}
	err = s.st.Tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE evidence_blobs SET public_sha256 = $1 WHERE sha256 = $2`, copyHash, e.SHA256)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("record the public copy of %s: %w", e.SHA256, store.Normalize(err))
	}
	return copyHash, nil
}
