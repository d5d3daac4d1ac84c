package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed static
var staticFiles embed.FS

// staticVersion is a digest of every static file, so URLs change when content does and the
// files can be cached for a year.
var staticVersion = ContentDigest(staticFiles)

// ContentDigest is a short digest of the names and contents of every file in fsys: a
// version that changes whenever any file does, for cache-busting URLs.
func ContentDigest(fsys fs.FS) string {
	h := sha256.New()
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := fs.ReadFile(fsys, p)
		h.Write([]byte(p))
		h.Write(b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// StaticURL is the cache-busting URL of a file under static/.
func StaticURL(name string) string { return "/static/" + staticVersion + "/" + name }

// StaticHandler serves /static/{version}/{file}.
func StaticHandler() http.Handler {
	sub, _ := fs.Sub(staticFiles, "static")
	files := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest := strings.TrimPrefix(r.URL.Path, "/static/")
		_, file, ok := strings.Cut(rest, "/")
		if !ok || file == "" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		r2 := r.Clone(r.Context())
		r2.URL.Path = "/" + file
		files.ServeHTTP(w, r2)
	})
}
