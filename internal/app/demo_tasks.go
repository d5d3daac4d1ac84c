package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/demo"
	"github.com/shejian/shejian/internal/inspect"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
)

// demoTaskCount is how many inspections the demo inspector finds for today.
const demoTaskCount = 3

// planDemoTasks gives the demo inspector (login "inspector") today's tasks (今日检查任务), so
// that the phone workspace (/m/) has work to show: daily inspections of open businesses of
// the inspector's station from the annual plan — the demo operator's business first — each
// seated with a colleague of the station; n of them, visiting a business again on a later
// round when the station has fewer. The UUIDs derive from the day, the business and the
// round, so planning again on the same day adds nothing; it returns the UUIDs.
func (a *App) planDemoTasks(ctx context.Context, day time.Time, n int) ([]string, error) {
	users := access.NewUsers(a.Store)
	inspector, err := users.ByLogin(ctx, "inspector")
	if err != nil {
		return nil, fmt.Errorf("demo tasks: %w", err)
	}
	operator, err := users.ByLogin(ctx, "operator")
	if err != nil {
		return nil, fmt.Errorf("demo tasks: %w", err)
	}
	if inspector.PersonID == nil || operator.BusinessID == nil {
		return nil, errors.New("demo tasks: the demo accounts lack their person or business")
	}
	ids := demo.DemoIDs{StationID: inspector.OrgUnitID, InspectorID: *inspector.PersonID, BusinessID: *operator.BusinessID}
	ctx, err = a.Access.ActAs(ctx, inspector.ID)
	if err != nil {
		return nil, err
	}
	colleague, err := demoColleague(ctx, a.Store, ids)
	if err != nil {
		return nil, err
	}
	businesses, err := demoTaskBusinesses(ctx, a.Store, ids, n)
	if err != nil {
		return nil, err
	}
	if len(businesses) == 0 {
		return nil, fmt.Errorf("demo tasks: station %d has no open business with a checklist", ids.StationID)
	}
	var uuids []string
	for i := range n {
		b := businesses[i%len(businesses)]
		sector, _ := inspect.SectorOf(b.category)
		t, ok, err := a.Templates.Current(ctx, sector, "")
		if err != nil || !ok {
			return nil, fmt.Errorf("demo tasks: no %s checklist: %w", sector, err)
		}
		uuid := inspect.NamedUUID(fmt.Sprintf("demo-task/%s/%d/%d", day.Format(time.DateOnly), b.id, i/len(businesses)))
		_, _, err = a.Inspections.Create(ctx, uuid, inspect.NewInspection{Source: inspect.FromPlan, SourceRef: "demo-plan/" + day.Format(time.DateOnly),
			Kind: inspect.Daily, BusinessID: b.id, TemplateID: t.ID, PlannedOn: day.Format(time.DateOnly),
			Inspectors: []int64{ids.InspectorID, colleague}})
		if err != nil {
			return nil, fmt.Errorf("demo task at business %d: %w", b.id, err)
		}
		uuids = append(uuids, uuid)
	}
	return uuids, nil
}

// demoColleague is another active enforcement officer of the inspector's station.
func demoColleague(ctx context.Context, st *store.Store, ids demo.DemoIDs) (int64, error) {
	var id int64
	err := st.ReadDB().QueryRowContext(ctx, `SELECT id FROM people WHERE org_unit_id = $1 AND id <> $2
		AND role_kind = $3 AND active ORDER BY id LIMIT 1`, ids.StationID, ids.InspectorID, string(registry.RoleEnforcement)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("demo tasks: station %d has no second enforcement officer", ids.StationID)
	}
	return id, store.Normalize(err)
}

type demoTaskBusiness struct {
	id       int64
	category registry.CategoryCode
}

// demoTaskBusinesses are the demo business and the next open shops and eateries of the
// station, at most n in all.
func demoTaskBusinesses(ctx context.Context, st *store.Store, ids demo.DemoIDs, n int) ([]demoTaskBusiness, error) {
	rows, err := st.ReadDB().QueryContext(ctx, `SELECT id, category FROM businesses
		WHERE station_id = $1 AND status = 'open' AND category IN ('catering', 'sales', 'small_eatery')
		ORDER BY id <> $2, id LIMIT $3`, ids.StationID, ids.BusinessID, n)
	if err != nil {
		return nil, fmt.Errorf("demo task businesses: %w", store.Normalize(err))
	}
	defer rows.Close()
	var out []demoTaskBusiness
	for rows.Next() {
		var b demoTaskBusiness
		if err := rows.Scan(&b.id, &b.category); err != nil {
			return nil, fmt.Errorf("demo task businesses: %w", err)
		}
		out = append(out, b)
	}
	return out, store.Normalize(rows.Err())
}
