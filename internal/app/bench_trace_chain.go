package app

import (
	"context"
	"fmt"

	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/trace/synth"
)

// chainCategories registers each kind of business of the synthetic chain under the
// registry's category and kind (业态), with the licence it must hold.
var chainCategories = map[synth.Kind]struct {
	category registry.CategoryCode
	kind     string
	licence  string // a printf pattern of the licence number from a serial; "" for none
}{
	synth.Farm:           {registry.CategoryFarm, "planting", ""},
	synth.Market:         {registry.CategoryMarket, "wholesale_market", "JY1%013d"},
	synth.Distributor:    {registry.CategorySales, "wholesale", "JY1%013d"},
	synth.Processor:      {registry.CategoryProduction, "other", "SC%014d"},
	synth.Retailer:       {registry.CategorySales, "supermarket", "JY1%013d"},
	synth.Restaurant:     {registry.CategoryCatering, "restaurant", "JY2%013d"},
	synth.SchoolCanteen:  {registry.CategoryCatering, "school_canteen", "JY3%013d"},
	synth.CompanyCanteen: {registry.CategoryCatering, "unit_canteen", "JY3%013d"},
}

// chainLicenceBase keeps the chain's licence serials clear of the demo city's numbers.
const chainLicenceBase = 9_000_000_000_000

// stationSite is a station with a point inside it, where the chain's businesses of its
// district are registered.
type stationSite struct {
	station  int64
	lat, lng float64
}

// registerChain registers the chain's businesses, spread over the stations of the city's
// districts by their district index, so that capture finds each place it names.
func registerChain(ctx context.Context, st *store.Store, businesses []synth.Business) error {
	districts, err := stationSites(ctx, st)
	if err != nil {
		return err
	}
	if len(districts) == 0 {
		return fmt.Errorf("register the chain: the city has no station with a business to place it by")
	}
	rows := make([]registry.BusinessInput, len(businesses))
	for i, b := range businesses {
		c, ok := chainCategories[b.Kind]
		if !ok {
			return fmt.Errorf("register the chain: no category for kind %q", b.Kind)
		}
		sites := districts[b.District%len(districts)]
		site := sites[i%len(sites)]
		in := registry.BusinessInput{USCC: b.USCC, Name: b.Name, Category: c.category, Kind: c.kind,
			Address: b.Name, StationID: site.station, Lat: site.lat, Lng: site.lng}
		if c.licence != "" {
			in.LicenceNo = fmt.Sprintf(c.licence, chainLicenceBase+i)
			in.LicenceIssued, in.LicenceExpiry = "2024-01-01", "2028-12-31"
		}
		rows[i] = in
	}
	problems, err := registry.NewBusinessStore(st).CreateMany(ctx, rows, nil)
	if err != nil {
		return fmt.Errorf("register the chain: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("register the chain: row %d: %v", problems[0].Row, problems[0])
	}
	return nil
}

// stationSites lists, per district, its stations with the point of one business there.
func stationSites(ctx context.Context, st *store.Store) ([][]stationSite, error) {
	rows, err := st.ReadDB().QueryContext(ctx, `SELECT district_id, station_id, min(lat), min(lng) FROM businesses
		GROUP BY district_id, station_id ORDER BY district_id, station_id`)
	if err != nil {
		return nil, fmt.Errorf("stations of the city: %w", err)
	}
	defer rows.Close()
	var out [][]stationSite
	last := int64(-1)
	for rows.Next() {
		var district int64
		var s stationSite
		if err := rows.Scan(&district, &s.station, &s.lat, &s.lng); err != nil {
			return nil, fmt.Errorf("stations of the city: %w", err)
		}
		if district != last {
			out = append(out, nil)
			last = district
		}
		out[len(out)-1] = append(out[len(out)-1], s)
	}
	return out, rows.Err()
}
