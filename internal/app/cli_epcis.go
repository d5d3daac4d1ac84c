package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/shejian/shejian/internal/epcis"
)

// runEpcis runs the EPCIS tools. "hash FILE" prints the EPCIS Event Hash ID (CBV 2.0) of
// each event of a JSON-LD or XML document, one line per event in document order.
func runEpcis(_ context.Context, args []string, out io.Writer) error {
	if len(args) != 2 || args[0] != "hash" {
		return errors.New("usage: shejian epcis hash FILE")
	}
	data, err := os.ReadFile(args[1])
	if err != nil {
		return err
	}
	events, err := epcis.Parse(data)
	if err != nil {
		return fmt.Errorf("%s: %w", args[1], err)
	}
	// Hash every event before printing, so a bad event leaves no partial list behind.
	var lines strings.Builder
	for i, ev := range events {
		id, err := ev.HashID()
		if err != nil {
			return fmt.Errorf("%s: event %d (%s): %w", args[1], i, ev.Type, err)
		}
		lines.WriteString(id)
		lines.WriteByte('\n')
	}
	_, err = io.WriteString(out, lines.String())
	return err
}
