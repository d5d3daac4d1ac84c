package documents

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/signintech/gopdf"
	qrcode "github.com/skip2/go-qrcode"
)

// A4 in points, with margins of 20 mm.
const (
	pageW, pageH = 595.28, 841.89
	margin       = 56.7
	textW        = pageW - 2*margin
	family       = "cjk"
)

// sheet writes one document onto A4 pages, top down, and keeps the text it drew in order:
// the font's glyphs are written as ids, so tests and a text alternative read the text here.
type sheet struct {
	pdf  *gopdf.GoPdf
	y    float64
	size float64
	text []string
}

// newSheet starts a document. Everything gopdf would take from the clock or a random source
// is fixed: the creation date is created (the signing time), and gopdf writes no document
// ID without encryption, so the same input gives the same bytes.
func newSheet(font []byte, title string, created time.Time) (*sheet, error) {
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	pdf.SetInfo(gopdf.PdfInfo{Title: title, Creator: "shejian", Producer: "shejian", CreationDate: created.UTC()})
	if err := pdf.AddTTFFontData(family, font); err != nil {
		return nil, fmt.Errorf("pdf font: %w", err)
	}
	s := &sheet{pdf: pdf}
	s.newPage()
	return s, s.font(11)
}

func (s *sheet) newPage() {
	s.pdf.AddPage()
	s.y = margin
}

func (s *sheet) font(size float64) error {
	s.size = size
	return s.pdf.SetFont(family, "", size)
}

// room starts a new page unless h points fit above the bottom margin.
func (s *sheet) room(h float64) {
	if s.y+h > pageH-margin {
		s.newPage()
	}
}

// lineHeight is the advance of one line in the current size.
func (s *sheet) lineHeight() float64 { return s.size * 1.6 }

// centered writes text in size across the page, for titles and the result in large type.
func (s *sheet) centered(text string, size float64) error {
	if err := s.font(size); err != nil {
		return err
	}
	s.room(s.lineHeight())
	s.pdf.SetXY(margin, s.y)
	s.text = append(s.text, text)
	err := s.pdf.CellWithOption(&gopdf.Rect{W: textW, H: s.lineHeight()}, text, gopdf.CellOption{Align: gopdf.Center})
	s.y += s.lineHeight()
	if err == nil {
		err = s.font(11)
	}
	return err
}

// right writes text against the right margin, for the number and the date.
func (s *sheet) right(text string) error {
	s.room(s.lineHeight())
	s.pdf.SetXY(margin, s.y)
	s.text = append(s.text, text)
	s.y += s.lineHeight()
	return s.pdf.CellWithOption(&gopdf.Rect{W: textW, H: s.lineHeight()}, text, gopdf.CellOption{Align: gopdf.Right})
}

// para writes text wrapped to the page width, indented by indent points.
func (s *sheet) para(text string, indent float64) error {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	s.text = append(s.text, text)
	lines, err := s.pdf.SplitText(text, textW-indent)
	if err != nil {
		return fmt.Errorf("wrap %q: %w", text, err)
	}
	for _, l := range lines {
		s.room(s.lineHeight())
		s.pdf.SetXY(margin+indent, s.y)
		if err := s.pdf.Cell(nil, l); err != nil {
			return fmt.Errorf("write %q: %w", l, err)
		}
		s.y += s.lineHeight()
	}
	return nil
}

// field writes "label：value", the value wrapped under itself.
func (s *sheet) field(label, value string) error {
	if value == "" {
		value = "—"
	}
	return s.para(label+"："+value, 0)
}

// gap leaves h points blank.
func (s *sheet) gap(h float64) { s.y += h }

// rule draws a line across the page.
func (s *sheet) rule() {
	s.room(8)
	s.pdf.SetLineWidth(0.6)
	s.pdf.Line(margin, s.y+4, pageW-margin, s.y+4)
	s.y += 8
}

// image draws a PNG (a signature) h points high at indent, keeping its proportions.
func (s *sheet) image(png []byte, indent, h float64) error {
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

// qr draws the QR code of text as filled squares side points wide at the right margin, and
// prints text under it: vectors stay sharp on any printer.
func (s *sheet) qr(text string, side float64) error {
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
	return s.right(text)
}

// bytes is the finished PDF.
func (s *sheet) bytes() ([]byte, error) {
	var b bytes.Buffer
	if err := s.pdf.Write(&b); err != nil {
		return nil, fmt.Errorf("write pdf: %w", err)
	}
	return b.Bytes(), nil
}
