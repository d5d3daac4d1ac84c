package app

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
)

// The rectifications and cases of the scope test are written straight into their tables for
// a business inside or outside the caller's scope, each call a new one. A case stands at its
// decision, so that its business's operator may read it.

// aimRectification orders a rectification of a business inside or outside role's scope.
func aimRectification(w *scopeWorld, role access.Role, inside bool) (string, bool) {
	business, ok := w.business(role, inside)
	if !ok {
		return "", false
	}
	w.serial++
	return newRectification(w.t, w.st, business, fmt.Sprintf("scope-%d", w.serial)), true
}

// newRectification writes an open rectification of business, ordered by the inspection
// named ref, and returns its id.
func newRectification(t testing.TB, st *store.Store, business int64, ref string) string {
	t.Helper()
	var id int64
	err := st.DB().QueryRowContext(context.Background(), `INSERT INTO rectifications (inspection_uuid, business_id,
		district_id, station_id, items, ordered_on, due_on, rule_ref, status, created_at, updated_at)
		SELECT $1, id, district_id, station_id, '["4.1"]', $2, $2, 'enforce/v1', 'open', $3, $3 FROM businesses WHERE id = $4
		RETURNING id`, ref, time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), time.Now().UTC(), business).Scan(&id)
	if err != nil {
		t.Fatalf("order rectification: %v", err)
	}
	return itoa(id)
}

// aimCase registers a case of a business inside or outside role's scope and takes it to its
// decision.
func aimCase(w *scopeWorld, role access.Role, inside bool) (string, bool) {
	business, ok := w.business(role, inside)
	if !ok {
		return "", false
	}
	return newCase(w.t, w.st, business), true
}

// aimCaseStaff is aimCase for the internal case forms, which are not the party's: the
// operator has nothing inside its scope to aim at.
func aimCaseStaff(w *scopeWorld, role access.Role, inside bool) (string, bool) {
	if role == access.RoleBusinessOperator {
		return "", false
	}
	return aimCase(w, role, inside)
}

// newCase writes a case of business standing at its decision and returns its id.
func newCase(t testing.TB, st *store.Store, business int64) string {
	t.Helper()
	ctx, day, now := context.Background(), time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), time.Now().UTC()
	var id int64
	err := st.DB().QueryRowContext(ctx, `INSERT INTO cases (business_id, district_id, station_id, findings, step,
		registered_on, created_at, updated_at) SELECT id, district_id, station_id,
		'{"key_failures":["1.1"],"general_failures":[]}', 'decided', $1, $2, $2 FROM businesses WHERE id = $3
		RETURNING id`, day, now, business).Scan(&id)
	if err == nil {
		_, err = st.DB().ExecContext(ctx, `INSERT INTO case_steps (case_id, step, done_on, recorded_by, recorded_at)
			VALUES ($1, 'registered', $2, 'system', $3), ($1, 'decided', $2, 'system', $3)`, id, day, now)
	}
	if err != nil {
		t.Fatalf("register case: %v", err)
	}
	return itoa(id)
}
