package ticket

import (
	"fmt"
	"slices"
	"strings"
)

// decideLot sets the movement's lot identity. A product with a GTIN is its LGTIN. Without
// one the batch number belongs to whoever assigned it: the producer of a certificate; else
// the assigner the entry names (batch_by), else the lot of that number the seller holds
// (has had at its place, stored or earlier in the batch), else the seller's own batch. A
// seller that has had lots of that number from several assigners must name one.
func (b *batch) decideLot(m *movement) error {
	switch {
	case m.item.gtin != "" || m.kind == kindCertificate:
		m.lot = lotURI(m.item.gtin, m.item.batch, m.from)
		return nil
	case m.batchBy != "":
		m.lot = lotURI("", m.item.batch, party{key: m.batchBy})
		return nil
	}
	candidates, err := b.lotsAt(m.from, m.item.batch)
	if err != nil {
		return err
	}
	switch len(candidates) {
	case 0:
		m.lot = lotURI("", m.item.batch, m.from)
	case 1:
		m.lot = candidates[0]
	default:
		assigners := make([]string, len(candidates))
		for i, c := range candidates {
			_, _, assigners[i], _ = lotParts(c)
		}
		b.problem(m, "batch_by", "batch_ambiguous", map[string]any{"batch": m.item.batch, "assigners": strings.Join(assigners, ", ")})
	}
	return nil
}

// lotsAt returns the lots without GTIN of a batch number that holder has had: in events
// stored at its place (for a registered business) and in the batch's earlier movements.
func (b *batch) lotsAt(holder party, batchNo string) ([]string, error) {
	suffix := ":" + escape(batchNo)
	out, err := b.storedLots(holder, suffix)
	if err != nil {
		return nil, err
	}
	out = slices.Clone(out)
	for lot := range b.seen[holder.uri()] {
		if strings.HasPrefix(lot, LotPrefix) && strings.HasSuffix(lot, suffix) && !slices.Contains(out, lot) {
			out = append(out, lot)
		}
	}
	slices.Sort(out)
	return out, nil
}

// storedLots returns the lots of our URN ending in suffix named by events stored at a
// registered holder's place, read once a batch.
func (b *batch) storedLots(holder party, suffix string) ([]string, error) {
	key := holder.uri() + " " + suffix
	if lots, ok := b.lots[key]; ok || holder.business == nil {
		return lots, nil
	}
	rows, err := b.st.ReadDB().QueryContext(b.ctx, `SELECT DISTINCT u.uri FROM epcis_events e
		JOIN epcis_event_objects o ON o.event_row = e.id JOIN epcis_uris u ON u.id = o.uri_id
		WHERE e.owner_id = $1 AND e.declared_ms IS NULL AND u.uri LIKE $2 ESCAPE '\'`, holder.business.id, likeEscape(LotPrefix)+"%"+likeEscape(suffix))
	if err != nil {
		return nil, fmt.Errorf("lots named %s at %s: %w", suffix, holder.key, err)
	}
	defer rows.Close()
	var lots []string
	for rows.Next() {
		var lot string
		if err := rows.Scan(&lot); err != nil {
			return nil, fmt.Errorf("lots named %s at %s: %w", suffix, holder.key, err)
		}
		if strings.HasSuffix(lot, suffix) { // LIKE ignores case on SQLite
			lots = append(lots, lot)
		}
	}
	b.lots[key] = lots
	return lots, rows.Err()
}

// likeEscape escapes the wildcards of a LIKE pattern with a backslash.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}
