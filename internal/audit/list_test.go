package audit

import (
	"context"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

func TestListFilters(t *testing.T) {
	at := func(seconds int) *time.Time {
		t := time.UnixMicro(benchStart).Add(time.Duration(seconds) * time.Second)
		return &t
	}
	tests := []struct {
		name  string
		f     Filter
		seqs  []int64 // the page, newest first; nil: only count
		first int64
		n     int
		total int
	}{
		{name: "everything", f: Filter{PerPage: 10}, first: 40, n: 10, total: 40},
		{name: "default page", f: Filter{}, first: 40, n: 40, total: 40},
		{name: "actor", f: Filter{Actor: "inspector001"}, seqs: []int64{1}, total: 1},
		{name: "action", f: Filter{Action: "update", PerPage: 3}, seqs: []int64{40, 36, 32}, total: 10},
		{name: "object", f: Filter{ObjectType: "person", ObjectID: "2"}, seqs: []int64{2}, total: 1},
		{name: "object type", f: Filter{ObjectType: "session"}, first: 39, n: 10, total: 10},
		{name: "time range", f: Filter{From: at(15), To: at(30)}, first: 19, n: 10, total: 10},
		{name: "from only", f: Filter{From: at(57)}, seqs: []int64{40, 39, 38}, total: 3},
		{name: "second page", f: Filter{Page: 2, PerPage: 15}, first: 25, n: 15, total: 40},
		{name: "last page", f: Filter{Page: 3, PerPage: 15}, first: 10, n: 10, total: 40},
		{name: "past the end", f: Filter{Page: 9, PerPage: 15}, n: 0, total: 40},
		{name: "nothing", f: Filter{Action: "update", ObjectType: "person"}, n: 0, total: 0},
		{name: "page too big", f: Filter{PerPage: 5000}, first: 40, n: 40, total: 40},
	}
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		loadChain(t, st, 40)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, total, err := List(context.Background(), st, tt.f)
				if err != nil {
					t.Fatal(err)
				}
				var seqs []int64
				for _, e := range got {
					seqs = append(seqs, e.Seq)
				}
				if tt.seqs != nil {
					tt.first, tt.n = tt.seqs[0], len(tt.seqs)
					if len(seqs) != len(tt.seqs) || (len(seqs) > 0 && seqs[len(seqs)-1] != tt.seqs[len(tt.seqs)-1]) {
						t.Errorf("seqs = %v, want %v", seqs, tt.seqs)
					}
				}
				if len(got) != tt.n || total != tt.total || (tt.n > 0 && got[0].Seq != tt.first) {
					t.Errorf("List = %v (%d), want %d entries from %d of %d", seqs, total, tt.n, tt.first, tt.total)
				}
				for i := 1; i < len(got); i++ {
					if got[i].Seq >= got[i-1].Seq {
						t.Fatalf("not newest first: %v", seqs)
					}
				}
			})
		}
	})
}

func TestListCountsUpToTheLimit(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	loadChain(t, st, CountLimit+5)
	got, total, err := List(context.Background(), st, Filter{PerPage: 1})
	if err != nil || len(got) != 1 || total != CountLimit+1 {
		t.Errorf("List = %d entries, total %d, %v; want 1 and %d", len(got), total, err, CountLimit+1)
	}
}

func TestEntryChanges(t *testing.T) {
	tests := []struct {
		name          string
		before, after string
		want          []Change
	}{
		{"none", "", "", nil},
		{"create", "", `{"name":"面馆","n":1}`, []Change{{"n", "", "1"}, {"name", "", "面馆"}}},
		{"delete", `{"name":"面馆"}`, "", []Change{{"name", "面馆", ""}}},
		{"update", `{"name":"面馆","tags":["a"],"same":true}`, `{"name":"粉店","tags":["a", "b"],"same":true}`,
			[]Change{{"name", "面馆", "粉店"}, {"tags", `["a"]`, `["a","b"]`}}},
		{"not objects", `[1]`, `[2]`, []Change{{"", "[1]", "[2]"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := Entry{}
			if tt.before != "" {
				e.Before = []byte(tt.before)
			}
			if tt.after != "" {
				e.After = []byte(tt.after)
			}
			got := e.Changes()
			if len(got) != len(tt.want) {
				t.Fatalf("Changes = %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("Changes[%d] = %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
}
