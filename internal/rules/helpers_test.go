package rules

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/web"
)

// mustBook returns the book of the embedded defaults over s.
func mustBook(tb testing.TB, s *store.Store) *Book {
	tb.Helper()
	b, err := New(s)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return b
}

// mustCatalog parses a test rules file.
func mustCatalog(tb testing.TB, data string) *catalog {
	tb.Helper()
	cat, err := parseCatalog([]byte(data))
	if err != nil {
		tb.Fatalf("parse test catalog: %v", err)
	}
	return cat
}

var userSeq atomic.Int64

// mustUser creates an account with role in its own org unit and returns it as the web
// layer sees it.
func mustUser(tb testing.TB, s *store.Store, role string) *web.User {
	tb.Helper()
	ctx, now := context.Background(), time.Now().UTC()
	login := fmt.Sprintf("%s-%d", role, userSeq.Add(1))
	var org, id int64
	err := s.DB().QueryRowContext(ctx, `INSERT INTO org_units (kind, code, name, created_at, updated_at)
		VALUES ('city', $1, '测试市', $2, $2) RETURNING id`, login, now).Scan(&org)
	if err == nil {
		err = s.DB().QueryRowContext(ctx, `INSERT INTO users (login, display_name, org_unit_id, password_hash, created_at)
			VALUES ($1, $2, $3, 'x', $4) RETURNING id`, login, "张三 "+login, org, now).Scan(&id)
	}
	if err == nil {
		_, err = s.DB().ExecContext(ctx, `INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, id, role)
	}
	if err != nil {
		tb.Fatalf("create user %s: %v", login, err)
	}
	return &web.User{ID: id, Login: login, Name: "张三 " + login, Role: role, OrgUnitID: org, CSRFToken: "csrf-" + login}
}

// day returns midnight of a date in China.
func day(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.ParseInLocation(time.DateOnly, s, calendar.China)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}
