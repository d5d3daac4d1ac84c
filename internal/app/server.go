// Package app is the composition root: it opens the store, wires every capability into one
// HTTP handler and runs the server and the journal dispatcher until interrupted.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/credit"
	"github.com/shejian/shejian/internal/draw"
	"github.com/shejian/shejian/internal/enforce"
	casedocs "github.com/shejian/shejian/internal/enforce/documents"
	"github.com/shejian/shejian/internal/inspect"
	"github.com/shejian/shejian/internal/inspect/documents"
	"github.com/shejian/shejian/internal/inspect/phone"
	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/registry/sheets"
	"github.com/shejian/shejian/internal/risk"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/trace"
	"github.com/shejian/shejian/internal/trace/export"
	"github.com/shejian/shejian/internal/trace/graph"
	"github.com/shejian/shejian/internal/trace/journey"
	"github.com/shejian/shejian/internal/trace/ticket"
	"github.com/shejian/shejian/internal/web"
)

// MaxRequestBody bounds any request body; uploads are the largest legitimate bodies.
const MaxRequestBody = 64 << 20

// App is a wired instance of shejian over one store.
type App struct {
	Store      *store.Store
	Access     *access.Service
	Registry   *registry.Handler
	Dispatcher *journal.Dispatcher
	// TraceIndex is the in-memory trace index (追溯索引) every trace and recall reads; Serve
	// loads it from the database in the background, and its readers answer 503 until then.
	TraceIndex *graph.Index
	traceIndex *journey.Index
	// Templates are the checklist templates; Inspections the inspection lifecycle.
	Templates   *inspect.Service
	Inspections *inspect.Inspections
	// Enforcement runs rectifications and cases; Serve starts its daily escalation.
	Enforcement *enforce.Service
	Router      *web.Router
	Handler     http.Handler
	// grades are the risk grades and plans, whose targeting ranker Serve trains daily when
	// dailyTargeting is set (Options.DailyTargeting).
	grades         *risk.Service
	dailyTargeting bool
}

// Options configure the app beyond its database. The zero value works.
type Options struct {
	// EvidenceDir is where inspection evidence (photos, files) is stored; by default
	// "evidence" beside a SQLite file, or in the working directory on PostgreSQL.
	EvidenceDir string
	// DailyTargeting has Serve train the targeting ranker once the trace index is loaded and
	// after each midnight, so that the day's first visit to the targeting page does not
	// wait the seconds that takes (risk.Service.RunDailyTargeting). The serve and demo
	// commands set it; tests leave it off, as each server would otherwise spend those
	// seconds of processor time.
	DailyTargeting bool
}

// New wires every capability over st with the default options.
func New(st *store.Store) (*App, error) { return NewWith(st, Options{}) }

// NewWith wires every capability over st.
func NewWith(st *store.Store, opt Options) (*App, error) {
	a := &App{Store: st, Access: access.NewService(st), Registry: registry.NewHandler(st), dailyTargeting: opt.DailyTargeting}
	a.Dispatcher = journal.NewDispatcher(st, journal.Options{})
	book, err := rules.New(st)
	if err != nil {
		return nil, fmt.Errorf("load rules: %w", err)
	}
	a.Router = web.NewRouter(a.Access.Guard)
	a.Access.Routes(a.Router)
	a.Registry.Routes(a.Router)
	sheets.NewHandler(st, a.Registry.Businesses, a.Registry.Orgs).Routes(a.Router)
	rules.NewHandler(book).Routes(a.Router)
	audit.NewHandler(st).Routes(a.Router, access.AuditRead)
	events := trace.NewStore(st)
	trace.NewHandler(events).Routes(a.Router)
	ticket.NewHandler(st, events).Routes(a.Router)
	a.TraceIndex = graph.New()
	events.Feed(a.TraceIndex)
	a.traceIndex = journey.NewIndex(a.TraceIndex, events)
	journey.NewHandler(st, a.traceIndex).Routes(a.Router)
	export.NewHandler(export.NewExporter(st, events)).Routes(a.Router)
	draws := draw.NewStore(st, book, calendar.Default())
	draw.NewHandler(draws).Routes(a.Router)
	draws.Subscribe(a.Dispatcher)
	credits := credit.NewService(st, book, calendar.Default())
	credit.NewHandler(credits).Routes(a.Router)
	credits.Subscribe(a.Dispatcher)
	grades := risk.NewService(st, book)
	risk.NewHandler(grades).Routes(a.Router)
	grades.Subscribe(a.Dispatcher)
	a.grades = grades
	inspectSvc := inspect.NewService(st, book)
	// The shipped checklist templates are stored once, so that inspections have one per sector.
	if _, err := inspectSvc.SeedDefaults(context.Background()); err != nil {
		return nil, fmt.Errorf("store the default checklist templates: %w", err)
	}
	inspect.NewHandler(inspectSvc).Routes(a.Router)
	inspections := inspect.NewInspections(st, book, inspectSvc, inspect.Options{EvidenceDir: opt.EvidenceDir})
	a.Templates, a.Inspections = inspectSvc, inspections
	inspections.Subscribe(a.Dispatcher)
	inspect.NewInspectionHandler(inspections).Routes(a.Router)
	phone.Routes(a.Router)
	documents.NewHandler(documents.New(st, inspections, documents.Options{Rules: book})).Routes(a.Router)
	enforcement := enforce.NewService(st, book, calendar.Default())
	enforcement.Subscribe(a.Dispatcher)
	enforce.NewHandler(enforcement).Routes(a.Router)
	casedocs.NewHandler(casedocs.New(st, enforcement, casedocs.Options{Rules: book})).Routes(a.Router)
	a.Enforcement = enforcement
	a.opsRoutes()
	a.Handler = web.Chain(a.Router, web.Recover, web.Observe, web.SecurityHeaders, web.Locale, web.LimitBody(MaxRequestBody),
		trace.BindingHeaders, a.Access.Authenticate)
	return a, nil
}

func (a *App) opsRoutes() {
	a.Router.Handle("GET /healthz", web.Public, "Health: the database answers", a.healthz)
	a.Router.Mount("GET /metrics", promhttp.Handler())
	a.Router.Mount("GET /static/", web.StaticHandler())
	a.Router.Handle("GET /api/v1/openapi.json", web.Public, "This API's OpenAPI 3.1 description", serveOpenAPI)
}

func (a *App) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := a.Store.Ping(ctx); err != nil {
		slog.ErrorContext(ctx, "health check failed", "err", err)
		web.JSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "database": string(a.Store.Dialect())})
		return
	}
	web.JSON(w, http.StatusOK, map[string]string{"status": "ok", "database": string(a.Store.Dialect())})
}

// LoadTraceIndex loads the trace index from the database, logging its progress; a failure
// is logged, and the trace pages go on answering 503.
func (a *App) LoadTraceIndex(ctx context.Context) {
	if err := a.traceIndex.Load(ctx); err != nil && ctx.Err() == nil {
		slog.ErrorContext(ctx, "trace index not loaded: trace and recall stay unavailable", "err", err)
	}
}

// Serve listens on addr and serves until ctx ends, then shuts down gracefully: in-flight
// requests get up to 15 seconds. ready, when set, receives the bound address.
func (a *App) Serve(ctx context.Context, addr string, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           a.Handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	warnCalendarCoverage(time.Now())
	go a.Dispatcher.Run(ctx)
	go a.Enforcement.RunDailyEscalation(ctx)
	go func() {
		a.LoadTraceIndex(ctx)
		// Trained once the trace index is loaded, not beside it: on two cores training
		// would slow the load, and trace and recall answer 503 until it ends.
		if a.dailyTargeting {
			a.grades.RunDailyTargeting(ctx)
		}
	}()
	if ready != nil {
		ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
