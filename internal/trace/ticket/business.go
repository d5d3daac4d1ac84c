package ticket

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
)

// business is a registered business (经营主体) an entry names, with what the rules of
// this package ask of it: its kind and market, and its placement for scopes.
type business struct {
	id                int64
	uscc, name        string
	category          registry.CategoryCode
	market            *int64 // the market a stall is in
	district, station int64
	grid              *int64
}

// isMarket reports whether the business is a market (农产品市场), whose operators may
// enter the tickets of sales at it.
func (b *business) isMarket() bool { return b.category == registry.CategoryMarket }

// coveredBy reports whether scope s covers the business.
func (b *business) coveredBy(s access.Scope) bool {
	return s.CoversBusiness(b.id, b.district, b.station, b.grid)
}

// businesses looks up registered businesses by USCC or id, each once per batch.
type businesses struct {
	st     *store.Store
	byCode map[string]*business // nil for a USCC no business has
	byID   map[int64]*business
}

func newBusinesses(st *store.Store) *businesses {
	return &businesses{st: st, byCode: map[string]*business{}, byID: map[int64]*business{}}
}

// withUSCC returns the business registered under uscc, or nil when there is none.
func (bs *businesses) withUSCC(ctx context.Context, uscc string) (*business, error) {
	if b, ok := bs.byCode[uscc]; ok {
		return b, nil
	}
	b, err := bs.find(ctx, "uscc", uscc)
	bs.byCode[uscc] = b
	return b, err
}

// withID returns the business of id, or nil when there is none.
func (bs *businesses) withID(ctx context.Context, id int64) (*business, error) {
	if b, ok := bs.byID[id]; ok {
		return b, nil
	}
	return bs.find(ctx, "id", id)
}

// find reads the business whose column equals value, and remembers it.
func (bs *businesses) find(ctx context.Context, column string, value any) (*business, error) {
	b := &business{}
	err := bs.st.ReadDB().QueryRowContext(ctx, `SELECT id, uscc, name, category, market_id, district_id, station_id, grid_id
		FROM businesses WHERE `+column+` = $1`, value).Scan(&b.id, &b.uscc, &b.name, &b.category, &b.market, &b.district, &b.station, &b.grid)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("look up business by %s: %w", column, err)
	}
	bs.byCode[b.uscc], bs.byID[b.id] = b, b
	return b, nil
}
