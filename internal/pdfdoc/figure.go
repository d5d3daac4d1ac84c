package pdfdoc

import (
	"fmt"

	"github.com/signintech/gopdf"
	qrcode "github.com/skip2/go-qrcode"
)

// Image draws a PNG (a signature) h points high at indent, keeping its proportions.
func (s *Sheet) Image(png []byte, indent, h float64) error {
	holder, err := gopdf.ImageHolderByBytes(png)
	if err != nil {
		return fmt.Errorf("signature image: %w", err)
	}
	cfg, err := pngSize(png)
	if err != nil {
		return err
	}
	w := h * float64(cfg.Width) / float64(cfg.Height)
	s.room(h)
	err = s.pdf.ImageByHolder(holder, margin+indent, s.y, &gopdf.Rect{W: min(w, textW-indent), H: h})
	s.y += h
	return err
}

// QR draws the QR code of text as filled squares side points wide at the right margin, and
// prints text under it: vectors stay sharp on any printer.
func (s *Sheet) QR(text string, side float64) error {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return fmt.Errorf("qr code of %s: %w", text, err)
	}
	bits := q.Bitmap()
	s.room(side + s.lineHeight())
	x0, module := pageW-margin-side, side/float64(len(bits))
	s.pdf.SetFillColor(0, 0, 0)
	for r, row := range bits {
		for c, dark := range row {
			if dark {
				s.pdf.RectFromUpperLeftWithStyle(x0+float64(c)*module, s.y+float64(r)*module, module, module, "F")
			}
		}
	}
	s.y += side
	return s.Right(text)
}
