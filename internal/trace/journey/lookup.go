package journey

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/trace/ticket"
)

// gs1Lot is the canonical GS1 Digital Link of a lot: GTIN, then batch or lot number (AI 10).
const gs1Lot = "https://id.gs1.org/01/"

var (
	// elementString is a GS1 element string of a GTIN and a batch, as printed under a
	// barcode: (01)06901234001013(10)251201H0000.
	elementString = regexp.MustCompile(`^\(01\)(\d{8,14})\(10\)(.+)$`)
	// gtinAndBatch is a GTIN and a batch number typed apart: 06901234001013 251201H0000.
	gtinAndBatch = regexp.MustCompile(`^(\d{8}|\d{12,14})[\s/]+(\S+)$`)
)

// canonicalLot reads what a user typed as a lot identifier (批次): an LGTIN URN, a GS1
// Digital Link on any domain, a GS1 element string, a GTIN and a batch number, or one of
// our URNs (urn:shejian:lot:…), in the canonical form the trace index holds. ok is false
// for a bare batch number, which names no lot by itself.
func canonicalLot(input string) (id string, ok bool) {
	s := strings.TrimSpace(input)
	if m := elementString.FindStringSubmatch(s); m != nil {
		return gs1LotLink(m[1], m[2]), true
	}
	if m := gtinAndBatch.FindStringSubmatch(s); m != nil {
		return gs1LotLink(m[1], m[2]), true
	}
	if strings.Contains(s, ":") {
		return epcis.CanonicalURI(s), true
	}
	return "", false
}

// gs1LotLink is the canonical Digital Link of a GTIN's batch.
func gs1LotLink(gtin, batch string) string {
	return epcis.CanonicalURI(gs1Lot + gtin + "/10/" + url.PathEscape(batch))
}

// maxCandidates bounds the lots a bare batch number is looked up as.
const maxCandidates = 50

// candidateLots lists the lot identifiers whose batch number is batch: GS1 lots of any GTIN
// and our lots of any assigner, sorted. The batch is compared at the end of the stored URI,
// so this reads every URI: a lookup typed by hand, not a path of the trace.
func candidateLots(ctx context.Context, st *store.Store, batch string) ([]string, error) {
	gs1 := gs1LotLink("00000000", batch)
	gs1 = gs1[strings.LastIndex(gs1, "/10/"):]
	ours := ":" + strings.ReplaceAll(url.PathEscape(batch), ":", "%3A")
	rows, err := st.ReadDB().QueryContext(ctx, `SELECT uri FROM epcis_uris
		WHERE (uri LIKE 'https://id.gs1.org/01/%' AND substr(uri, length(uri) - $1 + 1) = $2)
		   OR (uri LIKE '`+ticket.LotPrefix+`%' AND substr(uri, length(uri) - $3 + 1) = $4)
		ORDER BY uri LIMIT `+fmt.Sprint(maxCandidates), len(gs1), gs1, len(ours), ours)
	if err != nil {
		return nil, fmt.Errorf("look up lots of batch %q: %w", batch, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var uri string
		if err := rows.Scan(&uri); err != nil {
			return nil, fmt.Errorf("look up lots of batch %q: %w", batch, err)
		}
		out = append(out, uri)
	}
	return out, rows.Err()
}

// errNoID is the answer to a lookup with nothing typed.
var errNoID = apperr.Fields(apperr.Field("id", "required", nil))
