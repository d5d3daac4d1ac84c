package app

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/credit"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
)

// The credit records (信用记录) of the scope test are penalties of a business inside or
// outside the caller's scope, entered by the system, each call a new one; a repair request
// is a pending request about such a record.

// aimCreditRecord enters a penalty of a business inside or outside role's scope and names it.
func aimCreditRecord(w *scopeWorld, role access.Role, inside bool) (string, bool) {
	business, ok := w.business(role, inside)
	if !ok {
		return "", false
	}
	return itoa(w.creditRecord(business)), true
}

// aimCreditRepair files a pending repair request about a new record of a business inside or
// outside role's scope and names it.
func aimCreditRepair(w *scopeWorld, role access.Role, inside bool) (string, bool) {
	business, ok := w.business(role, inside)
	if !ok {
		return "", false
	}
	record := w.creditRecord(business)
	var id int64
	err := w.st.DB().QueryRowContext(context.Background(), `INSERT INTO credit_repairs (business_id, record_id, reason, evidence,
		status, requested_at, requested_by) VALUES ($1, $2, '已整改', '缴款凭证', 'pending', $3, 'system') RETURNING id`,
		business, record, time.Now().UTC()).Scan(&id)
	if err != nil {
		w.t.Fatalf("file credit repair: %v", err)
	}
	return itoa(id), true
}

// creditRecord enters, as the system, a new penalty of business and returns its id.
func (w *scopeWorld) creditRecord(business int64) int64 {
	w.serial++
	return enterCreditPenalty(w.t, w.st, business, w.serial)
}

// enterCreditPenalty enters, as the system, penalty number n of business and returns its id.
func enterCreditPenalty(t testing.TB, st *store.Store, business int64, n int) int64 {
	t.Helper()
	book, err := rules.New(st)
	if err != nil {
		t.Fatal(err)
	}
	r, err := credit.NewService(st, book, calendar.Default()).AddRecord(access.WithScope(context.Background(), access.Everywhere), credit.RecordInput{
		BusinessID: business, Kind: credit.KindPenalty, DocumentNumber: fmt.Sprintf("江市监罚〔2026〕%d号", n),
		DecidedOn: "2026-01-05", Violation: "经营超过保质期的食品", Measures: []credit.Measure{credit.MeasureFine}, FineYuan: 5000})
	if err != nil {
		t.Fatalf("enter credit record: %v", err)
	}
	return r.ID
}
