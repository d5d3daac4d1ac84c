package risk

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"sync"

	"github.com/shejian/shejian/internal/store"
)

// A grade cites the source of each of its numbers: the rule key, the version applied, its
// legal basis and confidence. A million grades cite the same few hundred sources, so each is
// kept once, in risk_grade_sources (migration 0028), and a stored grade names it by number
// (grade_codec.go). A number never changes meaning: a source worded otherwise by a later
// release is a new row, and older grades keep the wording they were computed with.

// citations numbers the sources a recompute may cite, by the pointer its schemes share.
type citations map[*Source]int64

// sourceNumbers numbers sources by value, as risk_grade_sources holds them.
type sourceNumbers map[Source]int64

// querier runs statements on a pool or in a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// cite numbers every source the schemes may cite, adding those risk_grade_sources lacks.
func (s *Service) cite(ctx context.Context, schemes Schemes) (citations, error) {
	known, err := readSourceNumbers(ctx, s.st.DB())
	if err != nil {
		return nil, err
	}
	out := citations{}
	for _, src := range citedBy(schemes) {
		if out[src], err = known.number(ctx, s.st.DB(), *src); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// citedBy lists the sources grading under the schemes may cite: those of their rules, found
// by walking each scheme's fields (so that a rule added to a scheme is cited without more
// code here), and the priority-target rule, which is not in the rule book.
func citedBy(schemes Schemes) []*Source {
	out := []*Source{priorityBasis}
	for _, sc := range []*Scheme{schemes.Default, schemes.Producers} {
		if sc != nil {
			sourcesIn(reflect.ValueOf(sc), func(src *Source) { out = append(out, src) })
		}
	}
	return out
}

var sourceType = reflect.TypeFor[*Source]()

// sourcesIn calls add with every source reachable from v through pointers, structs, arrays,
// slices and maps.
func sourcesIn(v reflect.Value, add func(*Source)) {
	switch v.Kind() {
	case reflect.Pointer:
		switch {
		case v.IsNil() || !v.CanInterface():
		case v.Type() == sourceType:
			add(v.Interface().(*Source))
		default:
			sourcesIn(v.Elem(), add)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			sourcesIn(v.Field(i), add)
		}
	case reflect.Array, reflect.Slice:
		for i := range v.Len() {
			sourcesIn(v.Index(i), add)
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			sourcesIn(it.Value(), add)
		}
	}
}

// readSourceNumbers reads risk_grade_sources whole: a few hundred rows.
func readSourceNumbers(ctx context.Context, q querier) (sourceNumbers, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, key, ref, basis, confidence FROM risk_grade_sources`)
	if err != nil {
		return nil, fmt.Errorf("read grade sources: %w", store.Normalize(err))
	}
	defer rows.Close()
	out := sourceNumbers{}
	for rows.Next() {
		var id int64
		var src Source
		if err := rows.Scan(&id, &src.Key, &src.Ref, &src.Basis, &src.Confidence); err != nil {
			return nil, fmt.Errorf("scan grade source: %w", err)
		}
		out[src] = id
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read grade sources: %w", store.Normalize(err))
	}
	return out, nil
}

// number returns the number of src, adding its row when there is none; another process
// adding the same row at once is no conflict, its number is read back.
func (n sourceNumbers) number(ctx context.Context, q querier, src Source) (int64, error) {
	if id, ok := n[src]; ok {
		return id, nil
	}
	var id int64
	err := q.QueryRowContext(ctx, `INSERT INTO risk_grade_sources (key, ref, basis, confidence) VALUES ($1, $2, $3, $4)
		ON CONFLICT (key, ref, basis, confidence) DO NOTHING RETURNING id`, src.Key, src.Ref, src.Basis, src.Confidence).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = q.QueryRowContext(ctx, `SELECT id FROM risk_grade_sources WHERE key = $1 AND ref = $2 AND basis = $3
			AND confidence = $4`, src.Key, src.Ref, src.Basis, src.Confidence).Scan(&id)
	}
	if err != nil {
		return 0, fmt.Errorf("number grade source %s %s: %w", src.Key, src.Ref, store.Normalize(err))
	}
	n[src] = id
	return id, nil
}

// sourceCache holds the rows of risk_grade_sources read so far, by number, for decoding
// stored grades. A number never changes meaning, so a row read once stays true.
type sourceCache struct {
	mu   sync.Mutex
	byID map[int64]*Source
}

// lookup returns a function giving source number id, reading risk_grade_sources again
// when it meets a number added since it was last read.
func (c *sourceCache) lookup(ctx context.Context, q querier) func(id int64) (*Source, error) {
	return func(id int64) (*Source, error) {
		c.mu.Lock()
		defer c.mu.Unlock()
		if src, ok := c.byID[id]; ok {
			return src, nil
		}
		numbers, err := readSourceNumbers(ctx, q)
		if err != nil {
			return nil, err
		}
		c.byID = make(map[int64]*Source, len(numbers))
		for src, n := range numbers {
			c.byID[n] = &src
		}
		if src, ok := c.byID[id]; ok {
			return src, nil
		}
		return nil, fmt.Errorf("grade source %d: not in risk_grade_sources", id)
	}
}
