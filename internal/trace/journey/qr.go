package journey

import (
	"net/http"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/shejian/shejian/internal/web"
)

// qrModule is the side of one QR module in pixels: a URL of this site makes a symbol of
// about 37 modules with its quiet zone, so about 300 pixels, sharp when printed small.
const qrModule = 8

// qrCode answers GET /t/{code}/qr.png: the QR code of the page's URL, error correction M,
// which survives a smudged label.
func (h *Handler) qrCode(w http.ResponseWriter, r *http.Request) {
	code := r.PathValue("code")
	_, ok, err := h.codes.lotOf(r.Context(), code)
	switch {
	case err != nil:
		web.Fail(w, r, err)
		return
	case !ok:
		http.NotFound(w, r)
		return
	}
	png, err := qrPNG(siteURL(r) + publicPath(code))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Write(png)
}

// qrPNG is the QR code of text as a PNG of qrModule pixels a module.
func qrPNG(text string) ([]byte, error) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return nil, err
	}
	return q.PNG(-qrModule)
}
