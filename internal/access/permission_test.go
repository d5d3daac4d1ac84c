package access

import (
	"os"
	"slices"
	"strings"
	"testing"
)

const (
	matrixBegin = "<!-- matrix:begin (generated from internal/access/permission.go; SHEJIAN_UPDATE_DOCS=1 go test ./internal/access rewrites it) -->\n"
	matrixEnd   = "<!-- matrix:end -->"
)

// TestPermissionsDoc keeps docs/permissions.md equal to the matrix in code.
func TestPermissionsDoc(t *testing.T) {
	const path = "../../docs/permissions.md"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, rest, ok1 := strings.Cut(string(doc), matrixBegin)
	_, tail, ok2 := strings.Cut(rest, matrixEnd)
	if !ok1 || !ok2 {
		t.Fatalf("%s lacks the matrix markers", path)
	}
	want := head + matrixBegin + MatrixMarkdown() + matrixEnd + tail
	if want == string(doc) {
		return
	}
	if os.Getenv("SHEJIAN_UPDATE_DOCS") == "1" {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatalf("%s is out of date with the matrix; run SHEJIAN_UPDATE_DOCS=1 go test ./internal/access", path)
}

func TestEveryPermissionIsDescribedAndHeld(t *testing.T) {
	for _, p := range Permissions {
		if permissionNotes[p] == "" {
			t.Errorf("permission %s has no note", p)
		}
		held := false
		for _, r := range Roles {
			held = held || r.Can(p)
		}
		if !held {
			t.Errorf("no role holds %s", p)
		}
	}
}

func TestRoleSetIncludes(t *testing.T) {
	tests := []struct {
		set  RoleSet
		r    Role
		want bool
	}{
		{RoleSet{RoleCityAdmin}, RoleDistrictAdmin, true},
		{RoleSet{RoleDistrictAdmin}, RoleCityAdmin, false},
		{RoleSet{RoleDistrictAdmin}, RoleStationInspector, true},
		{RoleSet{RoleStationInspector}, RoleCoordinator, true},
		{RoleSet{RoleCoordinator}, RoleStationInspector, false},
		{RoleSet{RoleLabTechnician}, RoleBusinessOperator, false}, // an operator captures trace events, a technician does not
		{RoleSet{RoleStationInspector}, RoleBusinessOperator, true},
		{RoleSet{RoleBusinessOperator}, RoleLabTechnician, false},
		{RoleSet{RoleLabTechnician, RoleCoordinator}, RoleCoordinator, true},
		{RoleSet{RoleDistrictAdmin, RoleLabTechnician}, RoleCityAdmin, false},
		{nil, RoleBusinessOperator, false},
	}
	for _, tt := range tests {
		if got := tt.set.Includes(tt.r); got != tt.want {
			t.Errorf("%s includes %s = %v, want %v", tt.set, tt.r, got, tt.want)
		}
	}
}

// TestRoleSetCanIsTheUnion: two roles together hold exactly what either holds, for every
// pair of roles and every permission.
func TestRoleSetCanIsTheUnion(t *testing.T) {
	for _, a := range Roles {
		for _, b := range Roles {
			for _, p := range Permissions {
				if got, want := NewRoleSet(a, b).Can(p), a.Can(p) || b.Can(p); got != want {
					t.Errorf("%s+%s can %s = %v, want %v", a, b, p, got, want)
				}
			}
		}
	}
}

func TestRoleSetReadsAndWrites(t *testing.T) {
	tests := []struct {
		in     string
		want   RoleSet
		widest Role
	}{
		{"lab_technician,district_admin,lab_technician", RoleSet{RoleDistrictAdmin, RoleLabTechnician}, RoleDistrictAdmin},
		{"coordinator,station_inspector", RoleSet{RoleStationInspector, RoleCoordinator}, RoleStationInspector},
		{"business_operator", RoleSet{RoleBusinessOperator}, RoleBusinessOperator},
		{"", nil, ""},
	}
	for _, tt := range tests {
		got := ParseRoleSet(tt.in)
		if !slices.Equal(got, tt.want) {
			t.Errorf("ParseRoleSet(%q) = %v, want %v", tt.in, got, tt.want)
		}
		if again := ParseRoleSet(got.String()); !slices.Equal(again, got) {
			t.Errorf("%q does not read back: %v", got.String(), again)
		}
		if widest, ok := got.Widest(); widest != tt.widest || ok != (tt.widest != "") {
			t.Errorf("widest of %v = %q %v, want %q", got, widest, ok, tt.widest)
		}
	}
}
