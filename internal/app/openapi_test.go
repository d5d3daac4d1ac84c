package app

import (
	"context"
	"encoding/json"
	"mime"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/store"
)

// openAPIMethods are the operation keys of an OpenAPI path item.
var openAPIMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// newOpenAPITestApp wires the app over a fresh migrated SQLite store.
func newOpenAPITestApp(t *testing.T) *App {
	t.Helper()
	st, err := store.OpenAndMigrate(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	a, err := New(st)
	if err != nil {
		t.Fatalf("wire app: %v", err)
	}
	return a
}

// openAPIDoc parses the embedded document.
func openAPIDoc(t *testing.T) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatalf("openapi.json is not valid JSON: %v", err)
	}
	return doc
}

// openAPIOperations returns every documented operation keyed "METHOD /path".
func openAPIOperations(t *testing.T, doc map[string]any) map[string]map[string]any {
	t.Helper()
	paths, ok := doc["paths"].(map[string]any)
	if !ok {
		t.Fatal("openapi.json has no paths object")
	}
	ops := map[string]map[string]any{}
	for path, item := range paths {
		item, ok := item.(map[string]any)
		if !ok {
			t.Errorf("path %s is not an object", path)
			continue
		}
		for _, m := range openAPIMethods {
			op, present := item[m]
			if !present {
				continue
			}
			o, ok := op.(map[string]any)
			if !ok {
				t.Errorf("%s %s is not an object", strings.ToUpper(m), path)
				continue
			}
			ops[strings.ToUpper(m)+" "+path] = o
		}
	}
	return ops
}

func TestOpenAPIMatchesRoutes(t *testing.T) {
	a := newOpenAPITestApp(t)
	routed := map[string]bool{}
	for _, r := range a.Router.Routes() {
		if strings.HasPrefix(r.Path, "/api/v1/") {
			routed[r.Method+" "+r.Path] = true
		}
	}
	if len(routed) == 0 {
		t.Fatal("the router has no /api/v1/ routes")
	}
	documented := openAPIOperations(t, openAPIDoc(t))
	for _, k := range sortedKeys(routed) {
		if documented[k] == nil {
			t.Errorf("route %s is not documented in internal/app/openapi.json", k)
		}
	}
	for _, k := range sortedKeys(documented) {
		if !routed[k] {
			t.Errorf("openapi.json documents %s, which the router does not serve (stale entry)", k)
		}
	}
}

func TestOpenAPIDocumentIsWellFormed(t *testing.T) {
	doc := openAPIDoc(t)
	if v := doc["openapi"]; v != "3.1.0" {
		t.Errorf("openapi = %v, want 3.1.0", v)
	}
	if info, _ := doc["info"].(map[string]any); info == nil || info["title"] == nil || info["version"] == nil {
		t.Error("info needs a title and a version")
	}
	ops := openAPIOperations(t, doc)
	if len(ops) == 0 {
		t.Fatal("openapi.json documents no operations")
	}
	ids := map[string]string{}
	param := regexp.MustCompile(`\{([^}]+)\}`)
	for _, k := range sortedKeys(ops) {
		op := ops[k]
		id, _ := op["operationId"].(string)
		switch {
		case id == "":
			t.Errorf("%s has no operationId", k)
		case ids[id] != "":
			t.Errorf("%s and %s share operationId %q", ids[id], k, id)
		default:
			ids[id] = k
		}
		responses, _ := op["responses"].(map[string]any)
		has2xx := false
		for code := range responses {
			if n, err := strconv.Atoi(code); (err == nil && n >= 200 && n < 300) || code == "2XX" {
				has2xx = true
			}
		}
		if !has2xx {
			t.Errorf("%s has no 2xx response", k)
		}
		// Every {name} of the path template is declared as a required path parameter.
		declared := map[string]bool{}
		for _, p := range asSlice(op["parameters"]) {
			p = resolveRef(doc, p)
			if pm, ok := p.(map[string]any); ok && pm["in"] == "path" && pm["required"] == true {
				name, _ := pm["name"].(string)
				declared[name] = true
			}
		}
		_, path, _ := strings.Cut(k, " ")
		for _, m := range param.FindAllStringSubmatch(path, -1) {
			if !declared[m[1]] {
				t.Errorf("%s does not declare the required path parameter %q", k, m[1])
			}
		}
	}
	var refs []string
	collectRefs(doc, &refs)
	if len(refs) == 0 {
		t.Error("openapi.json has no $ref; the walk is broken")
	}
	for _, ref := range refs {
		if _, err := lookupPointer(doc, ref); err != "" {
			t.Errorf("$ref %q does not resolve: %s", ref, err)
		}
	}
}

func TestOpenAPIServed(t *testing.T) {
	a := newOpenAPITestApp(t)
	rec := httptest.NewRecorder()
	a.Handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/openapi.json", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /api/v1/openapi.json = %d, want 200; body %s", rec.Code, rec.Body)
	}
	media, _, err := mime.ParseMediaType(rec.Header().Get("Content-Type"))
	if err != nil || media != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", rec.Header().Get("Content-Type"))
	}
	var doc map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatalf("served document is not JSON: %v", err)
	}
	if doc["openapi"] != "3.1.0" {
		t.Errorf("served openapi = %v, want 3.1.0", doc["openapi"])
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

// collectRefs appends the value of every "$ref" in v.
func collectRefs(v any, out *[]string) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "$ref" {
				*out = append(*out, s)
				continue
			}
			collectRefs(x, out)
		}
	case []any:
		for _, x := range v {
			collectRefs(x, out)
		}
	}
}

// resolveRef follows a local $ref, or returns v as is.
func resolveRef(doc map[string]any, v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	ref, ok := m["$ref"].(string)
	if !ok {
		return v
	}
	target, err := lookupPointer(doc, ref)
	if err != "" {
		return v
	}
	return target
}

// lookupPointer resolves a local reference "#/a/b" (RFC 6901) in doc; the error is empty on
// success.
func lookupPointer(doc map[string]any, ref string) (any, string) {
	pointer, ok := strings.CutPrefix(ref, "#")
	if !ok {
		return nil, "not a reference inside the document"
	}
	var cur any = doc
	if pointer == "" {
		return cur, ""
	}
	if !strings.HasPrefix(pointer, "/") {
		return nil, "not a JSON pointer"
	}
	for _, tok := range strings.Split(pointer[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch c := cur.(type) {
		case map[string]any:
			next, ok := c[tok]
			if !ok {
				return nil, "no member " + strconv.Quote(tok)
			}
			cur = next
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(c) {
				return nil, "no element " + strconv.Quote(tok)
			}
			cur = c[i]
		default:
			return nil, "cannot descend into " + strconv.Quote(tok)
		}
	}
	return cur, ""
}
