package audit

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/store"
)

// CountLimit caps how many entries List counts: past it the total shows as "2000+", which
// keeps a broad filter over millions of entries fast.
const CountLimit = 2000

// MaxPerPage bounds a page of entries; DefaultPerPage is the page without per_page.
const (
	MaxPerPage     = 200
	DefaultPerPage = 50
)

// Filter selects entries; empty fields select everything. Actor is a login. From is
// inclusive and To exclusive.
type Filter struct {
	Actor, Action, ObjectType, ObjectID string
	From, To                            *time.Time
	Page, PerPage                       int // 1-based page
}

// Entry is one stored audit entry. Before and After are the stored JSON, nil when empty.
type Entry struct {
	Seq        int64           `json:"seq"`
	At         time.Time       `json:"at"`
	ActorID    int64           `json:"actor_id,omitempty"`
	ActorLogin string          `json:"actor_login"`
	ActorRole  string          `json:"actor_role,omitempty"`
	IP         string          `json:"ip,omitempty"`
	Action     string          `json:"action"`
	ObjectType string          `json:"object_type"`
	ObjectID   string          `json:"object_id,omitempty"`
	Before     json.RawMessage `json:"before,omitempty"`
	After      json.RawMessage `json:"after,omitempty"`
	PrevHash   string          `json:"prev_hash"`
	Hash       string          `json:"hash"`
}

// entryColumns are the columns scanEntry reads.
const entryColumns = `seq, at_us, actor_id, actor_login, actor_role, ip, action, object_type, object_id,
	before, after, prev_hash, hash`

// List returns one page of the entries f selects, newest first, and how many there are,
// counted up to CountLimit+1: a total above CountLimit means "more than CountLimit".
func List(ctx context.Context, st *store.Store, f Filter) ([]Entry, int, error) {
	f.normalize()
	where, args := f.where()
	query := fmt.Sprintf(`SELECT %s FROM audit_log%s ORDER BY seq DESC LIMIT %d OFFSET %d`,
		entryColumns, where, f.PerPage, (f.Page-1)*f.PerPage)
	rows, err := st.ReadDB().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list audit entries: %w", err)
	}
	defer rows.Close()
	entries := []Entry{}
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("scan audit entry: %w", err)
		}
		entries = append(entries, e)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("list audit entries: %w", err)
	}
	var total int
	count := fmt.Sprintf(`SELECT count(*) FROM (SELECT 1 FROM audit_log%s LIMIT %d) m`, where, CountLimit+1)
	if err := st.ReadDB().QueryRowContext(ctx, count, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count audit entries: %w", err)
	}
	return entries, total, nil
}

func (f *Filter) normalize() {
	if f.Page < 1 {
		f.Page = 1
	}
	if f.PerPage < 1 {
		f.PerPage = DefaultPerPage
	}
	f.PerPage = min(f.PerPage, MaxPerPage)
}

// where is the WHERE clause of f and its bind arguments.
func (f *Filter) where() (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		conds = append(conds, fmt.Sprintf(cond, len(args)))
	}
	for _, c := range []struct{ column, value string }{
		{"actor_login", f.Actor}, {"action", f.Action}, {"object_type", f.ObjectType}, {"object_id", f.ObjectID},
	} {
		if c.value != "" {
			add(c.column+" = $%d", c.value)
		}
	}
	if f.From != nil {
		add("at_us >= $%d", f.From.UnixMicro())
	}
	if f.To != nil {
		add("at_us < $%d", f.To.UnixMicro())
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

func scanEntry(row interface{ Scan(...any) error }) (Entry, error) {
	var e Entry
	var at int64
	var actor sql.NullInt64
	var before, after string
	err := row.Scan(&e.Seq, &at, &actor, &e.ActorLogin, &e.ActorRole, &e.IP, &e.Action, &e.ObjectType, &e.ObjectID,
		&before, &after, &e.PrevHash, &e.Hash)
	if err != nil {
		return Entry{}, err
	}
	e.At, e.ActorID = time.UnixMicro(at).UTC(), actor.Int64
	if before != "" {
		e.Before = json.RawMessage(before)
	}
	if after != "" {
		e.After = json.RawMessage(after)
	}
	return e, nil
}
