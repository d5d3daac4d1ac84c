package app

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/draw"
)

const drawUsage = "usage: shejian draw verify --bundle FILE [--seed-sha256 HEX] [--input-digest HEX]"

// runDraw is "shejian draw verify --bundle FILE": it re-runs a published double-random draw
// (双随机) offline and fails on any change to its inputs, seed or result. The digests
// published before the draw, when given, are compared with the bundle's own.
func runDraw(_ context.Context, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		return errors.New(drawUsage)
	}
	fs := newFlags("draw verify", out)
	path := fs.String("bundle", "", "the published draw bundle (JSON, or its gzip)")
	seedHash := fs.String("seed-sha256", "", "the seed commitment published before the draw")
	inputDigest := fs.String("input-digest", "", "the input digest published before the draw")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *path == "" {
		return errors.New(drawUsage)
	}
	b, err := readDrawBundle(*path)
	if err != nil {
		return err
	}
	if err := b.CheckPublished(*seedHash, *inputDigest); err != nil {
		return fmt.Errorf("bundle %s refused: %w", *path, err)
	}
	start := time.Now()
	sum, err := draw.Verify(b)
	if err != nil {
		return fmt.Errorf("bundle %s refused: %w", *path, err)
	}
	printDrawSummary(out, sum, time.Since(start))
	return nil
}

func readDrawBundle(path string) (*draw.Bundle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return draw.ReadBundle(bufio.NewReaderSize(f, 1<<20))
}

func printDrawSummary(out io.Writer, sum draw.Summary, took time.Duration) {
	strata := make([]string, len(sum.Strata))
	for i, s := range sum.Strata {
		strata[i] = fmt.Sprintf("%s %d/%d", s.Class, s.Selected, s.Population)
	}
	fmt.Fprintf(out, "draw %s verified: the re-run gives the same %d assignments\n", sum.TaskID, sum.Assignments)
	fmt.Fprintf(out, "inputs: %d entities, %d inspectors, digest %s\n", sum.Entities, sum.Inspectors, sum.InputDigest)
	fmt.Fprintf(out, "seed commitment: %s\n", sum.SeedSHA256)
	fmt.Fprintf(out, "drawn per credit class: %s\n", strings.Join(strata, ", "))
	if sum.Named > 0 {
		fmt.Fprintf(out, "businesses drawn named by their USCC: %d of %d, each matching the ID committed to before the draw\n", sum.Named, sum.Assignments)
	}
	fmt.Fprintf(out, "verified in %s\n", took.Round(time.Millisecond))
}
