package draw

import (
	"bytes"
	"context"
	"database/sql"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

func TestAcceptsGzip(t *testing.T) {
	tests := []struct {
		header []string
		want   bool
	}{
		{nil, false},
		{[]string{""}, false},
		{[]string{"gzip"}, true},
		{[]string{"GZIP"}, true},
		{[]string{"x-gzip"}, true},
		{[]string{"gzip, deflate, br"}, true},
		{[]string{"br", "gzip;q=0.5"}, true},
		{[]string{"deflate, br"}, false},
		{[]string{"identity"}, false},
		{[]string{"gzip;q=0"}, false},
		{[]string{"gzip; q=0.0, *"}, false},
		{[]string{"*"}, true},
		{[]string{"*;q=0"}, false},
		{[]string{"*;q=0, gzip"}, true},
		{[]string{"gzip;q=x"}, false},
		{[]string{"gzipped"}, false},
	}
	for _, tt := range tests {
		if got := acceptsGzip(tt.header); got != tt.want {
			t.Errorf("Accept-Encoding %q: gzip %v, want %v", tt.header, got, tt.want)
		}
	}
}

func TestETagMatches(t *testing.T) {
	const etag = `"abc"`
	tests := []struct {
		header []string
		want   bool
	}{
		{nil, false},
		{[]string{`"abc"`}, true},
		{[]string{`W/"abc"`}, true},
		{[]string{`"x", "abc"`}, true},
		{[]string{`"x"`, ` "abc" `}, true},
		{[]string{"*"}, true},
		{[]string{`"abcd"`}, false},
		{[]string{`abc`}, false},
		{[]string{`"x", "y"`}, false},
	}
	for _, tt := range tests {
		if got := etagMatches(tt.header, etag); got != tt.want {
			t.Errorf("If-None-Match %q: %v, want %v", tt.header, got, tt.want)
		}
	}
}

// download is one request of a bundle and what came back.
type download struct {
	status  int
	header  http.Header
	body    []byte
	builtBy int64 // bundles the store had built on downloads by the time it answered
}

// fetch requests path as ctx with the extra headers (name, value, name, value…).
func (w *pageWorld) fetch(ctx context.Context, method, path string, headers ...string) download {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(method, path, nil).WithContext(web.WithLang(ctx, i18n.Chinese))
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Add(headers[i], headers[i+1])
	}
	w.router.ServeHTTP(rec, req)
	return download{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes(), builtBy: w.draws.builds.built.Load()}
}

// TestBundleDownloads downloads a published draw's bundle, stored when it was drawn: as
// gzip and as JSON, the same document either way, each with its length and the SHA-256 of
// its bytes as ETag; again as a client that has it (304); by HEAD; and as staff. Nothing
// is built on a download, and the stored bundle is what the task's rows give.
func TestBundleDownloads(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newPageWorld(t, st)
		ctx := context.Background()
		path := "/api/v1/public/draws/2026-D1/bundle"
		plain := w.fetch(ctx, "GET", path)
		zipped := w.fetch(ctx, "GET", path, "Accept-Encoding", "gzip, deflate")
		for name, d := range map[string]download{"json": plain, "gzip": zipped} {
			if d.status != 200 || d.header.Get("Content-Length") != strconv.Itoa(len(d.body)) ||
				d.header.Get("ETag") != `"`+sha256Hex(d.body)+`"` || d.header.Get("Vary") != "Accept-Encoding" ||
				d.header.Get("Content-Disposition") != `attachment; filename=draw-2026-D1.json` ||
				d.header.Get("Cache-Control") != "public, max-age=86400" {
				t.Fatalf("%s: %d %v", name, d.status, d.header)
			}
		}
		if plain.header.Get("Content-Encoding") != "" || zipped.header.Get("Content-Encoding") != "gzip" {
			t.Errorf("Content-Encoding %q and %q, want none and gzip", plain.header.Get("Content-Encoding"), zipped.header.Get("Content-Encoding"))
		}
		if !bytes.Equal(gunzip(t, zipped.body), plain.body) || plain.header.Get("ETag") == zipped.header.Get("ETag") {
			t.Fatal("the gzip download is not the JSON download compressed, or has its ETag")
		}
		rebuilt, err := w.draws.Bundle(ctx, w.published.ID)
		if err != nil {
			t.Fatal(err)
		}
		var fromRows bytes.Buffer
		if err := rebuilt.Write(&fromRows); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(plain.body, fromRows.Bytes()) {
			t.Errorf("the bundle stored at the draw differs from the one its rows give:\n%.400s\n%.400s", plain.body, fromRows.Bytes())
		}
		for _, body := range [][]byte{plain.body, zipped.body} { // as draw verify --bundle reads a file
			read, err := ReadBundle(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			mustVerify(t, read, w.published.Commitment)
		}
		checkConditionalDownloads(t, w, path, plain, zipped)
		staff := w.fetch(caller(access.Everywhere), "GET", "/api/v1/draw/tasks/"+strconv.FormatInt(w.published.ID, 10)+"/bundle", "Accept-Encoding", "gzip")
		if staff.status != 200 || !bytes.Equal(staff.body, zipped.body) || staff.header.Get("ETag") != zipped.header.Get("ETag") {
			t.Errorf("the staff's download differs from the public one: %d %v", staff.status, staff.header)
		}
		if built := w.draws.builds.built.Load(); built != 0 {
			t.Errorf("%d bundles built on a download, want none: the draw stored them", built)
		}
	})
}

// checkConditionalDownloads asks for the bundle at path as a client holding the plain or
// zipped download, and by HEAD.
func checkConditionalDownloads(t *testing.T, w *pageWorld, path string, plain, zipped download) {
	t.Helper()
	ctx := context.Background()
	plainTag, zippedTag := plain.header.Get("ETag"), zipped.header.Get("ETag")
	tests := []struct {
		name    string
		headers []string
		status  int
		body    []byte
	}{
		{"JSON held", []string{"If-None-Match", plainTag}, 304, nil},
		{"gzip held", []string{"Accept-Encoding", "gzip", "If-None-Match", `"0", ` + zippedTag}, 304, nil},
		{"weakly held", []string{"If-None-Match", "W/" + plainTag}, 304, nil},
		{"anything held", []string{"If-None-Match", "*"}, 304, nil},
		{"gzip held, JSON asked", []string{"If-None-Match", zippedTag}, 200, plain.body},
		{"JSON held, gzip asked", []string{"Accept-Encoding", "gzip", "If-None-Match", plainTag}, 200, zipped.body},
		{"gzip refused", []string{"Accept-Encoding", "gzip;q=0, br"}, 200, plain.body},
	}
	for _, tt := range tests {
		d := w.fetch(ctx, "GET", path, tt.headers...)
		if d.status != tt.status || !bytes.Equal(d.body, tt.body) {
			t.Errorf("%s: %d with %d bytes, want %d with %d", tt.name, d.status, len(d.body), tt.status, len(tt.body))
		}
		if tt.status == 304 && (d.header.Get("ETag") == "" || d.header.Get("Cache-Control") == "" || d.header.Get("Content-Length") != "") {
			t.Errorf("%s: 304 with %v", tt.name, d.header)
		}
	}
	head := w.fetch(ctx, "HEAD", path, "Accept-Encoding", "gzip")
	if head.status != 200 || len(head.body) != 0 || head.header.Get("Content-Length") != strconv.Itoa(len(zipped.body)) || head.header.Get("ETag") != zippedTag {
		t.Errorf("HEAD: %d with %d bytes, %v", head.status, len(head.body), head.header)
	}
}

// TestBundleOfManyPieces serves a bundle kept in more than one piece whole, both ways.
func TestBundleOfManyPieces(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newPageWorld(t, st)
		ctx := context.Background()
		big := mustPublishedBundle(t, registryForm(synthCity(23, cityShape{entities: 30_000, inspectors: 300, regions: 3, stations: 4})), testSeed("pieces"), "")
		p := mustPack(t, big)
		if p.Chunks < 2 {
			t.Fatalf("%d pieces, want a bundle of more than one", p.Chunks)
		}
		forgetBundle(t, st, w.published.ID)
		if err := st.Tx(ctx, func(tx *sql.Tx) error { return saveBundle(ctx, tx, w.published.ID, p.packedBundle) }); err != nil {
			t.Fatal(err)
		}
		path := "/api/v1/public/draws/2026-D1/bundle"
		for _, d := range []struct {
			headers []string
			want    []byte
		}{{nil, p.json}, {[]string{"Accept-Encoding", "gzip"}, p.gzip}} {
			if got := w.fetch(ctx, "GET", path, d.headers...); got.status != 200 || !bytes.Equal(got.body, d.want) {
				t.Errorf("download %q: %d, %d bytes of %d", d.headers, got.status, len(got.body), len(d.want))
			}
		}
	})
}

// forgetBundle deletes the stored bundle of task id, as if it was drawn before bundles
// were stored.
func forgetBundle(tb testing.TB, st *store.Store, id int64) {
	tb.Helper()
	for _, table := range []string{"draw_bundle_chunks", "draw_bundles"} {
		if _, err := st.DB().ExecContext(context.Background(), `DELETE FROM `+table+` WHERE task_id = $1`, id); err != nil {
			tb.Fatal(err)
		}
	}
}

// TestBundleRefusals: no bundle before the draw, none of a task not published for the
// public, none of an unknown task; each as the JSON problem of its status.
func TestBundleRefusals(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newPageWorld(t, st)
		city := caller(access.Everywhere)
		tests := []struct {
			ctx    context.Context
			path   string
			status int
		}{
			{city, "/api/v1/draw/tasks/" + strconv.FormatInt(w.committed.ID, 10) + "/bundle", 409},
			{city, "/api/v1/draw/tasks/999999/bundle", 404},
			{context.Background(), "/api/v1/public/draws/2026-D2/bundle", 404},
			{context.Background(), "/api/v1/public/draws/2026-D1-B/bundle", 404},
		}
		for _, tt := range tests {
			d := w.fetch(tt.ctx, "GET", tt.path, "Accept-Encoding", "gzip")
			if d.status != tt.status || d.header.Get("Content-Encoding") != "" || !strings.HasPrefix(d.header.Get("Content-Type"), "application/problem+json") {
				t.Errorf("GET %s: %d %v, want %d as a problem", tt.path, d.status, d.header, tt.status)
			}
		}
	})
}
