package trace

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/trace/query"
)

// A nextPageToken is where the page before ended (its last event's order key and row, and
// how many events the pages so far held), with a check sum over that position and the
// query it pages through. The token holds nothing secret: it only says where to go on,
// and the caller's scope applies to every page. The sum refuses a token that was altered
// or is used with another query, whose order it does not belong to.
const tokenSumSize = 8

// fingerprint identifies a query apart from its paging: a token belongs to one.
func fingerprint(q query.Query) []byte {
	q.PerPage, q.NextPageToken = 0, ""
	b, _ := json.Marshal(q) // a Query is plain data: strings, numbers, times, maps of lists
	sum := sha256.Sum256(b)
	return sum[:]
}

// token writes pos as the nextPageToken of the query of fingerprint fp.
func (pos position) token(fp []byte) string {
	b := binary.AppendVarint(nil, pos.key)
	b = binary.AppendVarint(b, pos.row)
	b = binary.AppendUvarint(b, uint64(pos.served))
	return base64.RawURLEncoding.EncodeToString(append(b, tokenSum(b, fp)...))
}

// readToken reads a nextPageToken of the query of fingerprint fp; "" is the first page.
func readToken(token string, fp []byte) (position, error) {
	if token == "" {
		return position{}, nil
	}
	bad := apperr.Fields(apperr.Field("nextPageToken", "epcis_query_token", nil))
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(b) <= tokenSumSize {
		return position{}, bad
	}
	body, sum := b[:len(b)-tokenSumSize], b[len(b)-tokenSumSize:]
	if !bytes.Equal(sum, tokenSum(body, fp)) {
		return position{}, bad
	}
	var pos position
	r := bytes.NewReader(body)
	key, errKey := binary.ReadVarint(r)
	row, errRow := binary.ReadVarint(r)
	served, errServed := binary.ReadUvarint(r)
	if errKey != nil || errRow != nil || errServed != nil || r.Len() != 0 || row <= 0 || served > 1<<31 {
		return position{}, bad
	}
	pos.key, pos.row, pos.served = key, row, int(served)
	return pos, nil
}

func tokenSum(body, fp []byte) []byte {
	h := sha256.New()
	h.Write([]byte("shejian epcis page\x00"))
	h.Write(fp)
	h.Write(body)
	return h.Sum(nil)[:tokenSumSize]
}
