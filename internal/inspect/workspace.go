package inspect

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/shejian/shejian/internal/web"
)

// Workspace is what an inspector's phone downloads to work a day offline (今日任务包): the
// caller's open inspections in full, the template versions they use, the businesses they
// visit and the limits the server will apply on sync, so that the phone can refuse what
// the server would refuse before the inspector leaves the shop.
type Workspace struct {
	Day         string                        `json:"day"`
	GeneratedAt time.Time                     `json:"generated_at"`
	User        WorkspaceUser                 `json:"user"`
	Tasks       []*Inspection                 `json:"tasks"`
	Templates   map[string]*ChecklistTemplate `json:"templates"`
	Businesses  map[string]WorkspaceBusiness  `json:"businesses"`
	// Areas are the content areas of each sector the templates use, in order.
	Areas  map[Sector][]Area `json:"areas"`
	Limits WorkspaceLimits   `json:"limits"`
	// CSRF is the session's token, sent back as X-CSRF-Token with every queued write.
	CSRF string `json:"csrf"`
}

// WorkspaceUser names the account the workspace belongs to; the phone keeps one queue per
// login and refuses to sync one login's queue under another.
type WorkspaceUser struct {
	Login string `json:"login"`
	Name  string `json:"name"`
}

// WorkspaceBusiness is what the phone shows of a business and needs to check in there.
type WorkspaceBusiness struct {
	ID        int64   `json:"id"`
	Name      string  `json:"name"`
	Address   string  `json:"address"`
	LicenceNo string  `json:"licence_no"`
	LegalRep  string  `json:"legal_rep"`
	Phone     string  `json:"phone"`
	Lat       float64 `json:"lat"`
	Lng       float64 `json:"lng"`
}

// WorkspaceLimits are the server's limits the phone checks before queueing.
type WorkspaceLimits struct {
	EvidenceMaxBytes    int64    `json:"evidence_max_bytes"`
	EvidenceTypes       []string `json:"evidence_types"`
	CheckinMaxDistanceM int      `json:"checkin_max_distance_m"`
}

// Workspace returns the caller's workspace for day: the inspections the caller is seated
// on that are not signed and are planned for day or earlier (or not planned).
func (s *Inspections) Workspace(ctx context.Context, day time.Time) (*Workspace, error) {
	list, err := s.List(ctx, ListFilter{Mine: true, Open: true, Day: day})
	if err != nil {
		return nil, err
	}
	distance, _, err := s.book.Int(ctx, "inspect.checkin_max_distance_m", s.now())
	if err != nil {
		return nil, err
	}
	w := &Workspace{Day: day.Format(time.DateOnly), GeneratedAt: s.now().UTC(), Tasks: make([]*Inspection, 0, len(list)),
		Templates: map[string]*ChecklistTemplate{}, Businesses: map[string]WorkspaceBusiness{}, Areas: map[Sector][]Area{},
		Limits: WorkspaceLimits{EvidenceMaxBytes: s.blobs.Max, EvidenceTypes: evidenceTypes, CheckinMaxDistanceM: distance}}
	if u := web.UserFrom(ctx); u != nil {
		w.User, w.CSRF = WorkspaceUser{Login: u.Login, Name: u.Name}, u.CSRFToken
	}
	for _, brief := range list {
		in, err := s.Get(ctx, brief.UUID)
		if err != nil {
			return nil, fmt.Errorf("workspace task %s: %w", brief.UUID, err)
		}
		w.Tasks = append(w.Tasks, in)
		if err := s.addWorkspaceRefs(ctx, w, in); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// addWorkspaceRefs adds the template and the business of in, once each.
func (s *Inspections) addWorkspaceRefs(ctx context.Context, w *Workspace, in *Inspection) error {
	if key := strconv.FormatInt(in.TemplateID, 10); w.Templates[key] == nil {
		t, err := s.templates.Get(ctx, in.TemplateID)
		if err != nil {
			return fmt.Errorf("workspace template %d: %w", in.TemplateID, err)
		}
		w.Templates[key], w.Areas[t.Sector] = t, Areas(t.Sector)
	}
	if key := strconv.FormatInt(in.BusinessID, 10); w.Businesses[key].ID == 0 {
		b, err := s.businesses.Get(ctx, in.BusinessID)
		if err != nil {
			return fmt.Errorf("workspace business %d: %w", in.BusinessID, err)
		}
		w.Businesses[key] = WorkspaceBusiness{ID: b.ID, Name: b.Name, Address: b.Address, LicenceNo: b.LicenceNo,
			LegalRep: b.LegalRep, Phone: b.Phone, Lat: b.Lat, Lng: b.Lng}
	}
	return nil
}
