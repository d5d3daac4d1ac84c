package draw

import (
	"embed"

	"github.com/shejian/shejian/internal/i18n"
)

//go:embed locale
var localeFiles embed.FS

func init() { i18n.MustRegister(localeFiles, "locale") }
