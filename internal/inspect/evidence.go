package inspect

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
)

// EvidenceKind is what a piece of evidence is.
type EvidenceKind string

// The kinds of evidence.
const (
	Photo          EvidenceKind = "photo"     // 现场照片
	File           EvidenceKind = "file"      // a document (PDF) or a picture kept as a file
	SignatureImage EvidenceKind = "signature" // a signature drawn on the screen
)

// Evidence is one photo, file or signature image of an inspection (证据), with when and
// where it was captured; SHA256 names its bytes in the evidence directory.
type Evidence struct {
	UUID       string       `json:"uuid"`
	Kind       EvidenceKind `json:"kind"`
	SHA256     string       `json:"sha256"`
	MediaType  string       `json:"media_type"`
	Size       int64        `json:"size"`
	Item       string       `json:"item,omitempty"`
	FileName   string       `json:"file_name,omitempty"`
	CapturedAt time.Time    `json:"captured_at"`
	Lat        *float64     `json:"lat,omitempty"`
	Lng        *float64     `json:"lng,omitempty"`
	UploadedAt time.Time    `json:"uploaded_at"`
	UploadedBy string       `json:"uploaded_by"`
}

// The media types evidence may have.
const (
	JPEG = "image/jpeg"
	PNG  = "image/png"
	PDF  = "application/pdf"
)

// evidenceTypes are the media types evidence may have, in the order messages list them.
var evidenceTypes = []string{JPEG, PNG, PDF}

// DefaultMaxEvidence bounds one piece of evidence: a phone photo at full resolution.
const DefaultMaxEvidence = 20 << 20

// Blobs keeps evidence bytes on local disk, content-addressed: a file's name is its SHA-256,
// so the same bytes uploaded twice are stored once and a stored file can be checked against
// the hash the signed inspection records. Originals sit under original/, the copies the
// public may see (photos re-encoded without metadata) under public/.
type Blobs struct {
	Dir string
	Max int64 // largest accepted piece, bytes
}

// NewBlobs returns the evidence store rooted at dir with the default size limit.
func NewBlobs(dir string) *Blobs { return &Blobs{Dir: dir, Max: DefaultMaxEvidence} }

// Blob is stored bytes: their hash, media type and size.
type Blob struct {
	SHA256    string
	MediaType string
	Size      int64
}

// sniff returns the media type of data when it is one evidence may have.
func sniff(data []byte) (string, bool) {
	t := http.DetectContentType(data)
	switch t {
	case JPEG, PNG, PDF:
		return t, true
	}
	return t, false
}

// Put checks data against the limits and stores it, once per hash. Too large is a
// TooLarge error, another type an UnsupportedType error, an image whose header cannot be
// read a field error, each naming field. The public copy is made when first asked for
// (PublicCopy): re-encoding a photo costs far more than storing it, and most photos are
// never published.
func (b *Blobs) Put(field string, data []byte) (Blob, error) {
	if int64(len(data)) > b.Max {
		return Blob{}, tooLarge(field, b.Max)
	}
	mt, ok := sniff(data)
	if !ok {
		return Blob{}, unsupportedType(field, mt)
	}
	if mt != PDF {
		if _, _, err := image.DecodeConfig(bytes.NewReader(data)); err != nil {
			return Blob{}, apperr.Fields(apperr.Field(field, "inspect_image_unreadable", nil))
		}
	}
	blob := Blob{SHA256: hashOf(data), MediaType: mt, Size: int64(len(data))}
	return blob, b.write("original", blob.SHA256, data)
}

// PublicCopy makes and stores the public copy of the photo stored as hash, re-encoded
// without metadata, and returns the copy's hash. The same original always gives the same
// copy, so making it twice is harmless.
func (b *Blobs) PublicCopy(hash, mediaType string) (string, error) {
	data, err := b.Read("original", hash)
	if err != nil {
		return "", err
	}
	clean, err := withoutMetadata(data, mediaType)
	if err != nil {
		return "", fmt.Errorf("public copy of %s: %w", hash, err)
	}
	copyHash := hashOf(clean)
	return copyHash, b.write("public", copyHash, clean)
}

func hashOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// Path is where the bytes of hash live in area ("original" or "public"), fanned out by the
// first two hex digits so that no directory holds millions of files.
func (b *Blobs) Path(area, hash string) string {
	return filepath.Join(b.Dir, area, hash[:2], hash)
}

// write stores data as hash in area unless it is there already; a partial write never
// takes the final name (write to a temporary file, then rename).
func (b *Blobs) write(area, hash string, data []byte) error {
	path := b.Path(area, hash)
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return fmt.Errorf("evidence dir: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), hash+".*.tmp")
	if err != nil {
		return fmt.Errorf("evidence %s: %w", hash, err)
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("evidence %s: %w", hash, err)
	}
	return nil
}

// Read returns the bytes of hash in area.
func (b *Blobs) Read(area, hash string) ([]byte, error) {
	data, err := os.ReadFile(b.Path(area, hash))
	if err != nil {
		return nil, fmt.Errorf("read evidence %s/%s: %w", area, hash, err)
	}
	return data, nil
}

// withoutMetadata re-encodes an image with the standard library, which writes pixels only:
// EXIF (with the phone's GPS position and serial), XMP and comments are dropped.
func withoutMetadata(data []byte, mediaType string) ([]byte, error) {
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decode image: %w", err)
	}
	var out bytes.Buffer
	if mediaType == PNG {
		err = png.Encode(&out, img)
	} else {
		err = jpeg.Encode(&out, img, &jpeg.Options{Quality: 90})
	}
	return out.Bytes(), err
}

func tooLarge(field string, limit int64) error {
	e := apperr.New(apperr.TooLarge, "error.body_too_large", map[string]any{"limit": limit})
	e.Fields = []apperr.FieldError{apperr.Field(field, "inspect_too_large", map[string]any{"max": limit})}
	return e
}

// errUnsupportedType marks an upload of a type evidence may not have; the handler answers
// it with 415 (apperr has no such code).
type unsupportedTypeError struct{ err *apperr.Error }

func (e unsupportedTypeError) Error() string { return e.err.Error() }
func (e unsupportedTypeError) Unwrap() error { return e.err }

func unsupportedType(field, got string) error {
	return unsupportedTypeError{apperr.Fields(apperr.Field(field, "inspect_media_type",
		map[string]any{"type": got, "allowed": strings.Join(evidenceTypes, ", ")}))}
}
