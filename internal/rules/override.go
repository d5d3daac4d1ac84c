package rules

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// ReasonField names the reason in field errors ("field.rule_reason" in the catalogs).
const ReasonField = "rule_reason"

const maxReason = 500

// Change is one override (本市调整) of a rule definition: who made it and when, the value
// before and after, and why. Changes are never edited; a new one supersedes the previous.
type Change struct {
	ID         int64           `json:"id"`
	Key        string          `json:"key"`
	Set        string          `json:"set"`
	Version    int             `json:"version"`
	OldValue   json.RawMessage `json:"old_value"`
	Value      json.RawMessage `json:"value"`
	Reason     string          `json:"reason"`
	UserID     int64           `json:"user_id"`
	UserLogin  string          `json:"user_login"`
	UserName   string          `json:"user_name"`
	UserRole   string          `json:"user_role"`
	Supersedes *int64          `json:"supersedes,omitempty"`
	CreatedAt  time.Time       `json:"created_at"`
}

// Override sets the city's value of key from now on, for the definition in force today.
// Only a role holding access.RulesOverride (the city admin) may; a value of the wrong type or out of range, or a missing reason, is
// an Invalid error naming the field and the broken rule.
func (b *Book) Override(ctx context.Context, u *web.User, key string, value json.RawMessage, reason string) error {
	switch {
	case u == nil:
		return apperr.New(apperr.Unauthorized, "", nil)
	case !access.Can(u, access.RulesOverride):
		return apperr.New(apperr.Forbidden, "rules.forbidden", nil)
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	r, err := b.definition(key, now)
	if err != nil {
		return err
	}
	v, reason, err := checkOverride(r, value, reason)
	if err != nil {
		return err
	}
	return b.st.Tx(ctx, func(tx *sql.Tx) error {
		if err := b.checkOrder(ctx, tx, r, v, now); err != nil {
			return err
		}
		prev, err := changesOf(ctx, tx, r)
		if err != nil {
			return err
		}
		c := Change{Key: r.Key, Set: r.Set, Version: r.Version, OldValue: r.Default, Value: v, Reason: reason,
			UserID: u.ID, UserLogin: u.Login, UserName: u.Name, UserRole: u.Role, CreatedAt: now}
		if len(prev) > 0 {
			c.OldValue, c.Supersedes = prev[0].Value, &prev[0].ID
		}
		return insertChange(ctx, b.st, tx, c)
	})
}

// checkOverride validates the value and the reason together, so that a form shows both.
func checkOverride(r Rule, value json.RawMessage, reason string) (json.RawMessage, string, error) {
	var c apperr.Collector
	v, err := r.Check(value)
	if err != nil && apperr.CodeOf(err) != apperr.Invalid {
		return nil, "", err
	}
	for _, f := range apperr.From(err).Fields {
		c.Add(f.Field, f.Rule, f.Params)
	}
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		c.Add(ReasonField, "required", nil)
	case utf8.RuneCountInString(reason) > maxReason:
		c.Add(ReasonField, "too_long", map[string]any{"max": maxReason})
	}
	return v, reason, c.Err()
}

// History lists every override of key in every set version, newest first.
func (b *Book) History(ctx context.Context, key string) ([]Change, error) {
	if _, ok := b.cat.byKey[key]; !ok {
		return nil, notFound("rules.unknown", key, time.Now(), ErrUnknown)
	}
	return listChanges(ctx, b.st.ReadDB(), "WHERE rule_key = $1", []any{key})
}
