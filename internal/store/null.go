package store

import (
	"database/sql"
	"time"
)

// TimePtr is a nullable timestamp column as a pointer: nil for NULL, else the time in UTC.
func TimePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	v := t.Time.UTC()
	return &v
}

// IntPtr is a nullable integer column as a pointer: nil for NULL.
func IntPtr(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	return &n.Int64
}
