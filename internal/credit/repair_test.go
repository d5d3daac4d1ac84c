package credit

import (
	"context"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// repairOf is a complete request about record id.
func repairOf(id int64) RepairInput {
	return RepairInput{RecordID: id, Reason: "已整改到位", Evidence: "罚款缴纳凭证、整改报告", ObligationsFulfilled: true, HarmRemedied: true}
}

func TestRepairConditionsEachRefused(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		city := mustCity(t, st, "2026-06-01")
		bureau := city.districtCtx()
		published := func(shop int64, doc, decided, on string, yuan float64, m ...Measure) Record {
			r := city.mustAdd(t, bureau, penalty(shop, doc, decided, yuan, m...))
			return city.mustAct(t, bureau, r.ID, ActionPublish, on)
		}
		recent, _ := city.mustBusiness(t)
		tooSoon := published(recent, "罚1", "2025-07-01", "2025-07-10", 80000)
		suspended, _ := city.mustBusiness(t)
		severe := published(suspended, "罚2", "2024-05-01", "2024-05-10", 0, MeasureSuspension)
		repeated, _ := city.mustBusiness(t)
		old := published(repeated, "罚3", "2024-05-01", "2024-05-10", 80000)
		published(repeated, "罚4", "2025-05-01", "2025-05-10", 5000)
		listed, _ := city.mustBusiness(t)
		onList := published(listed, "罚5", "2024-05-01", "2024-05-10", 80000)
		abnormal := city.mustAdd(t, bureau, RecordInput{BusinessID: listed, Kind: KindAbnormalOperation, DocumentNumber: "异1", DecidedOn: "2026-01-06", Reason: "通过登记的住所无法联系"})
		unpublished := city.mustAdd(t, bureau, penalty(listed, "罚6", "2026-05-20", 80000))
		tests := []struct {
			name        string
			in          RepairInput
			field, rule string
		}{
			{"before the minimum period", repairOf(tooSoon.ID), "record_id", "credit_repair_min_period"},
			{"a suspension never stops early", repairOf(severe.ID), "record_id", "credit_repair_irreparable"},
			{"a later penalty of the same violation", repairOf(old.ID), "record_id", "credit_repair_repeat"},
			{"on the abnormal-operation list", repairOf(onList.ID), "record_id", "credit_repair_listed"},
			{"not yet published", repairOf(unpublished.ID), "record_id", "credit_repair_not_public"},
			{"a listing is removed, not repaired", repairOf(abnormal.ID), "record_id", "credit_repair_kind"},
			{"obligations not declared", RepairInput{RecordID: tooSoon.ID, Reason: "x", Evidence: "y", HarmRemedied: true}, "obligations_fulfilled", "credit_repair_declaration"},
			{"no evidence", RepairInput{RecordID: tooSoon.ID, Reason: "x", ObligationsFulfilled: true, HarmRemedied: true}, "evidence", "required"},
			{"no such record", repairOf(999999), "record_id", "not_found"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := city.svc.RequestRepair(bureau, tt.in)
				if !hasField(err, tt.field, tt.rule) {
					t.Fatalf("got %v, want %s %s", err, tt.field, tt.rule)
				}
			})
		}
	})
}

func TestRepairDecisionIsFinal(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		city := mustCity(t, st, "2026-06-01")
		bureau := audit.WithActor(city.districtCtx(), audit.Actor{Login: "district"})
		shop, uscc := city.mustBusiness(t)
		other, _ := city.mustBusiness(t)
		p := city.mustAdd(t, bureau, penalty(shop, "罚1", "2025-03-01", 80000))
		city.mustAct(t, bureau, p.ID, ActionPublish, "2025-03-10")
		q := city.mustAdd(t, bureau, penalty(other, "罚2", "2025-03-01", 80000))
		city.mustAct(t, bureau, q.ID, ActionPublish, "2025-03-10")

		if _, err := city.svc.RequestRepair(operatorCtx(other), repairOf(p.ID)); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("an operator asks about another's record: %v", err)
		}
		rp, err := city.svc.RequestRepair(operatorCtx(shop), repairOf(p.ID))
		if err != nil || rp.Status != RepairPending {
			t.Fatalf("request: %+v %v", rp, err)
		}
		if _, err := city.svc.RequestRepair(operatorCtx(shop), repairOf(p.ID)); !hasField(err, "record_id", "credit_repair_pending") {
			t.Errorf("second pending request: %v", err)
		}
		if pub, _ := city.svc.Public(context.Background(), uscc); len(pub.Records) != 1 {
			t.Errorf("before repair the public sees %+v", pub)
		}
		if _, err := city.svc.Decide(bureau, rp.ID, Decision{}); !hasField(err, "reason", "required") {
			t.Errorf("a rejection without reason: %v", err)
		}
		done, err := city.svc.Decide(bureau, rp.ID, Decision{Approve: true, Reason: "符合第十四条"})
		if err != nil || done.Status != RepairApproved || done.DecidedBy != "district" {
			t.Fatalf("approve: %+v %v", done, err)
		}
		if _, err := city.svc.Decide(bureau, rp.ID, Decision{Reason: "改判"}); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("a second decision: %v, want 409", err)
		}
		if _, err := st.DB().ExecContext(context.Background(), `UPDATE credit_repairs SET status = 'rejected' WHERE id = $1`, rp.ID); err == nil {
			t.Errorf("the database let a decided request change")
		}
		f, err := city.svc.File(bureau, shop)
		if err != nil || f.Records[0].State != StateRepaired || f.Class.Class != "A" || f.Repairs[0].Status != RepairApproved {
			t.Errorf("file after repair: %+v %v", f, err)
		}
		if pub, _ := city.svc.Public(context.Background(), uscc); len(pub.Records) != 0 {
			t.Errorf("after repair the public still sees %+v", pub.Records)
		}
		if changes := classEntries(t, st); changes[len(changes)-1].Class != "A" {
			t.Errorf("no class change to A journaled: %+v", changes)
		}
	})
}

func TestEarlyRemovalFromTheSeriousList(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		city := mustCity(t, st, "2026-06-01")
		bureau := city.districtCtx()
		shop, _ := city.mustBusiness(t)
		heavy := city.mustAdd(t, bureau, penalty(shop, "罚1", "2025-01-01", 500000, MeasureFine, MeasureLicenceRevoked))
		young := city.mustAdd(t, bureau, RecordInput{BusinessID: shop, Kind: KindSeriousDishonesty, DocumentNumber: "失信1", DecidedOn: "2025-06-02", Reason: "性质恶劣", PenaltyID: &heavy.ID})
		if young.PublicityMonths != 36 {
			t.Errorf("listing term %d months", young.PublicityMonths)
		}
		if f, _ := city.svc.File(bureau, shop); f.Class.Class != "D" {
			t.Errorf("listed business class %s", f.Class.Class)
		}
		if _, err := city.svc.RequestRepair(operatorCtx(shop), repairOf(young.ID)); !hasField(err, "record_id", "credit_repair_min_period") {
			t.Errorf("early removal before a year: %v", err)
		}
		city.svc.now = func() time.Time { return day("2026-06-02").Add(time.Hour) }
		rp, err := city.svc.RequestRepair(operatorCtx(shop), repairOf(young.ID))
		if err != nil {
			t.Fatalf("early removal after a year: %v", err)
		}
		if _, err := city.svc.Decide(bureau, rp.ID, Decision{Approve: true}); err != nil {
			t.Fatal(err)
		}
		if f, _ := city.svc.File(bureau, shop); f.Class.Class != "C" || f.Records[1].State != StateRepaired {
			t.Errorf("after early removal: class %s, listing %s", f.Class.Class, f.Records[1].State)
		}
	})
}
