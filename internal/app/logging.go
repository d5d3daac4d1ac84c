package app

import (
	"io"
	"log/slog"
	"os"
	"strings"
)

// LogFormatEnv chooses the log format: "json" for log collectors, anything else for
// key=value text. LogLevelEnv sets the level (debug, info, warn, error).
const (
	LogFormatEnv = "SHEJIAN_LOG_FORMAT"
	LogLevelEnv  = "SHEJIAN_LOG_LEVEL"
)

// setupLogging makes slog's default logger structured, on w.
func setupLogging(w io.Writer) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(os.Getenv(LogLevelEnv))); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewTextHandler(w, opts)
	if strings.EqualFold(os.Getenv(LogFormatEnv), "json") {
		h = slog.NewJSONHandler(w, opts)
	}
	slog.SetDefault(slog.New(h))
}
