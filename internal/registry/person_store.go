package registry

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
)

// PersonStore keeps staff and coordinators.
type PersonStore struct{ st *store.Store }

// NewPersonStore returns a store over st.
func NewPersonStore(st *store.Store) *PersonStore { return &PersonStore{st: st} }

// PersonFilter selects people; OrgUnitID matches the unit and everything below it.
type PersonFilter struct {
	OrgUnitID int64
	ScopePath string // the caller's org path: only people of units below it
	RoleKind  RoleKind
	Q         string
	Page      int
	PerPage   int
}

const personColumns = `p.id, p.org_unit_id, p.name, p.gender, p.role_kind, p.title, p.phone, p.id_number, p.certificate_no,
	p.monthly_subsidy, p.active, p.created_at, p.updated_at, o.name, o.path`

func scanPerson(row rowScanner) (*Person, error) {
	var p Person
	err := row.Scan(&p.ID, &p.OrgUnitID, &p.Name, &p.Gender, &p.RoleKind, &p.Title, &p.Phone, &p.IDNumber, &p.CertificateNo,
		&p.MonthlySubsidy, &p.Active, &p.CreatedAt, &p.UpdatedAt, &p.OrgUnitName, &p.OrgPath)
	return &p, store.Normalize(err)
}

// List returns a page of people matching f by org unit then name, and the total.
func (s *PersonStore) List(ctx context.Context, f PersonFilter) ([]*Person, int, error) {
	f.Page, f.PerPage = max(f.Page, 1), min(max(f.PerPage, 1), MaxPerPage)
	if f.PerPage == 1 {
		f.PerPage = 50
	}
	prefix := ""
	if f.OrgUnitID > 0 {
		unit, err := NewOrgStore(s.st).Get(ctx, f.OrgUnitID)
		if err != nil {
			return nil, 0, err
		}
		prefix = escapeLike(unit.Path) + "%"
	}
	where := ` FROM people p JOIN org_units o ON o.id = p.org_unit_id
		WHERE ($1 = '' OR o.path LIKE $1 ESCAPE '\') AND ($2 = '' OR p.role_kind = $2) AND ($3 = '' OR p.name LIKE $3 ESCAPE '\')
		AND o.path LIKE $4 ESCAPE '\'`
	args := []any{prefix, string(f.RoleKind), likeOrEmpty(f.Q), escapeLike(f.ScopePath) + "%"}
	var total int
	if err := s.st.ReadDB().QueryRowContext(ctx, `SELECT count(*)`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count people: %w", err)
	}
	q := `SELECT ` + personColumns + where + fmt.Sprintf(` ORDER BY o.name, p.name, p.id LIMIT %d OFFSET %d`, f.PerPage, (f.Page-1)*f.PerPage)
	rows, err := s.st.ReadDB().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list people: %w", err)
	}
	defer rows.Close()
	var out []*Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("scan person: %w", err)
		}
		out = append(out, p)
	}
	return out, total, rows.Err()
}

func likeOrEmpty(q string) string {
	if q = strings.TrimSpace(q); q == "" {
		return ""
	}
	return "%" + escapeLike(q) + "%"
}

// Get returns one person.
func (s *PersonStore) Get(ctx context.Context, id int64) (*Person, error) {
	p, err := scanPerson(s.st.ReadDB().QueryRowContext(ctx, `SELECT `+personColumns+` FROM people p JOIN org_units o ON o.id = p.org_unit_id WHERE p.id = $1`, id))
	if errors.Is(err, store.ErrNotFound) {
		return nil, apperr.New(apperr.NotFound, "registry.person_not_found", map[string]any{"id": id})
	}
	return p, err
}

// Create adds a person.
func (s *PersonStore) Create(ctx context.Context, in PersonInput) (*Person, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	var id int64
	err := s.st.Tx(ctx, func(tx *sql.Tx) error {
		if err := checkOrgExists(ctx, tx, in.OrgUnitID); err != nil {
			return err
		}
		now := time.Now().UTC()
		err := tx.QueryRowContext(ctx, `INSERT INTO people (org_unit_id, name, gender, role_kind, title, phone, id_number, certificate_no, monthly_subsidy, active, created_at, updated_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$11) RETURNING id`,
			in.OrgUnitID, in.Name, in.Gender, in.RoleKind, in.Title, in.Phone, in.IDNumber, in.CertificateNo, in.MonthlySubsidy, in.active(), now).Scan(&id)
		if err != nil {
			return fmt.Errorf("insert person: %w", store.Normalize(err))
		}
		return personChanged(ctx, s.st, tx, id, "create", nil)
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

// Update replaces a person's fields, when allow lets it. A person who is not there or not
// allowed is refused before the input is judged.
func (s *PersonStore) Update(ctx context.Context, id int64, in PersonInput, allow Guard[Person]) (*Person, error) {
	err := s.st.Tx(ctx, func(tx *sql.Tx) error {
		before, err := personChange.before(ctx, tx, s.st.Dialect(), id, allow)
		if err != nil {
			return err
		}
		if err := in.validate(); err != nil {
			return err
		}
		if err := checkOrgExists(ctx, tx, in.OrgUnitID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE people SET org_unit_id=$1, name=$2, gender=$3, role_kind=$4, title=$5, phone=$6, id_number=$7,
			certificate_no=$8, monthly_subsidy=$9, active=$10, updated_at=$11 WHERE id=$12`,
			in.OrgUnitID, in.Name, in.Gender, in.RoleKind, in.Title, in.Phone, in.IDNumber, in.CertificateNo, in.MonthlySubsidy, in.active(), time.Now().UTC(), id)
		if err != nil {
			return fmt.Errorf("update person: %w", store.Normalize(err))
		}
		return personChanged(ctx, s.st, tx, id, "update", before)
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

// Delete removes a person who holds no login account, when allow lets it.
func (s *PersonStore) Delete(ctx context.Context, id int64, allow Guard[Person]) error {
	return s.st.Tx(ctx, func(tx *sql.Tx) error {
		before, err := personChange.before(ctx, tx, s.st.Dialect(), id, allow)
		if err != nil {
			return err
		}
		found, err := exists(ctx, tx, `SELECT 1 FROM users WHERE person_id = $1`, id)
		if err != nil {
			return err
		}
		if found {
			return apperr.New(apperr.Conflict, "registry.person_has_account", nil)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM people WHERE id = $1`, id); err != nil {
			return fmt.Errorf("delete person: %w", store.Normalize(err))
		}
		return personChanged(ctx, s.st, tx, id, "delete", before)
	})
}

func checkOrgExists(ctx context.Context, tx *sql.Tx, id int64) error {
	found, err := exists(ctx, tx, `SELECT 1 FROM org_units WHERE id = $1`, id)
	if err == nil && !found {
		err = apperr.Fields(apperr.Field("org_unit_id", "not_found", nil))
	}
	return err
}

// personChanged journals and audits a change to person id (action create, update or delete).
func personChanged(ctx context.Context, st *store.Store, tx *sql.Tx, id int64, action string, before *Person) error {
	_, err := journal.Append(ctx, tx, journal.Entry{Topic: TopicPersonChanged, Key: fmt.Sprint(id), Payload: map[string]any{"id": id, "change": action}})
	if err != nil {
		return err
	}
	_, err = audited(ctx, st, tx, "person", action, id, before, personIn)
	return err
}

var idNumberPattern = regexp.MustCompile(`^\d{17}[\dX]$`)

func (in PersonInput) active() bool { return in.Active == nil || *in.Active }

func (in *PersonInput) validate() error {
	in.Name, in.Phone, in.IDNumber = strings.TrimSpace(in.Name), strings.TrimSpace(in.Phone), strings.ToUpper(strings.TrimSpace(in.IDNumber))
	var c apperr.Collector
	requireText(&c, "name", in.Name, 30)
	if in.OrgUnitID <= 0 {
		c.Add("org_unit_id", "required", nil)
	}
	switch in.RoleKind {
	case RoleAdministrative, RoleEnforcement, RoleTechnical, RoleCoordinator:
	default:
		c.Add("role_kind", "one_of", map[string]any{"values": "administrative, enforcement, technical, coordinator"})
	}
	if in.Phone != "" && !phonePattern.MatchString(in.Phone) {
		c.Add("phone", "phone_format", nil)
	}
	if in.IDNumber != "" && (!idNumberPattern.MatchString(in.IDNumber) || IDNumberCheckChar(in.IDNumber[:17]) != in.IDNumber[17]) {
		c.Add("id_number", "id_number_format", nil)
	}
	if in.MonthlySubsidy < 0 {
		c.Add("monthly_subsidy", "min", map[string]any{"min": 0})
	}
	if in.MonthlySubsidy > 0 && in.RoleKind != RoleCoordinator {
		c.Add("monthly_subsidy", "subsidy_only_coordinators", nil)
	}
	return c.Err()
}

// IDNumberCheckChar computes the GB 11643-1999 check character of the first 17 digits of a
// resident ID number (居民身份证号码).
func IDNumberCheckChar(first17 string) byte {
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * weights[i]
	}
	return "10X98765432"[sum%11]
}
