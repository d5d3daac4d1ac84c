package web

import (
	"net/http"

	qrcode "github.com/skip2/go-qrcode"
)

// SiteURL is the scheme and host the request came to: https when it came over TLS or a
// proxy says so. Links printed on paper or in QR codes point there.
func SiteURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// QRModule is the side of one QR module in pixels: a URL of this site makes a symbol of
// about 300 pixels, sharp on a phone screen, a package label or a door sign.
const QRModule = 8

// QRCodePNG is the QR code of text as a PNG of QRModule pixels a module, error correction M
// (it survives a smudged label).
func QRCodePNG(text string) ([]byte, error) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return nil, err
	}
	return q.PNG(-QRModule)
}
