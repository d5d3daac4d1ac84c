package risk

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/apperr"
)

// maxImportRows bounds the data rows of one history import; maxRefLength the characters of
// an event's reference.
const maxImportRows, maxRefLength = 200_000, 100

// historyColumns are the columns of a history import by field, with the headers accepted
// for each (English code or Chinese label).
var historyColumns = []struct {
	field    string
	headers  []string
	required bool
}{
	{"uscc", []string{"uscc", "统一社会信用代码"}, true},
	{"kind", []string{"kind", "类型", "事件类型"}, true},
	{"date", []string{"date", "日期"}, true},
	{"until", []string{"until", "截止日期"}, false},
	{"result", []string{"result", "检查结果"}, false},
	{"full_checklist", []string{"full_checklist", "全项检查"}, false},
	{"ref", []string{"ref", "文书编号", "编号"}, false},
}

// kindLabels and resultLabels are the Chinese labels an import may use.
var (
	kindLabels = map[string]EventKind{"监督检查": EventInspection, "抽检不合格": EventSamplingFailure, "行政处罚": EventPenalty,
		"投诉举报": EventComplaint, "故意违法": EventIntentionalViolation, "食品安全事故": EventIncident,
		"未按规定召回": EventRecallFailure, "阻挠检查": EventObstruction, "严重违法失信": EventSeriousDishonesty, "经营异常": EventAbnormalOperation}
	resultLabels = map[string]string{"符合": ResultCompliant, "基本符合": ResultBasic, "不符合": ResultNonCompliant}
)

// readTable reads a CSV (UTF-8) or xlsx upload into rows of cells, the header first.
func readTable(data []byte) (rows [][]string, err error) {
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			return nil, &apperr.Error{Code: apperr.Invalid, Fields: []apperr.FieldError{{Field: "file", Rule: "csv_corrupt"}}, Err: err}
		}
		return rows, nil
	}
	// A malformed workbook must never become a 500.
	defer func() {
		if v := recover(); v != nil {
			slog.Error("read history workbook panicked", "panic", v)
			rows, err = nil, apperr.Fields(apperr.Field("file", "xlsx_corrupt", nil))
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true, UnzipSizeLimit: 256 << 20})
	if err != nil {
		return nil, &apperr.Error{Code: apperr.Invalid, Fields: []apperr.FieldError{{Field: "file", Rule: "xlsx_corrupt"}}, Err: err}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, apperr.Fields(apperr.Field("file", "xlsx_no_sheet", nil))
	}
	rows, err = f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, &apperr.Error{Code: apperr.Invalid, Fields: []apperr.FieldError{{Field: "file", Rule: "xlsx_corrupt"}}, Err: err}
	}
	return rows, nil
}

// columnIndexes finds each field's column in the header; a missing required column is an
// error on the file.
func columnIndexes(header []string) (map[string]int, error) {
	at := map[string]int{}
	var missing []string
	for _, c := range historyColumns {
		for i, h := range header {
			for _, want := range c.headers {
				if strings.EqualFold(strings.TrimSpace(h), want) {
					at[c.field] = i
				}
			}
		}
		if _, ok := at[c.field]; !ok && c.required {
			missing = append(missing, c.headers[1])
		}
	}
	if len(missing) > 0 {
		return nil, apperr.Fields(apperr.Field("file", "xlsx_missing_columns", map[string]any{"columns": strings.Join(missing, "、")}))
	}
	return at, nil
}

// parseDay reads a date as "2006-01-02", "2006/1/2" or an Excel serial number.
func parseDay(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.DateOnly, "2006/1/2", "2006-1-2"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	if serial, err := strconv.ParseFloat(s, 64); err == nil && serial > 0 && serial < 2958466 {
		t, err := excelize.ExcelDateToTime(serial, false)
		return t.UTC().Truncate(24 * time.Hour), err == nil
	}
	return time.Time{}, false
}

// parseFlag reads yes or no ("是", "1", "true", "y"); empty is no.
func parseFlag(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "否", "0", "false", "n", "no":
		return false, nil
	case "是", "1", "true", "y", "yes":
		return true, nil
	}
	return false, fmt.Errorf("not a yes or no: %q", s)
}
