package inspect

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/apperr"
)

func TestBlobsStripMetadataFromThePublicCopy(t *testing.T) {
	b := NewBlobs(t.TempDir())
	photo := encodeJPEG(t, true)
	if !bytes.Contains(photo, exifMarker) {
		t.Fatal("the test photo has no EXIF segment")
	}
	blob, err := b.Put("file", photo)
	if err != nil {
		t.Fatal(err)
	}
	original, err := b.Read("original", blob.SHA256)
	if err != nil || !bytes.Equal(original, photo) || hashOf(original) != blob.SHA256 {
		t.Fatalf("original changed or misnamed: %v", err)
	}
	copyHash, err := b.PublicCopy(blob.SHA256, blob.MediaType)
	if err != nil {
		t.Fatal(err)
	}
	public, err := b.Read("public", copyHash)
	if err != nil {
		t.Fatal(err)
	}
	if again, err := b.PublicCopy(blob.SHA256, blob.MediaType); err != nil || again != copyHash {
		t.Errorf("a second public copy is %s, %v; want the same %s", again, err, copyHash)
	}
	if bytes.Contains(public, exifMarker) || bytes.Contains(public, []byte("GPS")) || bytes.Contains(public, []byte{0xFF, 0xE1}) {
		t.Error("the public copy keeps the EXIF segment")
	}
	if mt, _ := sniff(public); mt != JPEG {
		t.Errorf("public copy is %s, want a JPEG", mt)
	}
}

func TestBlobsStoreTheSameBytesOnce(t *testing.T) {
	dir := t.TempDir()
	b := NewBlobs(dir)
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	first, err := b.Put("file", pdf)
	if err != nil {
		t.Fatal(err)
	}
	second, err := b.Put("file", pdf)
	if err != nil || second != first || first.MediaType != PDF {
		t.Fatalf("second put %+v, %v; want %+v", second, err, first)
	}
	entries, err := os.ReadDir(b.Path("original", first.SHA256)[:len(dir)+len("/original/")+2])
	if err != nil || len(entries) != 1 {
		t.Errorf("files for the hash: %v, %v; want one", entries, err)
	}
}

func TestBlobsLimits(t *testing.T) {
	b := NewBlobs(t.TempDir())
	b.Max = 1000
	tests := []struct {
		name string
		data []byte
		code apperr.Code
		rule string
	}{
		{"too large", bytes.Repeat([]byte{0xFF}, 1001), apperr.TooLarge, "inspect_too_large"},
		{"plain text", []byte("not an image"), apperr.Invalid, "inspect_media_type"},
		{"GIF", []byte("GIF89a\x01\x00\x01\x00"), apperr.Invalid, "inspect_media_type"},
		{"broken JPEG", append([]byte{0xFF, 0xD8, 0xFF}, strings.Repeat("x", 50)...), apperr.Invalid, "inspect_image_unreadable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := b.Put("file", tt.data)
			e := apperr.From(err)
			if e.Code != tt.code || len(e.Fields) != 1 || e.Fields[0].Field != "file" || e.Fields[0].Rule != tt.rule {
				t.Fatalf("got %v %+v, want %s on file:%s", err, e.Fields, tt.code, tt.rule)
			}
		})
	}
}

func TestDefaultEvidenceDir(t *testing.T) {
	tests := map[string]string{
		"sqlite:/var/lib/shejian/city.db":             "/var/lib/shejian/evidence",
		"sqlite:data/city.db?_pragma=foreign_keys(1)": "data/evidence",
		"postgres://db/shejian":                       "evidence",
	}
	for dsn, want := range tests {
		if got := DefaultEvidenceDir(dsn); got != want {
			t.Errorf("DefaultEvidenceDir(%q) = %q, want %q", dsn, got, want)
		}
	}
}
