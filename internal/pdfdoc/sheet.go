package pdfdoc

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/signintech/gopdf"
)

// A4 in points, with margins of 20 mm.
const (
	pageW, pageH = 595.28, 841.89
	margin       = 56.7
	textW        = pageW - 2*margin
	family       = "cjk"
)

// Sheet writes one document onto A4 pages, top down, and keeps the text it drew in order:
// the font's glyphs are written as ids, so tests and a text alternative read the text here.
type Sheet struct {
	pdf  *gopdf.GoPdf
	y    float64
	size float64
	text []string
}

// NewSheet starts a document. Everything gopdf would take from the clock or a random source
// is fixed: the creation date is created (a time the record fixes), and gopdf writes no
// document ID without encryption, so the same input gives the same bytes.
func NewSheet(font []byte, title string, created time.Time) (*Sheet, error) {
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	pdf.SetInfo(gopdf.PdfInfo{Title: title, Creator: "shejian", Producer: "shejian", CreationDate: created.UTC()})
	if err := pdf.AddTTFFontData(family, font); err != nil {
		return nil, fmt.Errorf("pdf font: %w", err)
	}
	s := &Sheet{pdf: pdf}
	s.newPage()
	return s, s.font(11)
}

// Text is the text drawn so far, one entry per call that drew it.
func (s *Sheet) Text() []string { return s.text }

func (s *Sheet) newPage() {
	s.pdf.AddPage()
	s.y = margin
}

func (s *Sheet) font(size float64) error {
	s.size = size
	return s.pdf.SetFont(family, "", size)
}

// room starts a new page unless h points fit above the bottom margin.
func (s *Sheet) room(h float64) {
	if s.y+h > pageH-margin {
		s.newPage()
	}
}

// lineHeight is the advance of one line in the current size.
func (s *Sheet) lineHeight() float64 { return s.size * 1.6 }

// Centered writes text in size across the page, for titles and the result in large type.
func (s *Sheet) Centered(text string, size float64) error {
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

// Right writes text against the right margin, for the number and the date.
func (s *Sheet) Right(text string) error {
	s.room(s.lineHeight())
	s.pdf.SetXY(margin, s.y)
	s.text = append(s.text, text)
	s.y += s.lineHeight()
	return s.pdf.CellWithOption(&gopdf.Rect{W: textW, H: s.lineHeight()}, text, gopdf.CellOption{Align: gopdf.Right})
}

// Para writes text wrapped to the page width, indented by indent points.
func (s *Sheet) Para(text string, indent float64) error {
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

// Field writes "label：value", the value wrapped under itself; an empty value prints "—".
func (s *Sheet) Field(label, value string) error {
	if value == "" {
		value = "—"
	}
	return s.Para(label+"："+value, 0)
}

// Gap leaves h points blank.
func (s *Sheet) Gap(h float64) { s.y += h }

// Rule draws a line across the page.
func (s *Sheet) Rule() {
	s.room(8)
	s.pdf.SetLineWidth(0.6)
	s.pdf.Line(margin, s.y+4, pageW-margin, s.y+4)
	s.y += 8
}

// Bytes is the finished PDF.
func (s *Sheet) Bytes() ([]byte, error) {
	var b bytes.Buffer
	if err := s.pdf.Write(&b); err != nil {
		return nil, fmt.Errorf("write pdf: %w", err)
	}
	return b.Bytes(), nil
}
