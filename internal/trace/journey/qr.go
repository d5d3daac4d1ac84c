package journey

import (
	"net/http"

	"github.com/shejian/shejian/internal/web"
)

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
	png, err := web.QRCodePNG(web.SiteURL(r) + publicPath(code))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Write(png)
}
