package access

import "testing"

func TestScopeOf(t *testing.T) {
	grid := int64(9)
	other := int64(8)
	tests := []struct {
		name, kind, path string
		business         int64
		want             Scope
		covers           [][4]int64 // id, district, station, grid (0 = none)
		misses           [][4]int64
		wantErr          bool
	}{
		{name: "city", kind: "city", path: "/1/", want: Scope{Path: "/1/"},
			covers: [][4]int64{{5, 2, 3, 0}}},
		{name: "district", kind: "district", path: "/1/2/", want: Scope{Path: "/1/2/", DistrictID: 2},
			covers: [][4]int64{{5, 2, 3, 0}}, misses: [][4]int64{{5, 4, 6, 0}}},
		{name: "station", kind: "station", path: "/1/2/3/", want: Scope{Path: "/1/2/3/", DistrictID: 2, StationID: 3},
			covers: [][4]int64{{5, 2, 3, 0}}, misses: [][4]int64{{5, 2, 7, 0}}},
		{name: "grid", kind: "grid", path: "/1/2/3/9/", want: Scope{Path: "/1/2/3/9/", DistrictID: 2, StationID: 3, GridID: grid},
			covers: [][4]int64{{5, 2, 3, grid}}, misses: [][4]int64{{5, 2, 3, other}, {5, 2, 3, 0}}},
		{name: "operator", kind: "station", path: "/1/2/3/", business: 5, want: Scope{Path: "/1/2/3/", DistrictID: 2, StationID: 3, BusinessID: 5},
			covers: [][4]int64{{5, 2, 3, 0}}, misses: [][4]int64{{6, 2, 3, 0}}},
		{name: "path too short for kind", kind: "station", path: "/1/2/", wantErr: true},
		{name: "unknown kind", kind: "moon", path: "/1/", wantErr: true},
		{name: "empty path", kind: "city", path: "", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := scopeOf(tt.kind, tt.path, tt.business)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if s != tt.want {
				t.Fatalf("scope %+v, want %+v", s, tt.want)
			}
			check := func(b [4]int64, want bool) {
				var g *int64
				if b[3] != 0 {
					g = &b[3]
				}
				if got := s.CoversBusiness(b[0], b[1], b[2], g); got != want {
					t.Errorf("CoversBusiness%v = %v, want %v", b, got, want)
				}
			}
			for _, b := range tt.covers {
				check(b, true)
			}
			for _, b := range tt.misses {
				check(b, false)
			}
		})
	}
}

func TestScopeCoversOrgPath(t *testing.T) {
	district := Scope{Path: "/1/2/", DistrictID: 2}
	operator := Scope{Path: "/1/2/3/", DistrictID: 2, StationID: 3, BusinessID: 5}
	tests := []struct {
		scope Scope
		path  string
		want  bool
	}{
		{district, "/1/2/", true},
		{district, "/1/2/3/", true},
		{district, "/1/", false},
		{district, "/1/22/", false}, // a sibling whose id starts with the same digits
		{operator, "/1/2/3/", false},
		{ScopeFrom(t.Context()), "/1/", false}, // anonymous
	}
	for _, tt := range tests {
		if got := tt.scope.CoversOrgPath(tt.path); got != tt.want {
			t.Errorf("%+v covers %s = %v, want %v", tt.scope, tt.path, got, tt.want)
		}
	}
}
