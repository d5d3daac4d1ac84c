package inspect

import (
	"strconv"
	"testing"

	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestWorkspace checks what a phone downloads for the day: the caller's open inspections
// in full with their template, business and areas, and nothing of other inspectors' or of
// signed ones.
func TestWorkspace(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newInspectCity(t, st)
		open := c.newDaily(t, uuidN(1), Daily)
		c.mustSignedInspection(t, uuidN(2))
		day := c.svc.now().In(calendar.China)

		w, err := c.svc.Workspace(c.officer(0), day)
		if err != nil {
			t.Fatal(err)
		}
		if len(w.Tasks) != 1 || w.Tasks[0].UUID != open.UUID || len(w.Tasks[0].Inspectors) != 2 {
			t.Fatalf("tasks %+v: want only the open inspection %s with its two inspectors", w.Tasks, open.UUID)
		}
		tpl := w.Templates[strconv.FormatInt(open.TemplateID, 10)]
		if tpl == nil || len(tpl.Items) != len(c.template.Items) {
			t.Fatalf("templates %v: want version %d with its %d items", w.Templates, open.TemplateID, len(c.template.Items))
		}
		if b := w.Businesses[strconv.FormatInt(c.shop, 10)]; b.Name == "" || b.Lat == 0 {
			t.Errorf("business %+v: want the shop with its position", b)
		}
		if len(w.Areas[tpl.Sector]) == 0 {
			t.Errorf("no areas for sector %s", tpl.Sector)
		}
		if w.Limits.EvidenceMaxBytes != DefaultMaxEvidence || w.Limits.CheckinMaxDistanceM <= 0 || len(w.Limits.EvidenceTypes) != 3 {
			t.Errorf("limits %+v", w.Limits)
		}
		if w.User.Login != "officer0" || w.Day != day.Format("2006-01-02") {
			t.Errorf("user %+v, day %s", w.User, w.Day)
		}

		other, err := c.svc.Workspace(c.officer(2), day)
		if err != nil || len(other.Tasks) != 0 {
			t.Errorf("an officer not seated on any: %d tasks, %v", len(other.Tasks), err)
		}
	})
}
