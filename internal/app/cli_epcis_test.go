package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEpcisHashCommand hashes a reference document and compares with its oracle; the vectors
// live next to the repository in ../shared/corpus and are never copied into it.
func TestEpcisHashCommand(t *testing.T) {
	base := filepath.Join("..", "..", "..", "shared", "corpus", "epcis-hash", "tests", "examples", "epcisDocWithVariousEventTypes")
	want, err := os.ReadFile(base + ".hashes")
	if err != nil {
		t.Skipf("EPCIS hash vectors not found (../shared/corpus next to the repository): %v", err)
	}
	for _, ext := range []string{".jsonld", ".xml"} {
		var stdout, stderr bytes.Buffer
		if code := Main([]string{"epcis", "hash", base + ext}, &stdout, &stderr); code != 0 {
			t.Fatalf("%s: exit %d: %s", ext, code, stderr.String())
		}
		if got := strings.TrimSpace(stdout.String()); got != strings.TrimSpace(string(want)) {
			t.Errorf("%s: printed\n%s\nwant\n%s", ext, got, want)
		}
	}
}

func TestEpcisHashCommandRefuses(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		doc  string // written to a file; "" means no file at all
		args []string
		says string
	}{
		{name: "malformed JSON", doc: `{"type": "EPCISDocument", "epcisBody": {`, says: "read JSON"},
		{name: "not EPCIS", doc: `{"type": "Invoice", "total": 12}`, says: "unsupported document"},
		{name: "neither JSON nor XML", doc: "eventTime,action\n", says: "unsupported document"},
		{name: "bad event time", doc: `{"type": "ObjectEvent", "eventTime": "yesterday", "action": "OBSERVE"}`, says: "event 0 (ObjectEvent): eventTime"},
		{name: "missing file", says: "no such file"},
		{name: "no subcommand", args: []string{"epcis"}, says: "usage: shejian epcis hash FILE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".jsonld")
			if tt.doc != "" {
				if err := os.WriteFile(path, []byte(tt.doc), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			args := tt.args
			if args == nil {
				args = []string{"epcis", "hash", path}
			}
			var stdout, stderr bytes.Buffer
			code := Main(args, &stdout, &stderr)
			if code == 0 || stdout.Len() > 0 || !strings.Contains(stderr.String(), tt.says) {
				t.Errorf("exit %d, stdout %q, stderr %q: want a failure saying %q and nothing printed", code, stdout.String(), stderr.String(), tt.says)
			}
		})
	}
}
