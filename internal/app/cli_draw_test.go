package app

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/draw"
)

// writeDrawBundle draws a small two-district city and writes its bundle to a file.
func writeDrawBundle(t *testing.T) (string, *draw.Bundle) {
	t.Helper()
	in := draw.Inputs{Config: draw.Config{TaskID: "T-2026-001", TaskName: "第一批", InspectorsPerEntity: 2,
		RatioPercent: map[draw.CreditClass]float64{draw.ClassA: 5, draw.ClassB: 20, draw.ClassC: 60, draw.ClassD: 100}}}
	for i := range 8 {
		in.Inspectors = append(in.Inspectors, draw.Inspector{ID: fmt.Sprintf("P%d", i), Region: fmt.Sprintf("R%d", i%2), OrgUnit: "S"})
	}
	for i := range 200 {
		in.Entities = append(in.Entities, draw.Entity{ID: fmt.Sprintf("E%03d", i), Region: fmt.Sprintf("R%d", i%2),
			Credit: draw.Classes[i%4], PreviousInspectors: []string{fmt.Sprintf("P%d", i%8)}})
	}
	seed := sha256.Sum256([]byte("cli"))
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	c, err := draw.Commit(&in, seed[:], at)
	if err != nil {
		t.Fatal(err)
	}
	r, err := draw.Run(&in, seed[:], "")
	if err != nil {
		t.Fatal(err)
	}
	b := draw.NewBundle(in, c, seed[:], "", r, at.Add(time.Hour))
	var file bytes.Buffer
	if err := b.Write(&file); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "bundle.json")
	if err := os.WriteFile(path, file.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, b
}

func TestDrawVerifyCommand(t *testing.T) {
	path, b := writeDrawBundle(t)
	var out bytes.Buffer
	if err := runDraw(t.Context(), []string{"verify", "--bundle", path, "--seed-sha256", b.Commitment.SeedSHA256}, &out); err != nil {
		t.Fatalf("verify: %v", err)
	}
	// 2.5 of 50 class A entities round up to 3: 3 + 10 + 30 + 50.
	if !strings.Contains(out.String(), "draw T-2026-001 verified: the re-run gives the same 93 assignments") {
		t.Errorf("output:\n%s", out.String())
	}
	body, _ := os.ReadFile(path)
	tests := []struct {
		name, old, new string
		args           []string
		says           string
	}{
		{"input changed", `"id":"E001","org_unit":"","region":"R1","credit_class":"B"`, `"id":"E001","org_unit":"","region":"R1","credit_class":"A"`, nil, "inputs do not match the input digest"},
		{"seed changed", `"seed":"` + b.Seed[:4], `"seed":"0000`, nil, "seed does not match its commitment"},
		{"result changed", `"inspectors":["` + b.Result.Assignments[0].Inspectors[0], `"inspectors":["P9`, nil, "assignment 1 is entity"},
		{"other commitment published", "", "", []string{"--input-digest", strings.Repeat("0", 64)}, "was published"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !bytes.Contains(body, []byte(tt.old)) {
				t.Fatalf("bundle has no %s", tt.old)
			}
			tampered := filepath.Join(t.TempDir(), "tampered.json")
			if err := os.WriteFile(tampered, bytes.Replace(body, []byte(tt.old), []byte(tt.new), 1), 0o600); err != nil {
				t.Fatal(err)
			}
			err := runDraw(t.Context(), append([]string{"verify", "--bundle", tampered}, tt.args...), &out)
			if err == nil || !strings.Contains(err.Error(), tt.says) {
				t.Fatalf("verify: %v, want %q", err, tt.says)
			}
		})
	}
	if err := runDraw(t.Context(), []string{"verify"}, &out); err == nil || !strings.Contains(err.Error(), "usage") {
		t.Errorf("no bundle: %v", err)
	}
}
