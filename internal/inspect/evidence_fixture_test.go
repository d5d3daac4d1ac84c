package inspect

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// exifMarker is the text an EXIF APP1 segment starts with.
var exifMarker = []byte("Exif\x00\x00")

func testImage(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		for y := range h {
			img.Set(x, y, color.RGBA{uint8(x * 40), uint8(y * 40), 90, 255})
		}
	}
	return img
}

func encodePNG(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, testImage(w, h)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// encodeJPEG is an 8×8 JPEG, with an EXIF APP1 segment (holding a GPS-like text) right after
// its SOI marker when withExif is set, as a phone camera writes it.
func encodeJPEG(t *testing.T, withExif bool) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, testImage(8, 8), nil); err != nil {
		t.Fatal(err)
	}
	plain := b.Bytes()
	if !withExif {
		return plain
	}
	payload := append(append([]byte{}, exifMarker...), []byte("MM\x00\x2aGPS 30.2505N 120.1505E phone serial 42")...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	out := append([]byte{}, plain[:2]...)
	out = append(out, seg...)
	out = append(out, payload...)
	return append(out, plain[2:]...)
}
