package audit

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/store"
)

// Event is what happened: an action ("create", "update", "delete", "status", "login",
// "login_failed", "lockout", "logout", "read_personal", "import", "export", "override", …)
// on an object ("business", "org_unit", "person", "user", "token", "rule", "session", …).
// Before and After are the object's state around the change, stored as JSON; nil stores
// nothing. Pass a json.RawMessage to store JSON as it is.
type Event struct {
	Action     string
	ObjectType string
	ObjectID   string
	Before     any
	After      any
}

// Record appends e to the audit log inside tx, the transaction of st that makes the change,
// with the actor of ctx. The entry exists exactly when tx commits. Appending locks the
// chain's head until tx ends: on SQLite at once, so call Record after the change's own
// writes to hold the lock briefly; on PostgreSQL the append travels with the COMMIT
// (store.ExecAtCommit), so the lock is held only while tx commits.
func Record(ctx context.Context, st *store.Store, tx *sql.Tx, e Event) error {
	m, err := newMessage(ActorFrom(ctx), e, time.Now())
	if err != nil {
		return err
	}
	beforeSeq, afterSeq := splitMessage(m)
	var actorID sql.NullInt64
	if m.HasActor {
		actorID = sql.NullInt64{Int64: m.ActorID, Valid: true}
	}
	what := fmt.Sprintf("audit %s %s: append", e.Action, e.ObjectType)
	res, err := st.ExecAtCommit(ctx, tx, what, appendSQL[st.Dialect()], m.AtUS, actorID, m.ActorLogin, m.ActorRole, m.IP,
		m.Action, m.ObjectType, m.ObjectID, m.Before, m.After, beforeSeq, afterSeq)
	if err != nil {
		return err
	}
	// Without a head row there is no next place: on SQLite the statement inserts nothing, on
	// PostgreSQL it inserts an entry without a seq, which fails the commit.
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("audit %s %s: append wrote %d entries, want 1: audit_head has no row", e.Action, e.ObjectType, n)
	}
	return nil
}

// appendSQL appends an entry in one round trip, by dialect. audit_hash completes the hash
// the application began (a SQL function on PostgreSQL, a Go function on SQLite).
//
// On PostgreSQL (migration 0030) the statement moves the head first: the UPDATE's row lock
// serialises appends until the transaction ends, and the head's prev_hash column hands the
// hash it had before to the entry. It runs with the COMMIT, when its outcome can no longer
// stop the commit, so it must fail rather than append nothing: joined to one constant row,
// a missing head gives an entry whose seq is NULL, which the primary key refuses.
//
// On SQLite, whose single writer serialises appends and which allows no UPDATE in a WITH
// clause, the view audit_next names the entry's seq and prev_hash and a trigger moves the
// head (migration 0009). The casts tell PostgreSQL the types of parameters that no column
// or function names.
var appendSQL = map[store.Dialect]string{
	store.Postgres: `WITH head AS (
		UPDATE audit_head SET prev_hash = hash, seq = seq + 1, hash = audit_hash($11, seq + 1, $12, hash)
		WHERE id = 1 RETURNING seq, prev_hash, hash)
	INSERT INTO audit_log (seq, at_us, actor_id, actor_login, actor_role, ip,
		action, object_type, object_id, before, after, prev_hash, hash)
	SELECT head.seq, CAST($1 AS BIGINT), CAST($2 AS BIGINT), $3, $4, $5, $6, $7, $8, $9, $10,
		head.prev_hash, head.hash
	FROM (VALUES (1)) AS one LEFT JOIN head ON true`,
	store.SQLite: `INSERT INTO audit_log (seq, at_us, actor_id, actor_login, actor_role, ip,
		action, object_type, object_id, before, after, prev_hash, hash)
	SELECT seq, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, prev_hash, audit_hash($11, seq, $12, prev_hash)
	FROM audit_next`,
}

// RecordOwnTx records e in a transaction of its own, for events that write nothing else:
// failed logins, lockouts, reads of personal data.
func RecordOwnTx(ctx context.Context, st *store.Store, e Event) error {
	return st.Tx(ctx, func(tx *sql.Tx) error { return Record(ctx, st, tx, e) })
}

// newMessage is e by a at the time at, without its place in the chain.
func newMessage(a Actor, e Event, at time.Time) (message[string], error) {
	if e.Action == "" || e.ObjectType == "" {
		return message[string]{}, errors.New("audit: an event needs an action and an object type")
	}
	before, err := encodeState(e.Before)
	if err != nil {
		return message[string]{}, fmt.Errorf("audit %s %s: encode before: %w", e.Action, e.ObjectType, err)
	}
	after, err := encodeState(e.After)
	if err != nil {
		return message[string]{}, fmt.Errorf("audit %s %s: encode after: %w", e.Action, e.ObjectType, err)
	}
	if a.Login == "" && a.UserID == 0 {
		a.Login = SystemLogin
	}
	return message[string]{
		AtUS: at.UnixMicro(), ActorID: a.UserID, HasActor: a.UserID != 0,
		ActorLogin: a.Login, ActorRole: a.Role, IP: a.IP,
		Action: e.Action, ObjectType: e.ObjectType, ObjectID: e.ObjectID,
		Before: before, After: after,
	}, nil
}

// encodeState is v as stored JSON, or "" for nil.
func encodeState(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case json.RawMessage:
		if v == nil {
			return "", nil
		}
		if !json.Valid(v) {
			return "", errors.New("invalid JSON")
		}
		return string(v), nil
	}
	b, err := json.Marshal(v)
	if err != nil || string(b) == "null" { // a typed nil pointer is no state either
		return "", err
	}
	return string(b), nil
}
