package risk

import (
	"encoding/json"
	"fmt"
)

// Grades stored before the binary compact form (grade_codec.go) have the first compact
// form, a JSON array,
//
//	[1, scheme, at, factors, [static, dynamic, credit, total], scored, grade, band, band_below,
//	 [[part, line, line, …], …], [adjustment, …], plan]
//
// where a source is its number in risk_grade_sources, lines come in runs of one part, a
// line is [source, value, points, factor, option, note] with the trailing texts at their
// default left out (lineTextDefaults), an adjustment is [kind, count, steps, applied,
// source] and the plan is [min, max, frequency, full_checklist_due or null,
// full_next_year, full_source, priority, priority_source]. They are read, never written.
const jsonFormat = 1

// decodeStoredJSON reads back the Result of business id from the first compact form.
func decodeStoredJSON(id int64, text string, lookup func(int64) (*Source, error)) (Result, error) {
	r := Result{BusinessID: id, Lines: []Line{}} // a grading always has its list of lines, if empty
	d := storedDecoder{lookup: lookup}
	var format int
	var points, plan json.RawMessage
	var band, below int64
	var runs, adjustments []json.RawMessage
	if err := fields(json.RawMessage(text), &format, &r.Scheme, &r.At, &r.Factors, &points, &r.Scored, &r.Grade,
		&band, &below, &runs, &adjustments, &plan); err != nil {
		return r, fmt.Errorf("decode grade of business %d: %w", id, err)
	}
	if format != jsonFormat {
		return r, fmt.Errorf("decode grade of business %d: format %d, want %d", id, format, jsonFormat)
	}
	d.check(fields(points, &r.Static, &r.Dynamic, &r.Credit, &r.Total))
	r.Band, r.BandBelow = d.source(band), d.source(below)
	for _, run := range runs {
		r.Lines = d.run(run, r.Lines)
	}
	for _, raw := range adjustments {
		var a Adjustment
		var applied int
		var src int64
		d.check(fields(raw, &a.Kind, &a.Count, &a.Steps, &applied, &src))
		a.Applied, a.Source = applied == 1, d.source(src)
		r.Adjustments = append(r.Adjustments, a)
	}
	d.plan(plan, &r.Plan)
	if d.err != nil {
		return r, fmt.Errorf("decode grade of business %d: %w", id, d.err)
	}
	return r, nil
}

// storedDecoder turns the parts of the JSON compact form back into a Result, keeping the
// first error.
type storedDecoder struct {
	lookup func(int64) (*Source, error)
	err    error
}

func (d *storedDecoder) check(err error) {
	if d.err == nil {
		d.err = err
	}
}

func (d *storedDecoder) source(n int64) *Source {
	if n == 0 || d.err != nil {
		return nil
	}
	src, err := d.lookup(n)
	d.check(err)
	return src
}

// run appends the lines of a run of one part.
func (d *storedDecoder) run(raw json.RawMessage, lines []Line) []Line {
	var elems []json.RawMessage
	var part string
	d.check(json.Unmarshal(raw, &elems))
	if len(elems) == 0 {
		d.check(fmt.Errorf("empty run of lines"))
		return lines
	}
	d.check(json.Unmarshal(elems[0], &part))
	for _, e := range elems[1:] {
		l := Line{Part: part}
		var src int64
		texts := lineTextDefaults
		d.check(fields(e, &src, &l.Value, &l.Points, &texts[0], &texts[1], &texts[2]))
		l.Source = d.source(src)
		l.Factor, l.Option, l.Note = untail(texts[0], l.Source), untail(texts[1], l.Source), texts[2]
		lines = append(lines, l)
	}
	return lines
}

func (d *storedDecoder) plan(raw json.RawMessage, p *Plan) {
	var frequency, full, priority int64
	var nextYear, isPriority int
	d.check(fields(raw, &p.MinInspections, &p.MaxInspections, &frequency, &p.FullChecklist, &nextYear, &full,
		&isPriority, &priority))
	p.Frequency, p.FullSource, p.PrioritySource = d.source(frequency), d.source(full), d.source(priority)
	p.FullNextYear, p.Priority = nextYear == 1, isPriority == 1
}

// untail is text as graded: the last part of the source's key for keyTail.
func untail(text string, src *Source) string {
	if text == keyTail && src != nil {
		return keyLast(src.Key)
	}
	return text
}

// fields unmarshals the elements of the JSON array raw into dst in order; a shorter array
// leaves the rest of dst as it is.
func fields(raw json.RawMessage, dst ...any) error {
	var elems []json.RawMessage
	if err := json.Unmarshal(raw, &elems); err != nil {
		return err
	}
	if len(elems) > len(dst) {
		return fmt.Errorf("%d fields, want at most %d", len(elems), len(dst))
	}
	for i, e := range elems {
		if err := json.Unmarshal(e, dst[i]); err != nil {
			return fmt.Errorf("field %d: %w", i+1, err)
		}
	}
	return nil
}
