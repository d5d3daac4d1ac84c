package inspect

import (
	"context"
	"fmt"
	"slices"
)

// SignedRecord is a signed inspection as its documents (internal/inspect/documents) render
// it: the record, the template version it was answered against, and the image of each
// drawn signature, checked against the hash the signing pinned.
type SignedRecord struct {
	Inspection *Inspection
	Template   *ChecklistTemplate
	// SignatureImages holds the PNG of each drawn signature by its evidence UUID.
	SignatureImages map[string][]byte
}

// SignedRecord returns signed inspection uuid to a caller who may read it (the scope rule
// of Get's handler); out of scope it is NotFound, not yet signed a Conflict naming the stage.
func (s *Inspections) SignedRecord(ctx context.Context, uuid string) (*SignedRecord, error) {
	in, _, err := s.readable(ctx, uuid)
	if err != nil {
		return nil, err
	}
	return s.signedRecord(ctx, in)
}

// PublishedRecord returns inspection uuid to anyone once its result is published (the
// result sheet posted at the shop is public); before that it is NotFound.
func (s *Inspections) PublishedRecord(ctx context.Context, uuid string) (*SignedRecord, error) {
	in, err := s.Get(ctx, uuid)
	if err == nil && in.PublishedAt == nil {
		err = inspectionNotFound(in.UUID)
	}
	if err != nil {
		return nil, err
	}
	return s.signedRecord(ctx, in)
}

func (s *Inspections) signedRecord(ctx context.Context, in *Inspection) (*SignedRecord, error) {
	if in.SignedAt == nil {
		return nil, wrongStage(in.Status, []Stage{Signed})
	}
	t, err := s.templates.Get(ctx, in.TemplateID)
	if err != nil {
		return nil, err
	}
	rec := &SignedRecord{Inspection: in, Template: t, SignatureImages: map[string][]byte{}}
	for _, g := range in.Signatures {
		if g.Evidence == "" {
			continue
		}
		if rec.SignatureImages[g.Evidence], err = s.pinnedBytes(in, g.Evidence); err != nil {
			return nil, err
		}
	}
	return rec, nil
}

// pinnedBytes reads the original of evidence evUUID and checks it against the hash the
// signed record pinned, so a document never shows bytes the signature does not cover.
func (s *Inspections) pinnedBytes(in *Inspection, evUUID string) ([]byte, error) {
	i := slices.IndexFunc(in.EvidenceHashes, func(h EvidenceHash) bool { return h.UUID == evUUID })
	if i < 0 {
		return nil, fmt.Errorf("evidence %s of inspection %s: not pinned at signing", evUUID, in.UUID)
	}
	want := in.EvidenceHashes[i].SHA256
	data, err := s.blobs.Read("original", want)
	if err != nil {
		return nil, err
	}
	if got := hashOf(data); got != want {
		return nil, fmt.Errorf("evidence %s of inspection %s: stored bytes hash to %s, the record pinned %s", evUUID, in.UUID, got, want)
	}
	return data, nil
}
