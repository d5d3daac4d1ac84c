package journal

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// subscriber is one registered handler with its topic filter compiled into the queries that
// need it. Every query binds $1 = subscriber name and $2 = mark; the topic patterns follow
// the query's own parameters.
type subscriber struct {
	name      string
	handle    Handler
	topicArgs []any
	fanOutSQL string // $3 now, $4 batch: new entries become pending rows
	undoneSQL string // lowest txid of a matching entry without a row
	freshSQL  string // how many matching entries still lack a row
	anyNewSQL string // whether any does
}

// newEntries selects the matching entries at or above the mark that have no delivery row.
const newEntries = `FROM journal_entries e WHERE e.txid >= $2 AND %s AND NOT EXISTS (
	SELECT 1 FROM journal_deliveries x WHERE x.subscriber = $1 AND x.entry_id = e.id)`

func newSubscriber(name string, patterns []string, h Handler) (*subscriber, error) {
	if name == "" || h == nil {
		return nil, fmt.Errorf("journal subscribe %q: needs a name and a handler", name)
	}
	filter, args, err := topicFilter(patterns, 5)
	if err != nil {
		return nil, fmt.Errorf("journal subscribe %q: %w", name, err)
	}
	s := &subscriber{name: name, handle: h, topicArgs: args}
	s.fanOutSQL = `INSERT INTO journal_deliveries
		(subscriber, entry_id, status, attempts, last_error, next_attempt_at, updated_at)
		SELECT $1, e.id, 'pending', 0, '', $3, $3 ` + fmt.Sprintf(newEntries, filter) +
		` ORDER BY e.id LIMIT $4 ON CONFLICT DO NOTHING`
	filter, _, _ = topicFilter(patterns, 3)
	s.undoneSQL = `SELECT min(e.txid) ` + fmt.Sprintf(newEntries, filter)
	s.freshSQL = `SELECT count(*) ` + fmt.Sprintf(newEntries, filter)
	s.anyNewSQL = `SELECT 1 ` + fmt.Sprintf(newEntries, filter) + ` LIMIT 1`
	return s, nil
}

// args binds the fixed parameters of a query, then the topic patterns.
func (s *subscriber) args(fixed ...any) []any {
	return append(append([]any{s.name}, fixed...), s.topicArgs...)
}

// topicFilter turns patterns into a SQL condition on e.topic with placeholders from $first:
// "a.b.c" matches that topic exactly, "a.b.*" every topic starting with "a.b.", "*" all.
// Prefixes compare with substr, not LIKE, so matching is exact and case-sensitive on both
// engines.
func topicFilter(patterns []string, first int) (string, []any, error) {
	if len(patterns) == 0 {
		return "", nil, errors.New("no topics")
	}
	var conds []string
	var args []any
	for _, p := range patterns {
		prefix, isPrefix := strings.CutSuffix(p, "*")
		switch {
		case p == "" || strings.Contains(prefix, "*"):
			return "", nil, fmt.Errorf("topic pattern %q: want a topic, a prefix ending in *, or *", p)
		case prefix == "":
			return "1 = 1", nil, nil
		case isPrefix:
			conds = append(conds, fmt.Sprintf("substr(e.topic, 1, %d) = $%d", utf8.RuneCountInString(prefix), first+len(args)))
		default:
			conds = append(conds, fmt.Sprintf("e.topic = $%d", first+len(args)))
		}
		args = append(args, prefix)
	}
	return "(" + strings.Join(conds, " OR ") + ")", args, nil
}
