package credit

import (
	"context"
	"database/sql"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// recordEntries reads the payloads of the TopicRecordChanged entries, oldest first.
func recordEntries(t *testing.T, st *store.Store) []RecordChanged {
	t.Helper()
	rows, err := st.DB().QueryContext(context.Background(), `SELECT payload FROM journal_entries WHERE topic = $1 ORDER BY id`, TopicRecordChanged)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []RecordChanged
	for rows.Next() {
		var raw string
		var c RecordChanged
		if err := rows.Scan(&raw); err != nil || json.Unmarshal([]byte(raw), &c) != nil {
			t.Fatalf("payload %q: %v", raw, err)
		}
		out = append(out, c)
	}
	return out
}

// TestRecordChangesAreAnnounced: entering a record, removing a listing, repairing one early
// and revoking a penalty each announce the record as it then stands: a listing with the
// first day it no longer runs (its term, or the removal or repair), a penalty with its
// revocation.
func TestRecordChangesAreAnnounced(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		city := mustCity(t, st, "2026-06-01")
		bureau := audit.WithActor(city.districtCtx(), audit.Actor{Login: "district"})
		shop, _ := city.mustBusiness(t)
		heavy := city.mustAdd(t, bureau, penalty(shop, "罚1", "2025-01-01", 500000, MeasureFine, MeasureLicenceRevoked))
		serious := city.mustAdd(t, bureau, RecordInput{BusinessID: shop, Kind: KindSeriousDishonesty, DocumentNumber: "失信1",
			DecidedOn: "2025-06-02", Reason: "性质恶劣", PenaltyID: &heavy.ID})
		abnormal := city.mustAdd(t, bureau, RecordInput{BusinessID: shop, Kind: KindAbnormalOperation, DocumentNumber: "异常1",
			DecidedOn: "2026-01-05", Reason: "未按规定公示年报"})
		city.mustAct(t, bureau, abnormal.ID, ActionRemove, "2026-03-01")
		city.svc.now = func() time.Time { return day("2026-06-02").Add(time.Hour) }
		rp, err := city.svc.RequestRepair(operatorCtx(shop), repairOf(serious.ID))
		if err == nil {
			_, err = city.svc.Decide(bureau, rp.ID, Decision{Approve: true})
		}
		if err != nil {
			t.Fatal(err)
		}
		city.mustAct(t, bureau, heavy.ID, ActionRevoke, "2026-06-02")

		fact := func(r Record, until, revoked string) RecordChanged {
			return RecordChanged{RecordID: r.ID, BusinessID: shop, Kind: r.Kind, DocumentNumber: r.DocumentNumber,
				DecidedOn: r.DecidedOn.Format(time.DateOnly), ListedUntil: until, RevokedOn: revoked}
		}
		want := []RecordChanged{
			fact(heavy, "", ""),
			fact(serious, "2028-06-02", ""), // its three-year term
			fact(abnormal, "", ""),          // runs until removed
			fact(abnormal, "2026-03-01", ""),
			fact(serious, "2026-06-02", ""), // repaired early
			fact(heavy, "", "2026-06-02"),
		}
		if got := recordEntries(t, st); !reflect.DeepEqual(got, want) {
			t.Errorf("announced\n%+v\nwant\n%+v", got, want)
		}
	})
}

// TestRecordsEnteredBeforeAreAnnounced: migration 0035's step announces every record once,
// as it stands, for a file whose records were entered before the announcements.
func TestRecordsEnteredBeforeAreAnnounced(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		city := mustCity(t, st, "2026-06-01")
		bureau := audit.WithActor(city.districtCtx(), audit.Actor{Login: "district"})
		shop, _ := city.mustBusiness(t)
		fine := city.mustAdd(t, bureau, penalty(shop, "罚1", "2025-01-01", 5000, MeasureFine))
		abnormal := city.mustAdd(t, bureau, RecordInput{BusinessID: shop, Kind: KindAbnormalOperation, DocumentNumber: "异常1",
			DecidedOn: "2026-01-05", Reason: "未按规定公示年报"})
		city.mustAct(t, bureau, abnormal.ID, ActionRemove, "2026-03-01")
		city.mustAct(t, bureau, fine.ID, ActionRevoke, "2026-04-02")
		if _, err := st.DB().ExecContext(ctx, `DELETE FROM journal_entries WHERE topic = $1`, TopicRecordChanged); err != nil {
			t.Fatal(err)
		}
		if err := st.Tx(ctx, func(tx *sql.Tx) error { return announceAll(ctx, tx, st.Dialect()) }); err != nil {
			t.Fatal(err)
		}
		want := []RecordChanged{
			{RecordID: fine.ID, BusinessID: shop, Kind: KindPenalty, DocumentNumber: "罚1", DecidedOn: "2025-01-01", RevokedOn: "2026-04-02"},
			{RecordID: abnormal.ID, BusinessID: shop, Kind: KindAbnormalOperation, DocumentNumber: "异常1", DecidedOn: "2026-01-05", ListedUntil: "2026-03-01"},
		}
		if got := recordEntries(t, st); !reflect.DeepEqual(got, want) {
			t.Errorf("announced\n%+v\nwant\n%+v", got, want)
		}
	})
}
