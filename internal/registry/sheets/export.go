package sheets

import (
	"context"
	"fmt"
	"reflect"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/registry"
)

// MaxExportRows is the most businesses one export holds: a worksheet's rows less the header.
const MaxExportRows = excelize.TotalRows - 1

// ExportOptions say what the caller's jurisdiction allows an export to hold.
type ExportOptions struct {
	OutOfScope bool // the filter asks outside the caller's scope: the workbook has headers only
	Unmasked   bool // the caller's role needs phone numbers unmasked
}

// Export writes every business matching filter, in id order, to a workbook with the
// template's columns framed by the id, the status and the district and station names, so
// that an export can be edited and imported again. Rows are streamed to a temporary file,
// not held in memory.
func Export(ctx context.Context, businesses *registry.BusinessStore, filter registry.BusinessFilter, opts ExportOptions) (*Workbook, error) {
	f, err := newWorkbook(DataSheet)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	t, err := newTableStream(f, DataSheet, tableColumns(exportColumns))
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("export: %w", err)
	}
	values := make([]any, len(exportColumns))
	each := businesses.Each
	if opts.OutOfScope {
		each = func(context.Context, registry.BusinessFilter, func(*registry.Business) error) error { return nil }
	}
	err = each(ctx, filter, func(b *registry.Business) error {
		if t.rows == MaxExportRows {
			return apperr.New(apperr.Invalid, "sheets.export_too_large", map[string]any{"max": MaxExportRows})
		}
		if !opts.Unmasked {
			b.MaskPersonal()
		}
		v := reflect.ValueOf(b)
		for i, c := range exportColumns {
			values[i] = c.value(v)
		}
		return t.add(values)
	})
	if err == nil {
		err = t.flush()
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("export: %w", err)
	}
	return &Workbook{f: f, Rows: t.rows}, nil
}

// tableColumns describes cols for a streamed table.
func tableColumns(cols []column) []tableColumn {
	out := make([]tableColumn, len(cols))
	for i, c := range cols {
		out[i] = tableColumn{Title: c.Header(), Width: c.width(), Text: c.Text, Required: c.Required}
	}
	return out
}
