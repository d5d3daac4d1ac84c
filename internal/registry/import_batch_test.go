package registry

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// batchRows are n good rows of the fixture: more than two full batches and a short one
// when n is 1,234.
func batchRows(f *fixture, n int) []BusinessInput {
	rows := make([]BusinessInput, n)
	for i := range rows {
		rows[i] = f.restaurant(i+1, fmt.Sprintf("批量餐馆%d", i+1))
	}
	return rows
}

func TestCreateManyWritesEveryRow(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		rows := batchRows(f, 1234)
		if bad, err := f.businesses.CreateMany(context.Background(), rows, nil); err != nil || len(bad) > 0 {
			t.Fatalf("import: %v %v", bad, err)
		}
		if n := count(t, st); n != len(rows) {
			t.Fatalf("%d businesses stored, want %d", n, len(rows))
		}
		for _, n := range []int{1, 500, 501, 1000, 1001, 1234} {
			want := fmt.Sprintf("批量餐馆%d", n)
			if got := searchNames(t, f, BusinessFilter{Q: want}); len(got) != 1 || got[0] != want {
				t.Errorf("search %s: %v", want, got)
			}
		}
		ids := idsByUSCC(t, st)
		for i, e := range createdEntries(t, st) {
			if e.USCC != rows[i].USCC || e.ID != ids[e.USCC] || e.DistrictID != f.district {
				t.Fatalf("journal entry %d: %+v, want row %s with id %d", i, e, rows[i].USCC, ids[rows[i].USCC])
			}
		}
	})
}

func TestCheckManyWritesNothing(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		rows := batchRows(f, 4)
		if _, err := f.businesses.Create(ctx, rows[1]); err != nil {
			t.Fatal(err)
		}
		rows[2].StationID = f.otherStation
		rows[3].LicenceNo = rows[0].LicenceNo
		checked, err := f.businesses.CheckMany(ctx, rows)
		if err != nil {
			t.Fatal(err)
		}
		created, err := f.businesses.CreateMany(ctx, rows, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := "[row 3 lat outside_district row 3 grid_id grid_not_in_station row 4 licence_no duplicate_in_file " +
			"row 2 uscc duplicate row 2 licence_no duplicate]"
		if got := describeRows(checked); got != want || describeRows(created) != want {
			t.Errorf("CheckMany found %s, CreateMany %s, want %s", got, describeRows(created), want)
		}
		if bad, err := f.businesses.CheckMany(ctx, rows[:1]); err != nil || len(bad) > 0 {
			t.Fatalf("good rows: %v %v", bad, err)
		}
		if n := count(t, st); n != 1 {
			t.Errorf("%d businesses stored, want only the one created", n)
		}
	})
}

// TestCreateManyNamesRowsRegisteredMeanwhile registers the code of a later row while an
// import writes its first batch: the import fails on the unique index and names the row.
// Only PostgreSQL lets another connection write meanwhile.
func TestCreateManyNamesRowsRegisteredMeanwhile(t *testing.T) {
	st := storetest.Open(t, store.Postgres)
	f := newFixture(t, st)
	ctx := context.Background()
	rows := batchRows(f, store.BatchSize+10)
	late := rows[store.BatchSize+5]
	var once bool
	bad, err := f.businesses.CreateMany(ctx, rows, func(done, total int) {
		if done >= len(rows) && !once {
			once = true
			// Were the row already written, this would wait for the import: give up instead.
			meanwhile, cancel := context.WithTimeout(ctx, 10*time.Second)
			defer cancel()
			if _, err := f.businesses.Create(meanwhile, late); err != nil {
				t.Errorf("register meanwhile: %v", err)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(bad) != 2 || bad[0].Row != store.BatchSize+6 || bad[0].Rule != "duplicate" {
		t.Errorf("row errors %+v, want duplicate uscc and licence on row %d", bad, store.BatchSize+6)
	}
	if n := count(t, st); n != 1 {
		t.Errorf("%d businesses stored, want only the one registered meanwhile", n)
	}
}

func describeRows(errs []RowError) string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = fmt.Sprintf("row %d %s %s", e.Row, e.Field, e.Rule)
	}
	return fmt.Sprint(out)
}

func idsByUSCC(t *testing.T, st *store.Store) map[string]int64 {
	t.Helper()
	rows, err := st.DB().Query(`SELECT id, uscc FROM businesses`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	ids := map[string]int64{}
	for rows.Next() {
		var id int64
		var uscc string
		if err := rows.Scan(&id, &uscc); err != nil {
			t.Fatal(err)
		}
		ids[uscc] = id
	}
	return ids
}

// created is the payload of a TopicBusinessCreated entry.
type created struct {
	ID         int64  `json:"id"`
	USCC       string `json:"uscc"`
	DistrictID int64  `json:"district_id"`
}

// createdEntries are the payloads of the journal's business-created entries, oldest first.
func createdEntries(t *testing.T, st *store.Store) []created {
	t.Helper()
	rows, err := st.DB().Query(`SELECT key, payload FROM journal_entries WHERE topic = $1 ORDER BY id`, TopicBusinessCreated)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []created
	for rows.Next() {
		var key string
		var payload []byte
		var c created
		if err := rows.Scan(&key, &payload); err != nil || json.Unmarshal(payload, &c) != nil || key != fmt.Sprint(c.ID) {
			t.Fatalf("journal entry %s %s: %v", key, payload, err)
		}
		out = append(out, c)
	}
	return out
}
