package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shejian/shejian/internal/trace"
)

// extension are the fields of internal/trace/ticket (prefix sj) and the certificate that
// an event's JSON gives beside its facts. A field of another shape says nothing.
type extension struct {
	CertificationInfo any `json:"certificationInfo"`
	Product           any `json:"sj:productName"`
	Origin            any `json:"sj:origin"`
	CountUnit         any `json:"sj:unit"`
}

// eventOf reads a stored event as the export reads it. Its JSON is decoded only when it
// carries a field the facts do not hold, as most GS1 partners' events do not.
func eventOf(se *trace.StandingEvent) (*Event, error) {
	e := &Event{Facts: se.Facts}
	if !bytes.Contains(se.JSON, []byte(`"sj:`)) && !bytes.Contains(se.JSON, []byte(`"certificationInfo"`)) {
		return e, nil
	}
	var x extension
	if err := json.Unmarshal(se.JSON, &x); err != nil {
		return nil, fmt.Errorf("read event %s: %w", se.Facts.EventID, err)
	}
	e.Product, e.Origin, e.CountUnit, e.Certificate = text(x.Product), text(x.Origin), text(x.CountUnit), text(x.CertificationInfo)
	return e, nil
}

// text is a JSON string, or the strings of a list joined; "" for anything else.
func text(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		var parts []string
		for _, item := range v {
			if s, ok := item.(string); ok {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "; ")
	}
	return ""
}
