package pdfdoc

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// units creates two cities and returns their ids.
func units(t *testing.T, st *store.Store) (a, b int64) {
	t.Helper()
	orgs := registry.NewOrgStore(st)
	var ids []int64
	for _, code := range []string{"330100", "330200"} {
		o, err := orgs.Create(context.Background(), registry.OrgUnitInput{Kind: registry.OrgCity, Code: code, Name: "市" + code, Township: code})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, o.ID)
	}
	return ids[0], ids[1]
}

func TestNumbersCountPerUnitKindAndYear(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		unit, other := units(t, st)
		steps := []struct {
			unit int64
			kind string
			year int
			want int
		}{
			{unit, "record", 2026, 1}, {unit, "record", 2026, 2}, {unit, "result", 2026, 1},
			{unit, "record", 2027, 1}, {other, "record", 2026, 1}, {unit, "record", 2026, 3},
		}
		for _, s := range steps {
			var got int
			err := st.Tx(context.Background(), func(tx *sql.Tx) (err error) {
				got, err = NextSeq(context.Background(), tx, s.unit, s.kind, s.year)
				return err
			})
			if err != nil || got != s.want {
				t.Errorf("next %s of unit %d in %d = %d, %v; want %d", s.kind, s.unit, s.year, got, err, s.want)
			}
		}
	})
}

func TestNumberText(t *testing.T) {
	if got := NumberText("江临市临江区市监", "检", 2026, 12); got != "江临市临江区市监检〔2026〕12号" {
		t.Errorf("number text %q", got)
	}
}

// TestRegisterFixedNumbers: a fixed number is printed as given and takes no sequence
// number, and rolled-back issues give their numbers back.
func TestRegisterFixedNumbers(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		unit, _ := units(t, st)
		ctx := context.Background()
		var caseID int64
		err := st.DB().QueryRowContext(ctx, `INSERT INTO businesses (uscc, name, category, address, district_id, station_id, lat, lng,
			status, created_at, updated_at) VALUES ('91330102000000001X', '店', 'catering', '路', $1, $1, 30, 120, 'open', $2, $2)
			RETURNING id`, unit, "2026-01-01T00:00:00Z").Scan(&caseID)
		if err == nil {
			err = st.DB().QueryRowContext(ctx, `INSERT INTO cases (business_id, district_id, station_id, findings, step, registered_on,
				created_at, updated_at) VALUES ($1, $2, $2, '{}', 'decided', '2026-01-01', $3, $3) RETURNING id`,
				caseID, unit, "2026-01-01T00:00:00Z").Scan(&caseID)
		}
		if err != nil {
			t.Fatal(err)
		}
		reg := Register{Table: "case_documents", Owner: "case_id", Sequences: "case_"}
		facts := map[string]string{"issuer": "市"}
		n, err := reg.Issue(ctx, st, caseID, "decision", Counter{Unit: unit, Year: 2026, Fixed: "市监罚〔2026〕7号"}, &facts)
		if err != nil || n.Text != "市监罚〔2026〕7号" || n.Seq != 0 {
			t.Fatalf("fixed number: %+v, %v", n, err)
		}
		var got map[string]string
		again, ok, err := reg.Issued(ctx, st.DB(), caseID, "decision", &got)
		if err != nil || !ok || again != n || got["issuer"] != "市" {
			t.Errorf("issued again: %+v %v %v %v; want %+v", again, got, ok, err, n)
		}
		errBoom := errors.New("boom")
		err = st.Tx(ctx, func(tx *sql.Tx) error {
			if _, err := NextSeq(ctx, tx, unit, "case_notice", 2026); err != nil {
				return err
			}
			return errBoom
		})
		if !errors.Is(err, errBoom) {
			t.Fatal(err)
		}
		n, err = reg.Issue(ctx, st, caseID, "notice", Counter{Unit: unit, Year: 2026, Prefix: "市监", Word: "罚告"}, &facts)
		if err != nil || n.Seq != 1 || n.Text != "市监罚告〔2026〕1号" {
			t.Errorf("after a rolled-back number: %+v, %v; want number 1", n, err)
		}
	})
}

func TestMissingFontNamesThePathAndTheFix(t *testing.T) {
	_, err := LoadFont("/nonexistent/fonts/none.ttf")
	for _, s := range []string{"/nonexistent/fonts/none.ttf", "fonts-lxgw-wenkai", FontEnv} {
		if err == nil || !strings.Contains(err.Error(), s) {
			t.Errorf("missing font: %v; want it to name %q", err, s)
		}
	}
}

func TestFontPathFromEnvironment(t *testing.T) {
	t.Setenv(FontEnv, "/opt/fonts/x.ttf")
	if got := FontPath(); got != "/opt/fonts/x.ttf" {
		t.Errorf("font path %q, want the environment's", got)
	}
	t.Setenv(FontEnv, "")
	if got := FontPath(); got != DefaultFontPath {
		t.Errorf("font path %q, want %q", got, DefaultFontPath)
	}
}
