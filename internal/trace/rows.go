package trace

import (
	"context"
	"fmt"

	"github.com/shejian/shejian/internal/epcis"
)

// The tables capture fills, with their columns in the order their rows are built.
var (
	eventsTable = newTable("epcis_events", true, "id", "job_id", "event_key", "event_id", "hash_id", "declaration",
		"declared_ms", "owner_id", "type", "action", "event_ms", "tz_minutes", "record_ms", "biz_step", "disposition",
		"read_point", "biz_location", "transformation", "json", "links")
	objectsTable = newTable("epcis_event_objects", false, "uri_id", "event_row", "seq", "role", "class", "quantity", "uom")
	valuesTable  = newTable("epcis_event_values", false, "value_id", "event_row", "seq", "kind", "type_id")
	urisTable    = newTable("epcis_uris", true, "id", "uri")
	// capturedTables are the tables written by insert.
	capturedTables = []*table{eventsTable, objectsTable, valuesTable, urisTable}
)

// The kinds of typed values (epcis_event_values.kind).
const (
	KindBizTransaction = 1
	KindSource         = 2
	KindDestination    = 3
)

// insertEvents writes the records as events with their objects and typed values, giving
// them the ids after the largest stored, in document order.
func insertEvents(ctx context.Context, w writer, job *Job, records []*record, uris map[string]int64) error {
	last, err := maxID(ctx, txReader{w}, "epcis_events")
	if err != nil {
		return err
	}
	var nObjects, nValues int
	for _, r := range records {
		nObjects += len(r.facts.Objects)
		nValues += len(r.facts.BizTransactions) + len(r.facts.Sources) + len(r.facts.Destinations)
	}
	events := make([]any, 0, len(records)*len(eventsTable.cols))
	objects := make([]any, 0, nObjects*len(objectsTable.cols))
	values := make([]any, 0, nValues*len(valuesTable.cols))
	for i, r := range records {
		row := last + 1 + int64(i)
		r.row = row
		events = r.eventRow(events, row, job, uris)
		objects = r.objectRows(objects, row, uris)
		values = r.valueRows(values, row, uris)
	}
	for _, t := range []struct {
		table *table
		args  []any
	}{{eventsTable, events}, {objectsTable, objects}, {valuesTable, values}} {
		if len(t.args) == 0 {
			continue
		}
		if err := w.insert(ctx, t.table, t.args); err != nil {
			return fmt.Errorf("insert %s: %w", t.table.name, err)
		}
	}
	return nil
}

// eventRow appends the values of the record's event row.
func (r *record) eventRow(args []any, row int64, job *Job, uris map[string]int64) []any {
	f := &r.facts
	return append(args, row, job.ID, r.key, r.eventID, r.hash, r.declaration(),
		orNull(r.declaredMs), orNull(r.owner), r.typeCode(), r.actionCode(), f.EventTime.UnixMilli(), r.zone,
		job.ReceivedAt.UnixMilli(), uriID(uris, f.BizStep), uriID(uris, f.Disposition), uriID(uris, f.ReadPoint),
		uriID(uris, f.BizLocation), uriID(uris, f.TransformationID), r.json, appendLinks(nil, f, r.typeCode(), r.actionCode(), uris))
}

// objectRows appends the rows of the event's objects.
func (r *record) objectRows(args []any, row int64, uris map[string]int64) []any {
	for seq, o := range r.facts.Objects {
		var quantity, uom any
		if o.HasQuantity {
			quantity = o.Quantity
		}
		if o.UOM != "" {
			uom = o.UOM
		}
		args = append(args, uris[o.ID], row, int16(seq), int16(o.Role), o.Class, quantity, uom)
	}
	return args
}

// valueRows appends the rows of the event's business transactions, sources and
// destinations.
func (r *record) valueRows(args []any, row int64, uris map[string]int64) []any {
	seq := 0
	for _, list := range []struct {
		kind  int16
		items []epcis.Typed
	}{{KindBizTransaction, r.facts.BizTransactions}, {KindSource, r.facts.Sources}, {KindDestination, r.facts.Destinations}} {
		for _, v := range list.items {
			args = append(args, uris[v.Value], row, int16(seq), list.kind, uriID(uris, v.Type))
			seq++
		}
	}
	return args
}

// uris lists every URI the record names, for interning.
func (r *record) uris(add func(string)) {
	f := &r.facts
	for _, u := range []string{f.BizStep, f.Disposition, f.ReadPoint, f.BizLocation, f.TransformationID} {
		add(u)
	}
	for _, o := range f.Objects {
		add(o.ID)
	}
	for _, list := range [][]epcis.Typed{f.BizTransactions, f.Sources, f.Destinations} {
		for _, v := range list {
			add(v.Type)
			add(v.Value)
		}
	}
}

// uriID is the id of uri, or NULL for none.
func uriID(uris map[string]int64, uri string) any {
	if uri == "" {
		return nil
	}
	return uris[uri]
}

// orNull is v, or NULL for zero.
func orNull(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}
