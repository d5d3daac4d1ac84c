package access

import (
	"os"
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

func TestRoleIncludes(t *testing.T) {
	tests := []struct {
		r, other Role
		want     bool
	}{
		{RoleCityAdmin, RoleDistrictAdmin, true},
		{RoleDistrictAdmin, RoleCityAdmin, false},
		{RoleDistrictAdmin, RoleStationInspector, true},
		{RoleStationInspector, RoleCoordinator, true},
		{RoleCoordinator, RoleStationInspector, false},
		{RoleLabTechnician, RoleBusinessOperator, true},
		{RoleBusinessOperator, RoleLabTechnician, false},
	}
	for _, tt := range tests {
		if got := tt.r.Includes(tt.other); got != tt.want {
			t.Errorf("%s includes %s = %v, want %v", tt.r, tt.other, got, tt.want)
		}
	}
}
