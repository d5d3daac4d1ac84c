package inspect

import (
	"context"
	"database/sql"
	"time"

	"github.com/shejian/shejian/internal/seal"
)

// The journal topics of inspections: the facts other capabilities react to (risk scores,
// credit, rectifications, KPIs) without this package knowing them.
const (
	TopicSigned    = "inspect.signed"    // payload SignedFact
	TopicPublished = "inspect.published" // payload PublishedFact
)

// SignedFact is the payload of an "inspect.signed" entry: what was found where, when, by
// whom and under which template version.
type SignedFact struct {
	UUID            string         `json:"uuid"`
	BusinessID      int64          `json:"business_id"`
	DistrictID      int64          `json:"district_id"`
	StationID       int64          `json:"station_id"`
	Source          Source         `json:"source"`
	SourceRef       string         `json:"source_ref,omitempty"`
	Kind            Kind           `json:"kind"`
	Date            string         `json:"date"` // the signing day in China, YYYY-MM-DD
	Outcome         Outcome        `json:"outcome"`
	KeyFailures     []string       `json:"key_failures"`
	GeneralFailures []string       `json:"general_failures"`
	TemplateID      int64          `json:"template_id"`
	TemplateVersion int            `json:"template_version"`
	Sector          Sector         `json:"sector"`
	Inspectors      []int64        `json:"inspectors"`
	Evidence        []EvidenceHash `json:"evidence"`
	// Corrects is the UUID of the inspection this one corrects, when it is a correction.
	Corrects string `json:"corrects,omitempty"`
}

// PublishedFact is the payload of an "inspect.published" entry.
type PublishedFact struct {
	UUID       string `json:"uuid"`
	BusinessID int64  `json:"business_id"`
	Date       string `json:"date"` // the publication day in China
	Late       bool   `json:"late"` // published after its deadline
}

func (s *Inspections) signedFact(ctx context.Context, tx *sql.Tx, in *Inspection, day time.Time, hashes []EvidenceHash) (SignedFact, error) {
	t, err := readTemplate(ctx, tx, in.TemplateID)
	if err != nil {
		return SignedFact{}, err
	}
	f := SignedFact{UUID: in.UUID, BusinessID: in.BusinessID, DistrictID: in.DistrictID, StationID: in.StationID,
		Source: in.Source, SourceRef: in.SourceRef, Kind: in.Kind, Date: day.Format(time.DateOnly),
		Outcome: in.Result.Outcome, KeyFailures: in.Result.KeyFailures, GeneralFailures: in.Result.GeneralFailures,
		TemplateID: t.ID, TemplateVersion: t.Version, Sector: t.Sector, Evidence: hashes, Inspectors: []int64{}}
	for _, p := range in.Inspectors {
		f.Inspectors = append(f.Inspectors, p.PersonID)
	}
	of, err := seal.CorrectionOf(ctx, tx, seal.ObjectOf(sealInspection, in.ID))
	if err != nil || of == nil {
		return f, err
	}
	f.Corrects, err = uuidOf(ctx, tx, of.OldID)
	return f, err
}
