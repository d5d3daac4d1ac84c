package trace

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// TestCaptureXML: POST /epcis/capture takes an EPCIS XML document and stores the events of
// its JSON twin: capturing the twin afterwards stores nothing, each of its events a repeat
// of one the XML brought (same eventID, same Event Hash ID). XML that is no EPCIS document
// is refused naming why, with nothing stored.
func TestCaptureXML(t *testing.T) {
	dir := filepath.Join(epcisCorpus, "..", "epcis-hash", "tests", "examples")
	twins, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
	if len(twins) == 0 {
		t.Skipf("no XML vectors in %s", dir)
	}
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s := NewStore(st)
		router := web.NewRouter(nil)
		NewHandler(s).Routes(router)
		pairs := 0
		for _, path := range twins {
			base := strings.TrimSuffix(path, ".xml")
			twin, err := os.ReadFile(base + ".jsonld")
			if err != nil {
				continue
			}
			pairs++
			t.Run(filepath.Base(base), func(t *testing.T) {
				res := postCapture(t, router, "application/xml", mustReadFile(t, path))
				var job struct {
					Success bool `json:"success"`
				}
				if res.Code != http.StatusAccepted || json.Unmarshal(res.Body.Bytes(), &job) != nil || !job.Success {
					t.Fatalf("XML capture: %d %s", res.Code, res.Body)
				}
				if again := mustCapture(t, s, twin, System); again.Stored != 0 || again.EventCount == 0 {
					t.Errorf("the JSON twin stored %d of %d events, want none: all repeats", again.Stored, again.EventCount)
				}
			})
		}
		if pairs < 5 {
			t.Fatalf("%d XML and JSON twins, want the corpus's", pairs)
		}
		before := count(t, st, "epcis_events", "1 = 1")
		res := postCapture(t, router, "application/xml", []byte(`<order><id>1</id></order>`))
		if res.Code != http.StatusBadRequest || !strings.Contains(res.Body.String(), `root element \"order\" is not an EPCIS document`) {
			t.Errorf("not EPCIS: %d %s, want 400 naming the problem", res.Code, res.Body)
		}
		if n := count(t, st, "epcis_events", "1 = 1"); n != before {
			t.Errorf("%d events after a refused document, want %d", n, before)
		}
	})
}

// postCapture posts doc of media type to /epcis/capture as the city.
func postCapture(t *testing.T, h http.Handler, media string, doc []byte) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequestWithContext(access.WithScope(context.Background(), access.Everywhere), http.MethodPost, "/epcis/capture", bytes.NewReader(doc))
	req.Header.Set("Content-Type", media)
	res := httptest.NewRecorder()
	h.ServeHTTP(res, req)
	return res
}

func mustReadFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
