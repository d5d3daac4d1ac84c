package documents

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/shejian/shejian/internal/store"
)

// Number is a document number (文号) and where it was counted: issuing unit, kind, year.
type Number struct {
	Unit int64  `json:"unit"`
	Kind string `json:"kind"`
	Year int    `json:"year"`
	Seq  int    `json:"seq"`
	Text string `json:"text"` // "江临市临江区市监检〔2026〕12号"
}

// numberText writes the number: the issuer's prefix, the kind's word, the year in 〔〕 and
// the sequence.
func numberText(prefix, word string, year, seq int) string {
	return fmt.Sprintf("%s%s〔%d〕%d号", prefix, word, year, seq)
}

// nextSeq takes the next number of unit's sequence of kind in year inside tx. The upsert
// locks the sequence row until tx ends, so concurrent issues queue rather than share a
// number; a rolled-back issue gives its number back.
func nextSeq(ctx context.Context, tx *sql.Tx, unit int64, kind string, year int) (int, error) {
	var seq int
	err := tx.QueryRowContext(ctx, `INSERT INTO document_sequences (unit_id, kind, year, last_seq) VALUES ($1, $2, $3, 1)
		ON CONFLICT (unit_id, kind, year) DO UPDATE SET last_seq = document_sequences.last_seq + 1
		RETURNING last_seq`, unit, kind, year).Scan(&seq)
	if err != nil {
		return 0, fmt.Errorf("next %s number of unit %d in %d: %w", kind, unit, year, store.Normalize(err))
	}
	return seq, nil
}

// issued is a document already recorded: its number and frozen facts.
type issued struct {
	Number Number
	Facts  Facts
}

// errTaken says another transaction recorded the same document first.
var errTaken = errors.New("document issued meanwhile")
