package audit

import (
	"context"
	"database/sql/driver"
	"testing"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// splitMessages are entries whose hash Record leaves to audit_hash: with and without an
// actor, with empty and non-ASCII fields, first in the chain and far along it.
var splitMessages = []struct {
	name string
	m    message[string]
}{
	{"first entry by the system", message[string]{Seq: 1, AtUS: 1, ActorLogin: SystemLogin, Action: "import",
		ObjectType: "business", PrevHash: GenesisHash}},
	{"update by a user", benchMessage(4, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")},
	{"failed login without actor", benchMessage(1_000_003, GenesisHash)},
	{"negative time and big seq", message[string]{Seq: 1 << 40, AtUS: -5, ActorID: -1, HasActor: true,
		ActorLogin: "张", IP: "::1", Action: "delete", ObjectType: "person", ObjectID: "身份证",
		Before: `{"name":"王"}`, PrevHash: GenesisHash}},
}

func TestSpliceHashIsTheDocumentedHash(t *testing.T) {
	for _, tt := range splitMessages {
		t.Run(tt.name, func(t *testing.T) {
			beforeSeq, afterSeq := splitMessage(tt.m)
			if got, want := spliceHash(beforeSeq, tt.m.Seq, afterSeq, tt.m.PrevHash), hashOf(&tt.m); got != want {
				t.Errorf("spliceHash = %s, want %s", got, want)
			}
		})
	}
}

func TestAuditHashInSQLIsTheDocumentedHash(t *testing.T) {
	// PostgreSQL's audit_hash is SQL, SQLite's the Go function: both must give hashOf.
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		for _, tt := range splitMessages {
			beforeSeq, afterSeq := splitMessage(tt.m)
			var got string
			err := st.DB().QueryRowContext(context.Background(), `SELECT audit_hash($1, $2, $3, $4)`,
				beforeSeq, tt.m.Seq, afterSeq, tt.m.PrevHash).Scan(&got)
			if want := hashOf(&tt.m); err != nil || got != want {
				t.Errorf("%s: audit_hash = %s, %v; want %s", tt.name, got, err, want)
			}
		}
	})
}

func TestAuditHashSQLRejectsWrongTypes(t *testing.T) {
	for _, args := range [][]driver.Value{
		{"text", int64(1), []byte{}, GenesisHash},
		{[]byte{}, "1", []byte{}, GenesisHash},
		{[]byte{}, int64(1), nil, GenesisHash},
		{[]byte{}, int64(1), []byte{}, nil},
	} {
		if _, err := auditHashSQL(nil, args); err == nil {
			t.Errorf("audit_hash%v = nil error, want one", args)
		}
	}
}
