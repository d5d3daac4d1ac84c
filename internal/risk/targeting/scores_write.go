package targeting

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
)

// WriteScores writes "inspection_id,score", one line per inspection in input order, with full
// precision so that anyone can recompute the back-test figures from the file.
func WriteScores(w io.Writer, scores []Score) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"inspection_id", "score"}); err != nil {
		return fmt.Errorf("write scores: %w", err)
	}
	for _, s := range scores {
		if err := cw.Write([]string{s.ID, strconv.FormatFloat(s.Probability, 'g', -1, 64)}); err != nil {
			return fmt.Errorf("write scores: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write scores: %w", err)
	}
	return nil
}
