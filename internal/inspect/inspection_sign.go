package inspect

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/seal"
	"github.com/shejian/shejian/internal/store"
)

// OperatorSigner names the operator's signature; an inspector's is InspectorSigner(id).
const OperatorSigner = "operator"

// InspectorSigner names the signature of the inspector with person id.
func InspectorSigner(id int64) string { return "inspector:" + strconv.FormatInt(id, 10) }

// SignatureInput is one signature as the phone sends it: the image drawn on the screen as
// PNG (base64 in JSON), or, for the operator only, a refusal to sign with its witness.
type SignatureInput struct {
	Signer   string     `json:"signer"`
	Name     string     `json:"name"`
	ImagePNG []byte     `json:"image_png,omitempty"`
	Refused  bool       `json:"refused,omitempty"`
	Witness  string     `json:"witness,omitempty"`
	At       *time.Time `json:"at,omitempty"`
}

func (g SignatureInput) validate(uuid string, in *Inspection) error {
	var c apperr.Collector
	checkUUID(&c, "uuid", uuid)
	text(&c, "name", g.Name, maxName, true)
	seated := slices.ContainsFunc(in.Inspectors, func(p Inspector) bool { return InspectorSigner(p.PersonID) == g.Signer })
	switch {
	case g.Signer != OperatorSigner && !seated:
		c.Add("signer", "inspect_signer", nil)
	case g.Refused && g.Signer != OperatorSigner:
		c.Add("refused", "inspect_refusal_operator_only", nil)
	case g.Refused:
		text(&c, "witness", g.Witness, maxName, true)
	case len(g.ImagePNG) == 0:
		c.Add("image_png", "required", nil)
	}
	return c.Err()
}

// PutSignature records signature sigUUID on inspection uuid, whose result must be computed.
// Only an inspector seated on the inspection may collect signatures. The same sigUUID again
// answers the inspection as it is; a second signature of the same signer is a Conflict.
func (s *Inspections) PutSignature(ctx context.Context, uuid, sigUUID string, g SignatureInput) (*Inspection, error) {
	sigUUID, _ = normalUUID(sigUUID)
	in, v, err := s.readable(ctx, uuid)
	if err != nil {
		return nil, forbidIfHidden(err)
	}
	if !v.seated(in) {
		return nil, apperr.New(apperr.Forbidden, "inspect.not_seated", nil)
	}
	if slices.ContainsFunc(in.Signatures, func(x Signature) bool { return x.UUID == sigUUID }) {
		return in, nil
	}
	if err := g.validate(sigUUID, in); err != nil {
		return nil, err
	}
	var blob Blob
	if !g.Refused {
		if blob, err = s.blobs.Put("image_png", g.ImagePNG); err != nil {
			return nil, err
		}
		if blob.MediaType != PNG {
			return nil, unsupportedType("image_png", blob.MediaType)
		}
	}
	return s.change(ctx, uuid, "signature", []Stage{Answered}, func(tx *sql.Tx, in *Inspection) (any, error) {
		return map[string]any{"signer": g.Signer, "name": g.Name, "refused": g.Refused, "witness": g.Witness},
			s.insertSignature(ctx, tx, in.ID, sigUUID, g, blob)
	})
}

// forbidIfHidden turns "not found" into "forbidden" for a write: writes outside the
// caller's scope are refused, reads hide the record.
func forbidIfHidden(err error) error {
	if apperr.CodeOf(err) == apperr.NotFound {
		return errOutOfScope
	}
	return err
}

func (s *Inspections) insertSignature(ctx context.Context, tx *sql.Tx, id int64, sigUUID string, g SignatureInput, blob Blob) error {
	at := s.now()
	if g.At != nil {
		at = *g.At
	}
	var evidence *string
	if !g.Refused {
		meta := EvidenceInput{Kind: SignatureImage, FileName: g.Signer + ".png", CapturedAt: at}
		if err := s.insertEvidence(ctx, tx, id, sigUUID, meta, blob); err != nil {
			return err
		}
		evidence = &sigUUID
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO inspection_signatures (inspection_id, signer, uuid, name, evidence_uuid,
			refused, witness, signed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		id, g.Signer, sigUUID, strings.TrimSpace(g.Name), evidence, g.Refused, strings.TrimSpace(g.Witness), at.UTC())
	if isDuplicate(err) {
		return apperr.New(apperr.Conflict, "inspect.already_signed", map[string]any{"signer": g.Signer})
	}
	if err != nil {
		return fmt.Errorf("signature %s: %w", g.Signer, store.Normalize(err))
	}
	return nil
}

// missingSignatures names the signers still missing: every seated inspector and the
// operator (whose refusal with a witness counts).
func missingSignatures(in *Inspection) []string {
	var missing []string
	want := []string{OperatorSigner}
	for _, p := range in.Inspectors {
		want = append(want, InspectorSigner(p.PersonID))
	}
	for _, w := range want {
		if !slices.ContainsFunc(in.Signatures, func(g Signature) bool { return g.Signer == w }) {
			missing = append(missing, w)
		}
	}
	return missing
}

// Sign makes the inspection final: every signature present, the evidence hashes listed in
// the record, the publication deadline set in working days (rule
// inspect.publish_deadline_working_days, Order 49 art. 39), the record sealed and the fact
// "inspect.signed" put in the journal. Signing again is the seal's 409.
func (s *Inspections) Sign(ctx context.Context, uuid string) (*Inspection, error) {
	in, v, err := s.readable(ctx, uuid)
	if err != nil {
		return nil, forbidIfHidden(err)
	}
	if in.SignedAt == nil && !v.seated(in) {
		return nil, apperr.New(apperr.Forbidden, "inspect.not_seated", nil)
	}
	return s.change(ctx, uuid, "sign", []Stage{Answered}, func(tx *sql.Tx, in *Inspection) (any, error) {
		if missing := missingSignatures(in); len(missing) > 0 {
			return nil, apperr.Fields(apperr.Field("signatures", "inspect_signatures_missing",
				map[string]any{"signers": strings.Join(missing, ", ")}))
		}
		return s.sign(ctx, tx, in)
	})
}

func (s *Inspections) sign(ctx context.Context, tx *sql.Tx, in *Inspection) (any, error) {
	now := s.now()
	days, _, err := s.book.Int(ctx, "inspect.publish_deadline_working_days", now)
	if err != nil {
		return nil, err
	}
	signedDay := now.In(calendar.China)
	due := s.cal.Deadline(time.Date(signedDay.Year(), signedDay.Month(), signedDay.Day(), 0, 0, 0, 0, time.UTC), days).Due
	hashes := make([]EvidenceHash, len(in.Evidence))
	for i, e := range in.Evidence {
		hashes[i] = EvidenceHash{UUID: e.UUID, SHA256: e.SHA256}
	}
	pinned, err := json.Marshal(hashes)
	if err != nil {
		return nil, fmt.Errorf("evidence hashes of %s: %w", in.UUID, err)
	}
	by := actor(ctx)
	_, err = tx.ExecContext(ctx, `UPDATE inspections SET status = 'signed', signed_at = $2, signed_by = $3, publish_due = $4,
		evidence = $5 WHERE id = $1`, in.ID, now.UTC(), by, due, string(pinned))
	if err != nil {
		return nil, fmt.Errorf("sign %s: %w", in.UUID, store.Normalize(err))
	}
	if err := seal.Seal(ctx, tx, seal.ObjectOf(sealInspection, in.ID), seal.Signed, by); err != nil {
		return nil, err
	}
	fact, err := s.signedFact(ctx, tx, in, signedDay, hashes)
	if err != nil {
		return nil, err
	}
	if _, err := journal.Append(ctx, tx, journal.Entry{Topic: TopicSigned, Key: in.UUID, Payload: fact}); err != nil {
		return nil, err
	}
	return map[string]any{"publish_due": due.Format(time.DateOnly), "evidence": hashes}, nil
}
