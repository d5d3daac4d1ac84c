package ticket

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/trace"
)

// core is what two entries of one sale must agree on to be the same event: the ticket and
// the seller's ledger, or the ticket and the buyer's. Descriptions (product name, origin,
// rapid test, the market) may differ; the first entry's are kept.
type core struct {
	step, day, from, to, lot, uom string
	quantity                      float64
}

// coreOf is the core of the movement's event of side.
func (m *movement) coreOf(side string) core {
	c := core{step: epcis.CanonicalWord(side, epcis.BizStepWords), day: day(m.at), from: m.from.uri(), lot: m.lot,
		quantity: m.item.quantity, uom: m.item.uom}
	if side != sideCommissioning {
		c.to = m.to.uri()
	}
	return c
}

// factsCore is the core of a stored event.
func factsCore(f *epcis.Facts) core {
	c := core{step: f.BizStep, day: day(f.EventTime)}
	for _, o := range f.Objects {
		if o.Role == epcis.RoleEPC && o.Class {
			c.lot, c.quantity, c.uom = o.ID, o.Quantity, o.UOM
			break
		}
	}
	owner := epcis.CanonicalWord("owning_party", epcis.SourceDestTypeWords)
	for _, s := range f.Sources {
		if s.Type == owner {
			c.from = s.Value
		}
	}
	for _, d := range f.Destinations {
		if d.Type == owner {
			c.to = d.Value
		}
	}
	return c
}

// differs names the first field where an entry's event differs from the recorded one,
// and the recorded value, or "" when they agree.
func (m *movement) differs(recorded, given core) (field, value string) {
	switch {
	case recorded.from != given.from:
		return m.fromRef.field + suffixOf(m.fromRef), partyLabel(recorded.from)
	case recorded.to != given.to:
		return m.toRef.field + suffixOf(m.toRef), partyLabel(recorded.to)
	case recorded.lot != given.lot:
		_, batchNo, _, _ := lotParts(recorded.lot)
		return "batch_no", batchNo
	case recorded.quantity != given.quantity || recorded.uom != given.uom:
		return "quantity", strings.TrimSpace(strconv.FormatFloat(recorded.quantity, 'f', -1, 64) + " " + recorded.uom)
	case recorded.day != given.day || recorded.step != given.step:
		return "date", recorded.day
	}
	return "", ""
}

// partyLabel is a party URI as an entry names the party: its USCC, or its name.
func partyLabel(uri string) string {
	if uscc, ok := strings.CutPrefix(uri, trace.LocationPrefix); ok {
		return uscc
	}
	if name, suffix, ok := partyName(uri); ok {
		return name + " (" + suffix + ")"
	}
	return uri
}

// storedCores reads the cores of the stored events among ids, by eventID: the events the
// event store finds under their keys (rarely, another eventID's sharing a key, which no
// caller asks for).
func (b *batch) storedCores(ids []string) (map[string]core, error) {
	found, err := b.events.EventRows(b.ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("look up recorded events: %w", err)
	}
	out := map[string]core{}
	const chunk = 500
	for from := 0; from < len(found); from += chunk {
		part := found[from:min(from+chunk, len(found))]
		marks := make([]string, len(part))
		args := make([]any, 0, len(part)+1)
		for i, row := range part {
			marks[i] = "$" + strconv.Itoa(i+1)
			args = append(args, row)
		}
		args = append(args, false)
		rows, err := b.st.ReadDB().QueryContext(b.ctx, `SELECT event_id, json FROM epcis_events WHERE id IN (`+
			strings.Join(marks, ", ")+`) AND declaration = $`+strconv.Itoa(len(part)+1), args...)
		if err != nil {
			return nil, fmt.Errorf("look up recorded events: %w", err)
		}
		err = scanCores(rows, out)
		rows.Close()
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// scanCores reads rows of eventID and JSON into cores.
func scanCores(rows *sql.Rows, out map[string]core) error {
	for rows.Next() {
		var id, doc string
		if err := rows.Scan(&id, &doc); err != nil {
			return fmt.Errorf("read recorded event: %w", err)
		}
		events, err := epcis.Parse([]byte(doc))
		if err != nil || len(events) != 1 {
			return fmt.Errorf("read recorded event %s: %w", id, err)
		}
		f, err := events[0].Facts()
		if err != nil {
			return fmt.Errorf("facts of recorded event %s: %w", id, err)
		}
		out[id] = factsCore(&f)
	}
	return rows.Err()
}
