package draw

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestIndependentReimplementationAgrees runs testdata/reference_draw.py, a reimplementation
// of the package doc in Python, on bundles of this package, one by registry IDs and one as
// published: the doc is the whole specification only if a program written from it alone
// accepts them, and refuses a tampered one.
func TestIndependentReimplementationAgrees(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found: the reference reimplementation is not run")
	}
	in := synthCity(8, cityShape{entities: 600, inspectors: 30, regions: 2, stations: 3, previousShare: 0.5, conflictsPerInspector: 10})
	in.Config.ExcludeOwnStation = true
	in.Config.RatioPercent[ClassA] = 12.5
	b := mustBundle(t, in, testSeed("python"), "福彩3D 2026070")
	path := filepath.Join(t.TempDir(), "bundle.json")
	writeBundleFile(t, b, path)
	if out, err := exec.Command(python, "testdata/reference_draw.py", path).CombinedOutput(); err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Fatalf("reference: %v\n%s", err, out)
	}
	b.Result.Assignments[10].Inspectors[1] = "P99999"
	writeBundleFile(t, b, path)
	if out, err := exec.Command(python, "testdata/reference_draw.py", path).CombinedOutput(); err == nil || !strings.Contains(string(out), "result differs") {
		t.Fatalf("reference accepted a tampered result: %v\n%s", err, out)
	}
	published := mustPublishedBundle(t, registryForm(in), testSeed("python published"), "福彩3D 2026071")
	writeBundleFile(t, published, path)
	if out, err := exec.Command(python, "testdata/reference_draw.py", path).CombinedOutput(); err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Fatalf("reference on a published bundle: %v\n%s", err, out)
	}
	published.Openings[3].USCC = "91330100MA99999999"
	writeBundleFile(t, published, path)
	if out, err := exec.Command(python, "testdata/reference_draw.py", path).CombinedOutput(); err == nil || !strings.Contains(string(out), "opening differs") {
		t.Fatalf("reference accepted a business named in place of the one drawn: %v\n%s", err, out)
	}
}

func writeBundleFile(t *testing.T, b *Bundle, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := b.Write(f); err != nil {
		t.Fatal(err)
	}
}
