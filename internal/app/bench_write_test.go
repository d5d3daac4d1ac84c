package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/registry"
)

// BenchmarkBusinessWrite times an edit of a business through the whole stack, as a
// district admin sends it: PUT /api/v1/businesses/{id} with a bearer token (token, account
// and scope lookup, the edit with its journal and audit entries, the JSON answer). With
// BenchmarkUpdateAudit of internal/registry, which times what the audit entry itself adds
// to the edit, it gives the share of a write that auditing costs:
//
//	SHEJIAN_BENCH_DB=sqlite:/tmp/province.db go test -run - -bench BusinessWrite -benchtime 1x ./internal/app
func BenchmarkBusinessWrite(b *testing.B) {
	ctx := context.Background()
	a := benchApp(b)
	sample, err := sampleBusinesses(ctx, a.Store, 1000, 2)
	if err != nil {
		b.Fatal(err)
	}
	tokens := map[int64]string{}
	var lat []time.Duration
	edit := func(biz *registry.Business) {
		token := tokens[biz.DistrictID]
		if token == "" {
			token = benchToken(b, a, fmt.Sprintf("bench-district-%d", biz.DistrictID), access.RoleDistrictAdmin, biz.DistrictID)
			tokens[biz.DistrictID] = token
		}
		biz.FloorArea++
		data, err := json.Marshal(biz.Input())
		if err != nil {
			b.Fatal(err)
		}
		r := httptest.NewRequest("PUT", fmt.Sprintf("/api/v1/businesses/%d", biz.ID), bytes.NewReader(data))
		r.Header.Set("Authorization", "Bearer "+token)
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		start := time.Now()
		a.Handler.ServeHTTP(w, r)
		lat = append(lat, time.Since(start))
		if w.Code != http.StatusOK {
			b.Fatalf("PUT business %d: %d %s", biz.ID, w.Code, w.Body)
		}
	}
	for _, biz := range sample[:100] { // warm the cache and create the accounts
		edit(biz)
	}
	lat = lat[:0]
	for b.Loop() {
		for _, biz := range sample {
			edit(biz)
		}
	}
	reportPercentiles(b, map[string][]time.Duration{"put": lat})
}
