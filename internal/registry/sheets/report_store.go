package sheets

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
)

// ReportTTL is how long a report of a refused import can be downloaded.
const ReportTTL = 7 * 24 * time.Hour

// Report is the record of a refused import (导入错误报告): every bad cell and why.
type Report struct {
	ID        string
	UserID    int64
	FileName  string
	Rows      int
	Errors    []CellError
	Omitted   int
	CreatedAt time.Time
	ExpiresAt time.Time
}

// ReportStore keeps reports in the database for ReportTTL, visible to their uploader only.
type ReportStore struct{ st *store.Store }

// NewReportStore returns a store over st.
func NewReportStore(st *store.Store) *ReportStore { return &ReportStore{st: st} }

type reportBody struct {
	Errors  []CellError `json:"errors"`
	Omitted int         `json:"omitted,omitempty"`
}

// Save records the errors of res for userID and returns the report's id; expired reports
// are removed in the same transaction.
func (s *ReportStore) Save(ctx context.Context, userID int64, fileName string, res *Result) (string, error) {
	body, err := json.Marshal(reportBody{Errors: res.Errors, Omitted: res.Omitted})
	if err != nil {
		return "", fmt.Errorf("encode report: %w", err)
	}
	id := rand.Text()
	now := time.Now().UTC()
	err = s.st.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM import_reports WHERE expires_at < $1`, now); err != nil {
			return fmt.Errorf("purge reports: %w", err)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO import_reports (id, user_id, file_name, total_rows, body, created_at, expires_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7)`, id, userID, fileName, res.Rows, string(body), now, now.Add(ReportTTL))
		if err != nil {
			return fmt.Errorf("save report: %w", store.Normalize(err))
		}
		return nil
	})
	return id, err
}

// Get returns report id of userID, or NotFound when it is absent, expired or someone else's.
func (s *ReportStore) Get(ctx context.Context, id string, userID int64) (*Report, error) {
	rep := Report{ID: id}
	var body string
	err := s.st.ReadDB().QueryRowContext(ctx, `SELECT user_id, file_name, total_rows, body, created_at, expires_at
		FROM import_reports WHERE id = $1`, id).Scan(&rep.UserID, &rep.FileName, &rep.Rows, &body, &rep.CreatedAt, &rep.ExpiresAt)
	notFound := apperr.New(apperr.NotFound, "sheets.report_not_found", nil)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, notFound
	case err != nil:
		return nil, fmt.Errorf("read report: %w", err)
	case rep.UserID != userID || time.Now().After(rep.ExpiresAt):
		return nil, notFound
	}
	var b reportBody
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		return nil, fmt.Errorf("decode report: %w", err)
	}
	rep.Errors, rep.Omitted = b.Errors, b.Omitted
	return &rep, nil
}
