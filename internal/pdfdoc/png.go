package pdfdoc

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
)

// pngSize reads the dimensions of a PNG without decoding its pixels.
func pngSize(data []byte) (image.Config, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return cfg, fmt.Errorf("signature image: %w", err)
	}
	if cfg.Width == 0 || cfg.Height == 0 {
		return cfg, fmt.Errorf("signature image: empty (%d×%d)", cfg.Width, cfg.Height)
	}
	return cfg, nil
}
