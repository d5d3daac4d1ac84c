package app

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

func TestAuditVerifyCommand(t *testing.T) {
	ctx := context.Background()
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		for range 3 {
			if err := audit.RecordOwnTx(ctx, st, audit.Event{Action: "update", ObjectType: "business", ObjectID: "1",
				Before: map[string]string{"name": "面馆"}, After: map[string]string{"name": "粉店"}}); err != nil {
				t.Fatal(err)
			}
		}
		var out bytes.Buffer
		if err := runAudit(ctx, []string{"verify", "--db", st.DSN()}, &out); err != nil || !strings.Contains(out.String(), "audit chain intact: 3 entries") {
			t.Fatalf("verify intact: %v\n%s", err, out.String())
		}
		// An administrator edits an entry behind the application's back.
		drop := `DROP TRIGGER audit_log_no_update`
		if st.Dialect() == store.Postgres {
			drop = `DROP TRIGGER audit_log_append_only ON audit_log`
		}
		for _, q := range []string{drop, `UPDATE audit_log SET after = '{"name":"面馆"}' WHERE seq = 2`} {
			if _, err := st.DB().ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		var stdout, stderr bytes.Buffer
		if code := Main([]string{"audit", "verify", "--db", st.DSN()}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "entry 2 (changed)") {
			t.Errorf("verify changed: exit %d\n%s%s", code, stdout.String(), stderr.String())
		}
	})
}
