package pdfdoc

import (
	"embed"
	"fmt"
	"os"
	"sync"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/i18n"
)

//go:embed locale
var files embed.FS

func init() { i18n.MustRegister(files, "locale") }

// DefaultFontPath is the CJK font of the Debian package fonts-lxgw-wenkai (霞鹜文楷, SIL OFL),
// a TrueType file: PDF libraries reject the .ttc collections of Noto CJK.
const DefaultFontPath = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"

// FontEnv names the environment variable that overrides DefaultFontPath.
const FontEnv = "SHEJIAN_PDF_FONT"

// FontPath is the font documents use when their options name none: FontEnv when set, else
// DefaultFontPath.
func FontPath() string {
	if p := os.Getenv(FontEnv); p != "" {
		return p
	}
	return DefaultFontPath
}

// fonts caches font files by path: a CJK font is about 15 MB and every document embeds a
// subset of it, so it is read once per process.
var fonts = struct {
	sync.Mutex
	byPath map[string][]byte
}{byPath: map[string][]byte{}}

// LoadFont returns the bytes of the TrueType font at path, or an Internal error that names
// the path and says how to provide a font: in the log, and to the user who asked.
func LoadFont(path string) ([]byte, error) {
	fonts.Lock()
	defer fonts.Unlock()
	if data, ok := fonts.byPath[path]; ok {
		return data, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &apperr.Error{Code: apperr.Internal, Key: "pdfdoc.font_missing", Params: map[string]any{"path": path},
			Err: fmt.Errorf("pdf font %s: %w (install the Debian package fonts-lxgw-wenkai, or set %s to a TrueType .ttf CJK font)", path, err, FontEnv)}
	}
	fonts.byPath[path] = data
	return data, nil
}
