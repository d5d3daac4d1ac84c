package pdfdoc

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/shejian/shejian/internal/store"
)

// Number is a document number (文号) and where it was counted: issuing unit, the document's
// kind (its sequence is the register's Sequences+Kind), year. Seq is 0 for a number the
// record itself fixed (Counter.Fixed).
type Number struct {
	Unit int64  `json:"unit"`
	Kind string `json:"kind"`
	Year int    `json:"year"`
	Seq  int    `json:"seq"`
	Text string `json:"text"` // "江临市临江区市监检〔2026〕12号"
}

// Counter says where a first issue takes its number: the issuing unit's sequence of the
// document's kind (document_sequences) in Year, written with the issuer's Prefix and the
// kind's Word. Fixed, when set, is a number the record already carries (a sealed
// decision's 文号): it is printed as is and counts in no sequence.
type Counter struct {
	Unit   int64
	Year   int
	Prefix string // 江临市临江区市监
	Word   string // 检: "…市监检〔2026〕12号"
	Fixed  string
}

// NumberText writes a number: the issuer's prefix, the kind's word, the year in 〔〕 and
// the sequence.
func NumberText(prefix, word string, year, seq int) string {
	return fmt.Sprintf("%s%s〔%d〕%d号", prefix, word, year, seq)
}

// next takes c's next number of sequence inside tx, or c's fixed number.
func (c Counter) next(ctx context.Context, tx *sql.Tx, kind, sequence string) (Number, error) {
	n := Number{Unit: c.Unit, Kind: kind, Year: c.Year, Text: c.Fixed}
	if c.Fixed != "" {
		return n, nil
	}
	seq, err := NextSeq(ctx, tx, c.Unit, sequence, c.Year)
	n.Seq, n.Text = seq, NumberText(c.Prefix, c.Word, c.Year, seq)
	return n, err
}

// NextSeq takes the next number of unit's sequence of kind in year inside tx. The upsert
// locks the sequence row until tx ends, so concurrent issues queue rather than share a
// number; a rolled-back issue gives its number back.
func NextSeq(ctx context.Context, tx *sql.Tx, unit int64, kind string, year int) (int, error) {
	var seq int
	err := tx.QueryRowContext(ctx, `INSERT INTO document_sequences (unit_id, kind, year, last_seq) VALUES ($1, $2, $3, 1)
		ON CONFLICT (unit_id, kind, year) DO UPDATE SET last_seq = document_sequences.last_seq + 1
		RETURNING last_seq`, unit, kind, year).Scan(&seq)
	if err != nil {
		return 0, fmt.Errorf("next %s number of unit %d in %d: %w", kind, unit, year, store.Normalize(err))
	}
	return seq, nil
}
