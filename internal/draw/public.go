package draw

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
)

// PublicDrawSummary is a published draw task (一公开) in the public list: what it is, who
// organized it, when it was drawn and published and how many businesses it drew.
type PublicDrawSummary struct {
	Code          string    `json:"code"`
	Name          string    `json:"name"`
	UnitName      string    `json:"unit_name"`
	DrawnAt       time.Time `json:"drawn_at"`
	PublishedAt   time.Time `json:"published_at"`
	BusinessCount int       `json:"business_count"`
}

// PublicDraw is the public projection of a published draw: the commitment made before the
// draw, the beacon and the revealed seed anyone can check against it, and a page of the
// businesses drawn. It holds nothing internal: no inspectors, no internal IDs, no credit
// classes. The bundle (publishedBundle) has the whole draw for shejian draw verify.
type PublicDraw struct {
	PublicDrawSummary
	pager
	Commitment Commitment       `json:"commitment"`
	Beacon     string           `json:"beacon"`
	Seed       string           `json:"seed"`
	Businesses []PublicBusiness `json:"businesses"`
}

// PublicBusiness is a drawn business as the public sees it: its place in draw order, which
// is its opening's in the bundle, and its USCC, which the opening names.
type PublicBusiness struct {
	Seq     int    `json:"seq"`
	USCC    string `json:"uscc"`
	Name    string `json:"name"`
	Address string `json:"address"`
}

const publicSummaryColumns = `t.code, t.name, o.name, t.drawn_at, t.published_at,
	(SELECT COUNT(*) FROM draw_assignments a WHERE a.task_id = t.id)`

// PublishedDraws lists a page of the published draw tasks of the whole city, latest
// published first.
func (s *Store) PublishedDraws(ctx context.Context, page int) ([]PublicDrawSummary, pager, error) {
	var total int
	if err := s.st.ReadDB().QueryRowContext(ctx, `SELECT COUNT(*) FROM draw_tasks WHERE status = $1`, TaskPublished).Scan(&total); err != nil {
		return nil, pager{}, fmt.Errorf("count published draws: %w", err)
	}
	pg, err := newPager(page, tasksPerPage, total)
	if err != nil {
		return nil, pg, err
	}
	rows, err := s.st.ReadDB().QueryContext(ctx, `SELECT `+publicSummaryColumns+` FROM draw_tasks t
		JOIN org_units o ON o.id = t.org_unit_id WHERE t.status = $1 ORDER BY t.published_at DESC, t.id DESC LIMIT $2 OFFSET $3`,
		TaskPublished, pg.PerPage, pg.offset())
	if err != nil {
		return nil, pg, fmt.Errorf("list published draws: %w", err)
	}
	defer rows.Close()
	out := []PublicDrawSummary{}
	for rows.Next() {
		var d PublicDrawSummary
		if err := rows.Scan(&d.Code, &d.Name, &d.UnitName, &d.DrawnAt, &d.PublishedAt, &d.BusinessCount); err != nil {
			return nil, pg, fmt.Errorf("scan published draw: %w", err)
		}
		out = append(out, d)
	}
	return out, pg, rows.Err()
}

// PublishedDraw returns the published draw task of code with a page of its businesses; an
// unknown code or a task not yet published is NotFound, so that the public learns nothing
// of tasks before publication.
func (s *Store) PublishedDraw(ctx context.Context, code string, page int) (*PublicDraw, error) {
	var d PublicDraw
	var id int64
	err := store.Normalize(s.st.ReadDB().QueryRowContext(ctx, `SELECT t.id, `+publicSummaryColumns+`,
			t.seed_sha256, t.input_digest, t.committed_at, t.beacon, t.seed
		FROM draw_tasks t JOIN org_units o ON o.id = t.org_unit_id WHERE t.code = $1 AND t.status = $2`, code, TaskPublished).
		Scan(&id, &d.Code, &d.Name, &d.UnitName, &d.DrawnAt, &d.PublishedAt, &d.BusinessCount,
			&d.Commitment.SeedSHA256, &d.Commitment.InputDigest, &d.Commitment.CommittedAt, &d.Beacon, &d.Seed))
	if errors.Is(err, store.ErrNotFound) {
		return nil, apperr.New(apperr.NotFound, "", nil)
	}
	if err != nil {
		return nil, fmt.Errorf("read published draw %q: %w", code, err)
	}
	if d.pager, err = newPager(page, businessesPerPage, d.BusinessCount); err != nil {
		return nil, err
	}
	drawn, err := s.drawnPlaces(ctx, id, d.pager)
	if err != nil {
		return nil, err
	}
	d.Businesses = make([]PublicBusiness, len(drawn))
	for i, b := range drawn {
		d.Businesses[i] = PublicBusiness{Seq: b.Seq, USCC: b.USCC, Name: b.Name, Address: b.Address}
	}
	return &d, nil
}

// publishedBundle returns the stored bundle of the published draw task of code, which
// names no person (see "Publication" in the package doc); like PublishedDraw, a task not
// yet published is NotFound.
func (s *Store) publishedBundle(ctx context.Context, code string) (*bundleFile, error) {
	var id int64
	err := store.Normalize(s.st.ReadDB().QueryRowContext(ctx, `SELECT id FROM draw_tasks WHERE code = $1 AND status = $2`, code, TaskPublished).Scan(&id))
	if errors.Is(err, store.ErrNotFound) {
		return nil, apperr.New(apperr.NotFound, "", nil)
	}
	if err != nil {
		return nil, fmt.Errorf("read published draw %q: %w", code, err)
	}
	return s.bundleFile(ctx, id)
}
