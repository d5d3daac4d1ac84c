package draw

import (
	"compress/gzip"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/web"
)

// serveBundle sends the stored bundle f as a JSON download named after its task's code:
// gzip-encoded to a client that accepts gzip, as it is stored, and decompressed on the way
// to one that does not. Each encoding has its length and a strong ETag, the SHA-256 of its
// bytes, and a client that holds them already (If-None-Match) gets a 304. cacheControl,
// unless empty, goes with the 200 and the 304, never with an error.
func serveBundle(w http.ResponseWriter, r *http.Request, f *bundleFile, cacheControl string) {
	h := w.Header()
	h.Add("Vary", "Accept-Encoding")
	gzipped := acceptsGzip(r.Header.Values("Accept-Encoding"))
	etag, size := `"`+f.JSONSHA256+`"`, f.JSONSize
	if gzipped {
		etag, size = `"`+f.GzipSHA256+`"`, f.GzipSize
	}
	validated := func() {
		h.Set("ETag", etag)
		if cacheControl != "" {
			h.Set("Cache-Control", cacheControl)
		}
	}
	if etagMatches(r.Header.Values("If-None-Match"), etag) {
		validated()
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := f.compressed(r.Context())
	if !gzipped {
		zr, err := gzip.NewReader(body)
		if err != nil {
			failBundle(w, r, err)
			return
		}
		body = zr
	}
	validated()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "draw-" + f.code + ".json"}))
	h.Set("Content-Length", strconv.FormatInt(size, 10))
	if gzipped {
		h.Set("Content-Encoding", "gzip")
	}
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	if _, err := io.Copy(slowClientWriter{w: w, rc: http.NewResponseController(w)}, body); err != nil {
		// The status is sent; a client that went away is all this can be, or a broken
		// piece, which the cut-short download shows.
		slog.WarnContext(r.Context(), "send draw bundle", "code", f.code, "err", err)
	}
}

// failBundle reports err unless the client went away, when nobody is left to tell.
func failBundle(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil {
		return
	}
	web.Fail(w, r, err)
}

// slowClientWriter gives every write of a download a minute of its own. The server's write
// timeout bounds a whole response, and the bundle of a large draw, a hundred megabytes
// compressed, takes longer than that over a slow link: a client that keeps reading keeps
// its download.
type slowClientWriter struct {
	w  io.Writer
	rc *http.ResponseController
}

func (s slowClientWriter) Write(p []byte) (int, error) {
	// A writer without deadlines (a test's recorder) leaves the server's timeout in force.
	_ = s.rc.SetWriteDeadline(time.Now().Add(time.Minute))
	return s.w.Write(p)
}

// acceptsGzip reports whether the Accept-Encoding values admit gzip: named (or as x-gzip),
// or covered by *, with a quality above zero (RFC 9110, section 12.5.3).
func acceptsGzip(values []string) bool {
	named, star := false, false
	for _, v := range values {
		for _, item := range strings.Split(v, ",") {
			coding, params, _ := strings.Cut(item, ";")
			coding = strings.ToLower(strings.TrimSpace(coding))
			accepted := qualityAboveZero(params)
			switch coding {
			case "gzip", "x-gzip":
				if !accepted {
					return false
				}
				named = true
			case "*":
				star = accepted
			}
		}
	}
	return named || star
}

// qualityAboveZero reads the q parameter of an Accept-Encoding item: absent is 1.
func qualityAboveZero(params string) bool {
	for _, p := range strings.Split(params, ";") {
		name, value, _ := strings.Cut(p, "=")
		if strings.EqualFold(strings.TrimSpace(name), "q") {
			q, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
			return err == nil && q > 0
		}
	}
	return true
}

// etagMatches reports whether If-None-Match values name etag or are *. The comparison is
// weak, as RFC 9110 (section 13.1.2) has it for If-None-Match: W/ is ignored.
func etagMatches(values []string, etag string) bool {
	for _, v := range values {
		for _, tag := range strings.Split(v, ",") {
			tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
			if tag == "*" || tag == etag {
				return true
			}
		}
	}
	return false
}
