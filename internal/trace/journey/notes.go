package journey

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/shejian/shejian/internal/store"
)

// The checks an event may show of its goods, as the public page names them.
const (
	checkCertificate = "certificate" // a 承诺达标合格证 goes with the goods (certificationInfo)
	checkRapidPass   = "rapid_pass"  // a market's rapid test (快检) passed (sj:rapidTest)
	checkRapidFail   = "rapid_fail"  // … failed
	checkTested      = "tested"      // a test report is recorded, its result not (a testres transaction)
)

// note is what an event says beyond the trace: the product name and origin (产地) of the
// goods it lists, and their checks, from its extension fields (those of internal/trace/ticket,
// prefix sj) and its standard certificationInfo and business transactions.
type note struct {
	product, origin string
	checks          []string
}

// storedEvent is the part of an event's stored JSON a note reads.
type storedEvent struct {
	CertificationInfo json.RawMessage `json:"certificationInfo"`
	BizTransactions   []struct {
		Type string `json:"type"`
	} `json:"bizTransactionList"`
	Product   string         `json:"sj:productName"`
	Origin    string         `json:"sj:origin"`
	RapidTest string         `json:"sj:rapidTest"`
	ILMD      map[string]any `json:"ilmd"`
}

// maxNotes bounds the events a public page reads the notes of.
const maxNotes = 2000

// readNotes reads the notes of event rows.
func readNotes(ctx context.Context, st *store.Store, rows []int64) (map[int64]note, error) {
	out := map[int64]note{}
	err := eachEvent(ctx, st, "json", rows[:min(len(rows), maxNotes)], func(row int64, doc string) {
		var e storedEvent
		if json.Unmarshal([]byte(doc), &e) == nil { // an extension field of another shape says nothing here
			out[row] = e.note()
		}
	})
	return out, err
}

// note is what the event says.
func (e storedEvent) note() note {
	n := note{product: e.Product, origin: e.Origin}
	if n.product == "" {
		n.product, _ = e.ILMD["sj:productName"].(string)
	}
	if n.origin == "" {
		n.origin, _ = e.ILMD["sj:origin"].(string)
	}
	if len(e.CertificationInfo) > 0 && string(e.CertificationInfo) != "null" {
		n.checks = append(n.checks, checkCertificate)
	}
	switch e.RapidTest {
	case "pass":
		n.checks = append(n.checks, checkRapidPass)
	case "fail":
		n.checks = append(n.checks, checkRapidFail)
	}
	for _, tx := range e.BizTransactions {
		if strings.HasSuffix(tx.Type, "testres") && e.RapidTest == "" {
			n.checks = append(n.checks, checkTested)
			break
		}
	}
	return n
}
