package journal_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

type business struct {
	Name  string `json:"name"`
	Grade string `json:"grade"`
}

func TestAppendDeliversPayload(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		at := time.Date(2025, 3, 1, 8, 30, 0, 0, time.FixedZone("CST", 8*3600))
		var id int64
		err := s.Tx(context.Background(), func(tx *sql.Tx) (err error) {
			id, err = journal.Append(context.Background(), tx, journal.Entry{Topic: "registry.business.created",
				Key: "42", Payload: business{Name: "老王面馆", Grade: "B"}, CreatedAt: at})
			return err
		})
		if err != nil {
			t.Fatalf("append: %v", err)
		}
		var got []journal.Entry
		d := journal.NewDispatcher(s, journal.Options{})
		d.Subscribe("probe", []string{"registry.*"}, func(_ context.Context, _ *sql.Tx, e journal.Entry) error {
			got = append(got, e)
			return nil
		})
		mustDrain(t, d)
		if len(got) != 1 {
			t.Fatalf("delivered %d entries, want 1", len(got))
		}
		e := got[0]
		var b business
		if err := e.Decode(&b); err != nil {
			t.Fatalf("decode: %v", err)
		}
		if e.ID != id || e.Topic != "registry.business.created" || e.Key != "42" || !e.CreatedAt.Equal(at) || b.Name != "老王面馆" || b.Grade != "B" {
			t.Errorf("delivered %+v payload %+v, want id %d at %v", e, b, id, at)
		}
	})
}

func TestAppendRolledBackIsNeverDelivered(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := s.Tx(ctx, func(tx *sql.Tx) error {
			if _, err := journal.Append(ctx, tx, journal.Entry{Topic: "registry.business.created"}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("tx: got %v, want boom", err)
		}
		kept := mustAppend(t, s, "registry.business.created", "", nil)
		mustSeenTable(t, s)
		d := journal.NewDispatcher(s, journal.Options{})
		d.Subscribe("seen", []string{"*"}, recordSeen("seen"))
		mustDrain(t, d)
		wantOnce(t, mustSeen(t, s, "seen"), []int64{kept})
	})
}

func TestAppendRejectsEmptyTopic(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		err := s.Tx(context.Background(), func(tx *sql.Tx) error {
			_, err := journal.Append(context.Background(), tx, journal.Entry{})
			return err
		})
		if err == nil {
			t.Fatal("want an error for an empty topic")
		}
	})
}

func TestSubscribeTopics(t *testing.T) {
	topics := []string{"registry.business.created", "registry.business.closed", "registry.person.created", "inspect.signed", "registry_x.created"}
	cases := []struct {
		name     string
		patterns []string
		want     []int // indexes into topics
	}{
		{"exact", []string{"registry.business.created"}, []int{0}},
		{"prefix", []string{"registry.business.*"}, []int{0, 1}},
		{"prefix stops at the dot", []string{"registry.*"}, []int{0, 1, 2}},
		{"several", []string{"inspect.signed", "registry.person.*"}, []int{2, 3}},
		{"all", []string{"*"}, []int{0, 1, 2, 3, 4}},
		{"case-sensitive", []string{"Registry.*"}, nil},
	}
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		ids := make([]int64, len(topics))
		for i, topic := range topics {
			ids[i] = mustAppend(t, s, topic, "", nil)
		}
		mustSeenTable(t, s)
		d := journal.NewDispatcher(s, journal.Options{})
		for _, c := range cases {
			d.Subscribe(c.name, c.patterns, recordSeen(c.name))
		}
		mustDrain(t, d)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				var want []int64
				for _, i := range c.want {
					want = append(want, ids[i])
				}
				wantOnce(t, mustSeen(t, s, c.name), want)
			})
		}
	})
}

func TestSubscribePanicsOnMistakes(t *testing.T) {
	nop := func(context.Context, *sql.Tx, journal.Entry) error { return nil }
	cases := []struct {
		name   string
		sub    string
		topics []string
		h      journal.Handler
	}{
		{"no name", "", []string{"*"}, nop},
		{"no handler", "x", []string{"*"}, nil},
		{"no topics", "x", nil, nop},
		{"empty topic", "x", []string{""}, nop},
		{"star inside", "x", []string{"registry.*.created"}, nop},
		{"name taken", "taken", []string{"*"}, nop},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := journal.NewDispatcher(nil, journal.Options{})
			d.Subscribe("taken", []string{"*"}, nop)
			defer func() {
				if recover() == nil {
					t.Errorf("Subscribe(%q, %v) did not panic", c.sub, c.topics)
				}
			}()
			d.Subscribe(c.sub, c.topics, c.h)
		})
	}
}
