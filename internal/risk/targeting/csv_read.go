package targeting

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
)

// ReadFile reads an inspection table in the column layout of Chicago's train_20140830.csv.
func ReadFile(path string) ([]Inspection, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open inspection table: %w", err)
	}
	defer f.Close()
	return Read(f, path)
}

// Read parses an inspection table; name labels errors. The whole table is refused at its first
// bad row, naming the line, the column and the rule, so no half-read data is ever scored.
func Read(r io.Reader, name string) ([]Inspection, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: empty file, want a header line", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: read header: %w", name, err)
	}
	cols, err := columnIndex(header, name)
	if err != nil {
		return nil, err
	}
	var out []Inspection
	seen := map[string]int{}
	for {
		record, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		row := cellReader{file: name, line: line, cols: cols, record: record}
		insp, err := row.inspection()
		if err != nil {
			return nil, err
		}
		if first, dup := seen[insp.ID]; dup {
			return nil, row.fail("inspection_id", fmt.Sprintf("must be unique, already on line %d", first), insp.ID)
		}
		seen[insp.ID] = line
		out = append(out, insp)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no inspections after the header", name)
	}
	return out, nil
}

// columnIndex maps each column the model reads to its position, refusing a header that lacks one.
func columnIndex(header []string, name string) (map[string]int, error) {
	cols := make(map[string]int, len(header))
	for i, h := range header {
		cols[h] = i
	}
	for _, list := range [][]string{requiredColumns, optionalColumns} {
		for _, c := range list {
			if _, ok := cols[c]; !ok {
				return nil, &RowError{File: name, Line: 1, Column: c, Rule: "column missing from the header"}
			}
		}
	}
	return cols, nil
}
