package sheets

import (
	"context"
	"math"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// seeded is a registry with businesses of two categories in two stations; one is closed
// and two have licences that expire in 2026.
type seeded struct {
	tree
	businesses *registry.BusinessStore
	inputs     map[int64]registry.BusinessInput
	ids        map[string][]int64 // by group: all, catering_s1, closed, expiring
}

func mustSeed(t *testing.T, st *store.Store) seeded {
	t.Helper()
	s := seeded{tree: mustTree(t, st), businesses: registry.NewBusinessStore(st), inputs: map[int64]registry.BusinessInput{}, ids: map[string][]int64{}}
	ctx := context.Background()
	add := func(in registry.BusinessInput, groups ...string) int64 {
		b, err := s.businesses.Create(ctx, in)
		if err != nil {
			t.Fatalf("create %s: %v", in.Name, err)
		}
		s.inputs[b.ID] = in
		for _, g := range append(groups, "all") {
			s.ids[g] = append(s.ids[g], b.ID)
		}
		return b.ID
	}
	for n := 1; n <= 3; n++ {
		add(goodInput(n, s.Station.ID), "catering_s1")
	}
	for n := 4; n <= 5; n++ {
		in := goodInput(n, s.Station2.ID)
		in.LicenceExpiry = "2026-06-30"
		add(in, "expiring")
	}
	sales := func(n int) registry.BusinessInput {
		in := goodInput(n, s.Station.ID)
		in.Category, in.Kind, in.LicenceNo = registry.CategorySales, "supermarket", "JY1"+in.LicenceNo[3:]
		return in
	}
	add(sales(6))
	closed := add(sales(7), "closed")
	if _, err := s.businesses.SetStatus(ctx, closed, registry.StatusClosed, "歇业", nil); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestExportReturnsExactlyTheFilteredRows(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s := mustSeed(t, st)
		cases := []struct{ query, group string }{
			{"", "all"},
			{"category=catering&station=" + strconv.FormatInt(s.Station.ID, 10), "catering_s1"},
			{"status=closed", "closed"},
			{"expiry_before=2027-01-01&district=" + strconv.FormatInt(s.District.ID, 10), "expiring"},
		}
		for _, c := range cases {
			t.Run(c.group, func(t *testing.T) {
				q, _ := url.ParseQuery(c.query)
				filter, err := registry.FilterFromQuery(q)
				if err != nil {
					t.Fatal(err)
				}
				rows := mustExport(t, s.businesses, filter)
				var ids []int64
				for _, r := range rows[1:] {
					id, _ := strconv.ParseInt(r[0], 10, 64)
					ids = append(ids, id)
				}
				if !slices.Equal(ids, s.ids[c.group]) {
					t.Errorf("exported ids %v, want %v", ids, s.ids[c.group])
				}
			})
		}
	})
}

func TestExportCanBeImportedAgain(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s := mustSeed(t, st)
		file := built(t)(Export(context.Background(), s.businesses, registry.BusinessFilter{}, ExportOptions{Unmasked: true}))
		rows := mustRows(t, file, DataSheet)
		header := []string{}
		for _, c := range exportColumns {
			header = append(header, c.Header())
		}
		if !slices.Equal(rows[0], header) {
			t.Errorf("header %v, want %v", rows[0], header)
		}
		if last := rows[1][len(rows[1])-3:]; !slices.Equal(last, []string{"open", "西湖区", "北山监管站"}) {
			t.Errorf("status and places %v", last)
		}
		p, err := parse(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, in := range p.Inputs {
			// a cell keeps 15 significant digits, as Excel does
			if want := s.inputs[s.ids["all"][i]]; !reflect.DeepEqual(roundCoordinates(in), roundCoordinates(want)) {
				t.Errorf("row %d reads back as\n%+v\nwant\n%+v", p.SheetRows[i], in, want)
			}
		}
	})
}

func roundCoordinates(in registry.BusinessInput) registry.BusinessInput {
	in.Lat, in.Lng = math.Round(in.Lat*1e9)/1e9, math.Round(in.Lng*1e9)/1e9
	return in
}

func mustExport(t *testing.T, b *registry.BusinessStore, f registry.BusinessFilter) [][]string {
	t.Helper()
	return mustRows(t, built(t)(Export(context.Background(), b, f, ExportOptions{Unmasked: true})), DataSheet)
}
