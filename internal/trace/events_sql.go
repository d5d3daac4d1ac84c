package trace

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/trace/query"
)

// eventFilter is the SQL condition on epcis_events e of a query: the parameters the stored
// columns and edge tables answer, and the caller's scope. Ids and codes the server
// computed are written into the SQL; values the caller gave are arguments.
type eventFilter struct {
	d     store.Dialect
	conds []string
	args  []any
	// none is set when the query names a URI no stored event has: nothing matches, and no
	// query needs to run.
	none bool
}

func (f *eventFilter) arg(v any) string {
	f.args = append(f.args, v)
	return "$" + strconv.Itoa(len(f.args))
}

func (f *eventFilter) add(cond string) { f.conds = append(f.conds, cond) }

// where is the condition, all parts joined; "1 = 1" when there is none.
func (f *eventFilter) where() string {
	if len(f.conds) == 0 {
		return "1 = 1"
	}
	return strings.Join(f.conds, " AND ")
}

// filterOf translates q inside scope. Every URI the query names exactly is looked up first;
// a list none of whose URIs is stored matches nothing.
func (s *Store) filterOf(ctx context.Context, scope access.Scope, q *query.Query) (*eventFilter, error) {
	ids, err := s.uriIDs(ctx, namedURIs(q))
	if err != nil {
		return nil, err
	}
	rows, err := s.EventRows(ctx, q.EventIDs)
	if err != nil {
		return nil, err
	}
	f := &eventFilter{d: s.st.Dialect()}
	f.scope(scope)
	f.codes("e.type", q.EventTypes, epcis.EventTypes)
	f.codes("e.action", q.Actions, epcis.Actions)
	f.times("e.event_ms", q.EventTime)
	f.times("e.record_ms", q.RecordTime)
	f.times("e.declared_ms", q.DeclarationTime)
	if q.ErrorDeclared || len(q.ErrorReasons) > 0 || len(q.CorrectiveEventIDs) > 0 {
		f.add("e.declared_ms IS NOT NULL")
	}
	for _, c := range []struct {
		column      string
		equal, tree []string
	}{
		{"e.biz_step", q.BizSteps, nil}, {"e.disposition", q.Dispositions, nil},
		{"e.read_point", q.ReadPoints, q.ReadPointsUnder}, {"e.biz_location", q.BizLocations, q.BizLocationsUnder},
		{"e.transformation", q.TransformationIDs, nil},
	} {
		f.known(c.column, c.equal, ids)
		if len(c.tree) > 0 {
			f.add(c.column + " IN " + f.underSQL(c.tree))
		}
	}
	f.eventIDs(q.EventIDs, rows)
	for _, m := range slices.Sorted(maps.Keys(q.Match)) {
		f.objects(m, q.Match[m], ids)
	}
	for _, t := range []struct {
		kind  int
		items []query.Typed
	}{{KindBizTransaction, q.BizTransactions}, {KindSource, q.Sources}, {KindDestination, q.Destinations}} {
		for _, typed := range t.items {
			f.typed(t.kind, typed, ids)
		}
	}
	return f, nil
}

// scope keeps the events scope covers: a business operator's own business's; a district's,
// station's or grid's staff those of the businesses placed there; city-wide staff every
// event, those at places of no registered business (owner_id NULL) included.
func (f *eventFilter) scope(s access.Scope) {
	switch {
	case s.BusinessID != 0:
		f.add("e.owner_id = " + f.arg(s.BusinessID))
	case s.GridID != 0:
		f.add("e.owner_id IN (SELECT b.id FROM businesses b WHERE b.grid_id = " + f.arg(s.GridID) + ")")
	case s.StationID != 0:
		f.add("e.owner_id IN (SELECT b.id FROM businesses b WHERE b.station_id = " + f.arg(s.StationID) + ")")
	case s.DistrictID != 0:
		f.add("e.owner_id IN (SELECT b.id FROM businesses b WHERE b.district_id = " + f.arg(s.DistrictID) + ")")
	}
}

// codes keeps the rows whose column holds the code (the index in names) of one of values.
func (f *eventFilter) codes(column string, values, names []string) {
	if len(values) == 0 {
		return
	}
	codes := make([]int64, len(values))
	for i, v := range values {
		codes[i] = int64(slices.Index(names, v))
	}
	f.add(column + " IN " + intList(codes))
}

// times keeps the rows whose column (unix milliseconds) lies in r. Times compare to the
// millisecond, the precision of the stored times.
func (f *eventFilter) times(column string, r query.TimeRange) {
	if r.From != nil {
		f.add(column + " >= " + f.arg(r.From.UnixMilli()))
	}
	if r.Before != nil {
		f.add(column + " < " + f.arg(r.Before.UnixMilli()))
	}
}

// known keeps the rows whose column is the id of one of uris; none are stored: no row.
func (f *eventFilter) known(column string, uris []string, ids map[string]int64) {
	if len(uris) == 0 {
		return
	}
	list := idsOf(uris, ids)
	if len(list) == 0 {
		f.none = true
		return
	}
	f.add(column + " IN " + intList(list))
}

// underSQL is the subquery of the ids of uris and of everything beneath them: the
// sub-locations of a location, the instances and lots of a GTIN (descendants).
func (f *eventFilter) underSQL(uris []string) string {
	var or []string
	for _, u := range uris {
		cond := "u.uri = " + f.arg(u)
		if prefix := descendants(u); prefix != "" {
			cond += " OR (u.uri >= " + f.arg(prefix) + " AND u.uri < " + f.arg(prefixEnd(prefix)) + ")"
		}
		or = append(or, cond)
	}
	return "(SELECT u.id FROM epcis_uris u WHERE " + strings.Join(or, " OR ") + ")"
}

// eventIDs keeps the events of the eventIDs, found among rows, those stored under their
// keys (eventKeys); none: no row.
func (f *eventFilter) eventIDs(eventIDs []string, rows []int64) {
	if len(eventIDs) == 0 {
		return
	}
	if len(rows) == 0 {
		f.none = true
		return
	}
	f.add("e.id IN " + intList(rows) + " AND e.event_id " + inList(f.d, f.arg(listArg(f.d, eventIDs))))
}

// objectsOf says which objects of an event each MATCH_ parameter looks at: in which roles
// (none: any) and whether instances (class 0), classes (1) or both (-1).
var objectsOf = map[query.Match]struct {
	roles []epcis.Role
	class int
}{
	query.MatchEPC:            {[]epcis.Role{epcis.RoleEPC, epcis.RoleChild}, 0},
	query.MatchParentID:       {[]epcis.Role{epcis.RoleParent}, 0},
	query.MatchInputEPC:       {[]epcis.Role{epcis.RoleInput}, 0},
	query.MatchOutputEPC:      {[]epcis.Role{epcis.RoleOutput}, 0},
	query.MatchAnyEPC:         {nil, 0},
	query.MatchEPCClass:       {[]epcis.Role{epcis.RoleEPC, epcis.RoleChild}, 1},
	query.MatchInputEPCClass:  {[]epcis.Role{epcis.RoleInput}, 1},
	query.MatchOutputEPCClass: {[]epcis.Role{epcis.RoleOutput}, 1},
	query.MatchAnyEPCClass:    {nil, 1},
	query.MatchAnyObject:      {nil, -1},
}

// objects keeps the events with an object in the parameter's roles that is one of values,
// or, for a value naming a GTIN alone (as the pattern urn:epc:idpat:sgtin:…* does), an
// instance or lot of it.
func (f *eventFilter) objects(m query.Match, values []string, ids map[string]int64) {
	var exact, patterns []string
	for _, v := range values {
		if isGTIN(v) {
			patterns = append(patterns, v)
		} else {
			exact = append(exact, v)
		}
	}
	var which []string
	if list := idsOf(exact, ids); len(list) > 0 {
		which = append(which, "o.uri_id IN "+intList(list))
	}
	if len(patterns) > 0 {
		which = append(which, "o.uri_id IN "+f.underSQL(patterns))
	}
	if len(which) == 0 {
		f.none = true
		return
	}
	cond := "(" + strings.Join(which, " OR ") + ")"
	spec := objectsOf[m]
	if len(spec.roles) > 0 {
		roles := make([]int64, len(spec.roles))
		for i, r := range spec.roles {
			roles[i] = int64(r)
		}
		cond += " AND o.role IN " + intList(roles)
	}
	switch spec.class {
	case 0:
		cond += " AND NOT o.class"
	case 1:
		cond += " AND o.class"
	}
	f.add("e.id IN (SELECT o.event_row FROM epcis_event_objects o WHERE " + cond + ")")
}

// typed keeps the events with a business transaction, source or destination (kind) of the
// type whose value is one of the test's.
func (f *eventFilter) typed(kind int, t query.Typed, ids map[string]int64) {
	typeID, known := ids[t.Type]
	values := idsOf(t.Values, ids)
	if !known || len(values) == 0 {
		f.none = true
		return
	}
	f.add(fmt.Sprintf("e.id IN (SELECT v.event_row FROM epcis_event_values v WHERE v.kind = %d AND v.type_id = %d AND v.value_id IN %s)",
		kind, typeID, intList(values)))
}

// namedURIs lists the URIs a query names exactly, to look up their ids.
func namedURIs(q *query.Query) []string {
	uris := slices.Concat(q.BizSteps, q.Dispositions, q.ReadPoints, q.BizLocations, q.TransformationIDs)
	for _, values := range q.Match {
		uris = append(uris, values...)
	}
	for _, t := range slices.Concat(q.BizTransactions, q.Sources, q.Destinations) {
		uris = append(append(uris, t.Type), t.Values...)
	}
	return uris
}

// uriIDs returns the ids of the stored URIs among uris.
func (s *Store) uriIDs(ctx context.Context, uris []string) (map[string]int64, error) {
	ids := map[string]int64{}
	if len(uris) == 0 {
		return ids, nil
	}
	d := s.st.Dialect()
	rows, err := s.st.ReadDB().QueryContext(ctx, `SELECT id, uri FROM epcis_uris WHERE uri `+inList(d, "$1"), listArg(d, uris))
	if err != nil {
		return nil, fmt.Errorf("look up the query's uris: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var uri string
		if err := rows.Scan(&id, &uri); err != nil {
			return nil, fmt.Errorf("look up the query's uris: %w", err)
		}
		ids[uri] = id
	}
	return ids, rows.Err()
}

// idsOf returns the ids of the stored URIs among uris.
func idsOf(uris []string, ids map[string]int64) []int64 {
	var out []int64
	for _, u := range uris {
		if id, ok := ids[u]; ok {
			out = append(out, id)
		}
	}
	return out
}

// intList writes numbers the server computed as an SQL list: (1,2,3).
func intList(values []int64) string {
	var b strings.Builder
	b.WriteByte('(')
	for i, v := range values {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(v, 10))
	}
	b.WriteByte(')')
	return b.String()
}
