package seal

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
)

//go:embed locale
var files embed.FS

func init() { i18n.MustRegister(files, "locale") }

// Kind is the act that made a record final.
type Kind string

// The kinds; the seals table's CHECK constraint lists the same three.
const (
	Signed     Kind = "signed"     // 签发: an inspection record or a decision signed by its author
	Published  Kind = "published"  // 公示: a result shown to the public
	Dispatched Kind = "dispatched" // 下发: a document sent to the business or another office
)

// Valid reports whether k is one of the kinds.
func (k Kind) Valid() bool { return k == Signed || k == Published || k == Dispatched }

// Object names one record: its type (the same string its table's guard was written with, see
// GuardTable) and its id as text, in the form the database prints it (decimal for integers).
type Object struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

// ObjectOf names the record of type typ with an integer id, the usual case.
func ObjectOf(typ string, id int64) Object { return Object{Type: typ, ID: strconv.FormatInt(id, 10)} }

func (o Object) String() string { return o.Type + " " + o.ID }

func (o Object) check() error {
	if o.Type == "" || o.ID == "" {
		return fmt.Errorf("seal: object %q needs a type and an id", o)
	}
	return nil
}

// SealInfo is the seal of one record: what made it final, when and by whom.
type SealInfo struct {
	Object   Object    `json:"object"`
	Kind     Kind      `json:"kind"`
	SealedAt time.Time `json:"sealed_at"`
	SealedBy string    `json:"sealed_by"`
	Note     string    `json:"note,omitempty"`
}

// ErrSealed is the cause inside every refusal of this package (errors.Is), whether the
// application check or a database guard refused.
var ErrSealed = errors.New("record is sealed")

// Querier is a pool or a transaction: reads work on either.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Seal makes obj final in tx. Do the record's last write (setting its status, its signature)
// first: from the Seal on, the record's guard refuses writes in this transaction too. Sealing
// a record twice is a Conflict naming the existing seal.
func Seal(ctx context.Context, tx *sql.Tx, obj Object, kind Kind, by string) error {
	return SealNoted(ctx, tx, obj, kind, by, "")
}

// SealNoted is Seal with a note kept beside the seal (for instance the document number).
func SealNoted(ctx context.Context, tx *sql.Tx, obj Object, kind Kind, by, note string) error {
	if err := obj.check(); err != nil {
		return err
	}
	if !kind.Valid() || by == "" {
		return fmt.Errorf("seal %s: kind %q by %q: need a known kind and a login", obj, kind, by)
	}
	at := time.Now().UTC().Truncate(time.Microsecond)
	// ON CONFLICT DO NOTHING rather than catching the unique violation: on PostgreSQL the
	// violation would abort tx, and the existing seal could not be read to name it.
	res, err := tx.ExecContext(ctx, `INSERT INTO seals (object_type, object_id, kind, sealed_at, sealed_by, note)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (object_type, object_id) DO NOTHING`,
		obj.Type, obj.ID, string(kind), at, by, note)
	if err != nil {
		return fmt.Errorf("seal %s: %w", obj, store.Normalize(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("seal %s: %w", obj, err)
	}
	if n == 1 {
		return nil
	}
	s, err := Status(ctx, tx, obj)
	if err == nil && s == nil {
		err = fmt.Errorf("seal %s: neither inserted nor found", obj)
	}
	if err != nil {
		return err
	}
	return refusal("seal.already."+string(s.Kind), s)
}

// Status returns the seal of obj, or nil when obj is not sealed.
func Status(ctx context.Context, q Querier, obj Object) (*SealInfo, error) {
	if err := obj.check(); err != nil {
		return nil, err // an empty name would read as "not sealed" and let a write through
	}
	s := SealInfo{Object: obj}
	var kind string
	err := q.QueryRowContext(ctx, `SELECT kind, sealed_at, sealed_by, note FROM seals
		WHERE object_type = $1 AND object_id = $2`, obj.Type, obj.ID).Scan(&kind, &s.SealedAt, &s.SealedBy, &s.Note)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("seal status of %s: %w", obj, store.Normalize(err))
	}
	s.Kind, s.SealedAt = Kind(kind), s.SealedAt.UTC()
	return &s, nil
}

// CheckWritable returns nil when obj may still be updated or deleted, and otherwise a
// Conflict (409) whose message says what made it final, when and by whom. Call it in the
// transaction that writes obj, before the write; the table's guard is the backstop.
func CheckWritable(ctx context.Context, tx *sql.Tx, obj Object) error {
	s, err := Status(ctx, tx, obj)
	if err != nil || s == nil {
		return err
	}
	return refusal("seal.sealed."+string(s.Kind), s)
}

// refusal is the Conflict for a sealed record, with the seal's facts as message params.
func refusal(key string, s *SealInfo) error {
	return &apperr.Error{Code: apperr.Conflict, Key: key, Params: map[string]any{
		"type": s.Object.Type, "id": s.Object.ID, "kind": string(s.Kind),
		"at": s.SealedAt.In(calendar.China).Format("2006-01-02 15:04"), "by": s.SealedBy,
	}, Err: fmt.Errorf("%s: %w (%s at %s by %s)", s.Object, ErrSealed, s.Kind, s.SealedAt.Format(time.RFC3339), s.SealedBy)}
}
