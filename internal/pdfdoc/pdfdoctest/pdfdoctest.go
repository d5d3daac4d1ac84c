// Package pdfdoctest checks documents drawn with pdfdoc against golden files: the drawn
// text in testdata/<name>.txt, the bytes' hash with the font's in testdata/<name>.pdf.sha256.
package pdfdoctest

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/pdfdoc"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

// NeedFont skips a test that renders when the CJK font is absent.
func NeedFont(tb testing.TB) {
	tb.Helper()
	if _, err := os.Stat(pdfdoc.FontPath()); err != nil {
		tb.Skipf("PDF tests skipped: no CJK font at %s (install the Debian package fonts-lxgw-wenkai or set %s)", pdfdoc.FontPath(), pdfdoc.FontEnv)
	}
}

// Golden compares a document's drawn text with testdata/<name>.txt and its bytes with the
// hash in testdata/<name>.pdf.sha256, which also names the font it was made with: under
// another font the bytes differ by design, so only the text is compared. go test -update
// rewrites both.
func Golden(t *testing.T, name string, text []string, pdf []byte) {
	t.Helper()
	font, err := pdfdoc.LoadFont(pdfdoc.FontPath())
	if err != nil {
		t.Fatal(err)
	}
	fontSum := sum(font)
	drawn := strings.Join(text, "\n") + "\n"
	hash := fmt.Sprintf("pdf %s\nfont %s\n", sum(pdf), fontSum)
	textPath, hashPath := filepath.Join("testdata", name+".txt"), filepath.Join("testdata", name+".pdf.sha256")
	if *update {
		write(t, textPath, drawn)
		write(t, hashPath, hash)
		return
	}
	if want := read(t, textPath); drawn != want {
		t.Errorf("%s text:\n%s\nwant (%s):\n%s", name, drawn, textPath, want)
	}
	want := read(t, hashPath)
	if !strings.Contains(want, "font "+fontSum) {
		t.Logf("%s: bytes not compared: testdata was made with another font than %s", name, pdfdoc.FontPath())
		return
	}
	if hash != want {
		t.Errorf("%s: bytes changed: %s, want %s (go test -update after checking the PDF)", name, hash, want)
	}
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden file: %v (go test -update writes it)", err)
	}
	return string(b)
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Drew reports whether a document drew a text containing s.
func Drew(text []string, s string) bool {
	return slices.ContainsFunc(text, func(x string) bool { return strings.Contains(x, s) })
}
