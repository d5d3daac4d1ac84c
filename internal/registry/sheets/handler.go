package sheets

import (
	"context"
	"embed"
	"fmt"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/web"
)

//go:embed templates locale
var files embed.FS

func init() { i18n.MustRegister(files, "locale") }

// Handler serves the import page, the downloads and their API.
type Handler struct {
	st         *store.Store
	businesses *registry.BusinessStore
	orgs       *registry.OrgStore
	importer   *Importer
	reports    *ReportStore
	page       *web.Page
	// importing admits one import at a time: each holds its rows in memory and the
	// database's writer for its whole transaction.
	importing chan struct{}
}

// NewHandler returns the handler over st and the registry's stores.
func NewHandler(st *store.Store, businesses *registry.BusinessStore, orgs *registry.OrgStore) *Handler {
	return &Handler{
		st: st, businesses: businesses, orgs: orgs,
		importer: NewImporter(businesses), reports: NewReportStore(st),
		page:      web.MustPage(files, "templates/import.html"),
		importing: make(chan struct{}, 1),
	}
}

// Routes registers the import and export pages and API.
func (h *Handler) Routes(r *web.Router) {
	r.Handle("GET /businesses/import", access.BusinessImport, "Form to import businesses from xlsx", h.importForm)
	r.Handle("POST /businesses/import", access.BusinessImport, "Import businesses from an uploaded xlsx", h.importSubmit)
	r.Handle("GET /businesses/import/template", access.BusinessImport, "Download the xlsx import template", h.template)
	r.Handle("GET /businesses/import/reports/{id}", access.BusinessImport, "Download the report of a refused import", h.report)
	r.Handle("GET /businesses/export", access.BusinessExport, "Export the filtered businesses to xlsx", h.export)
	r.Handle("POST /api/v1/businesses/import", access.BusinessImport, "Import businesses from xlsx (multipart field file, or an xlsx body)", h.apiImport)
	r.Handle("GET /api/v1/businesses/import-template", access.BusinessImport, "Download the xlsx import template", h.template)
	r.Handle("GET /api/v1/businesses/export", access.BusinessExport, "Export the filtered businesses to xlsx", h.export)
}

// importUpload reads the uploaded workbook, imports it and, when rows were refused, saves their
// report and returns its id.
func (h *Handler) importUpload(w http.ResponseWriter, r *http.Request) (*Result, string, error) {
	up, err := readUpload(w, r)
	if err != nil {
		return nil, "", err
	}
	return h.run(r.Context(), up)
}

// run imports an upload and, when rows were refused, saves their report.
func (h *Handler) run(ctx context.Context, up *upload) (*Result, string, error) {
	user := web.UserFrom(ctx)
	if user == nil {
		return nil, "", apperr.New(apperr.Unauthorized, "error.unauthorized", nil)
	}
	select {
	case h.importing <- struct{}{}:
		defer func() { <-h.importing }()
	case <-ctx.Done():
		return nil, "", fmt.Errorf("wait to import: %w", ctx.Err())
	}
	start := time.Now()
	stations, err := h.stationsInScope(ctx)
	if err != nil {
		return nil, "", err
	}
	res, err := h.importer.Import(ctx, up.Data, func(id int64) bool { return stations[id] })
	if err != nil {
		return nil, "", err
	}
	slog.InfoContext(ctx, "import businesses", "file", up.Name, "rows", res.Rows, "imported", res.Imported, "errors", len(res.Errors), "took", time.Since(start))
	if len(res.Errors) == 0 {
		return res, "", nil
	}
	id, err := h.reports.Save(ctx, user.ID, up.Name, res)
	return res, id, err
}

func (h *Handler) template(w http.ResponseWriter, r *http.Request) {
	var places Places
	var err error
	if places.Districts, err = h.orgs.List(r.Context(), registry.OrgDistrict, 0); err != nil {
		web.Fail(w, r, err)
		return
	}
	if places.Stations, err = h.orgs.List(r.Context(), registry.OrgStation, 0); err != nil {
		web.Fail(w, r, err)
		return
	}
	places.Districts, places.Stations = registry.InScope(r.Context(), places.Districts), registry.InScope(r.Context(), places.Stations)
	wb, err := Template(web.LangFrom(r.Context()), places)
	send(w, r, wb, err, "主体导入模板.xlsx", "business-import-template.xlsx")
}

func (h *Handler) export(w http.ResponseWriter, r *http.Request) {
	filter, err := registry.FilterFromQuery(r.URL.Query())
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	ctx := r.Context()
	unmasked := access.Can(web.UserFrom(ctx), access.PersonalData)
	opts := ExportOptions{OutOfScope: !registry.ScopeFilter(ctx, &filter), Unmasked: unmasked}
	wb, err := Export(ctx, h.businesses, filter, opts)
	if err == nil {
		slog.InfoContext(ctx, "export businesses", "rows", wb.Rows, "filter", r.URL.RawQuery)
		// An export carries the registry out of the system: who took what is audited.
		err = audit.RecordOwnTx(ctx, h.st, audit.Event{Action: "export", ObjectType: "business", ObjectID: r.URL.RawQuery,
			After: map[string]any{"rows": wb.Rows, "unmasked": unmasked}})
	}
	stamp := time.Now().Format("20060102-150405")
	send(w, r, wb, err, "主体名录-"+stamp+".xlsx", "businesses-"+stamp+".xlsx")
}

func (h *Handler) report(w http.ResponseWriter, r *http.Request) {
	user := web.UserFrom(r.Context())
	if user == nil {
		web.Fail(w, r, apperr.New(apperr.Unauthorized, "error.unauthorized", nil))
		return
	}
	id := r.PathValue("id")
	rep, err := h.reports.Get(r.Context(), id, user.ID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	wb, err := ReportWorkbook(web.LangFrom(r.Context()), rep)
	source := strings.TrimSuffix(path.Base(strings.ReplaceAll(rep.FileName, `\`, "/")), ".xlsx")
	send(w, r, wb, err, "导入错误报告-"+source+".xlsx", "import-report-"+id+".xlsx")
}

// send writes a built workbook as a download, or the error that kept it from being built.
func send(w http.ResponseWriter, r *http.Request, wb *Workbook, err error, name, fallback string) {
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	defer wb.Close()
	setDownload(w, name, fallback)
	if _, err := wb.WriteTo(w); err != nil {
		slog.ErrorContext(r.Context(), "send workbook", "name", fallback, "err", err)
	}
}

// stationsInScope is the set of stations the caller may place businesses at.
func (h *Handler) stationsInScope(ctx context.Context) (map[int64]bool, error) {
	stations, err := h.orgs.List(ctx, registry.OrgStation, 0)
	if err != nil {
		return nil, err
	}
	set := map[int64]bool{}
	for _, s := range registry.InScope(ctx, stations) {
		set[s.ID] = true
	}
	return set, nil
}
