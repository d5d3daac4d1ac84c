package ticket

import (
	"strconv"
	"testing"

	"github.com/shejian/shejian/internal/store/storetest"
)

// BenchmarkRecordTicket records one ticket at a time, as the form and the API do: checks,
// lot, repeat lookup, holdings and capture of its two events.
func BenchmarkRecordTicket(b *testing.B) {
	for _, d := range storetest.Engines {
		b.Run(string(d), func(b *testing.B) {
			w := newWorld(b, storetest.Open(b, d))
			w.mustRecord(b, system(), w.certificate("HG-1", "B1", 1e9))
			ctx := w.operator(market)
			b.ResetTimer()
			for i := range b.N {
				w.mustRecord(b, ctx, w.ticket("T"+strconv.Itoa(i), w.registered(farm), w.registered(retailer), "B1", 1, "公斤"))
			}
		})
	}
}

// BenchmarkImport records a workbook of 1,000 tickets of one lot as one document.
func BenchmarkImport(b *testing.B) {
	for _, d := range storetest.Engines {
		b.Run(string(d), func(b *testing.B) {
			w := newWorld(b, storetest.Open(b, d))
			w.mustRecord(b, system(), w.certificate("HG-1", "B1", 1e9))
			header := []any{"票号", "日期", "卖方统一社会信用代码", "买方统一社会信用代码", "品名", "批次号", "数量", "单位"}
			b.ResetTimer()
			for n := range b.N {
				rows := [][]any{header}
				for i := range 1000 {
					rows = append(rows, []any{"N" + strconv.Itoa(n) + "-" + strconv.Itoa(i), "2025-12-01", w.usccs[farm], w.usccs[retailer], "菠菜", "B1", 1, "公斤"})
				}
				data := mustWorkbook(b, map[string][][]any{"一票通": rows})
				if res, err := w.rec.Import(system(), data); err != nil || len(res.Problems) > 0 || res.Stored != 2000 {
					b.Fatalf("import: %v %+v", err, res.Problems)
				}
			}
		})
	}
}
