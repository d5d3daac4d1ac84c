package audit

import (
	"database/sql/driver"
	"fmt"

	"modernc.org/sqlite"
)

// SQLite has no SHA-256: audit_hash, which PostgreSQL defines in SQL (migration 0009), is
// registered with the driver here, so that Record runs the same statement on both engines.
// Every connection the "sqlite" driver opens after start-up has it.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("audit_hash", 4, auditHashSQL)
}

// auditHashSQL is audit_hash(before_seq, seq, after_seq, prev_hash) for SQLite.
func auditHashSQL(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	beforeSeq, ok1 := args[0].([]byte)
	seq, ok2 := args[1].(int64)
	afterSeq, ok3 := args[2].([]byte)
	prev, ok4 := args[3].(string)
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return nil, fmt.Errorf("audit_hash(%T, %T, %T, %T): want a blob, an integer, a blob and text",
			args[0], args[1], args[2], args[3])
	}
	return spliceHash(beforeSeq, seq, afterSeq, prev), nil
}
