package targeting

import "math"

// neighbourRates learns the local rate of critical findings (周边违规率): for a business, the
// smoothed share of critical findings among the nearest inspections of other businesses in
// the training history. Where a business stands says much about what is found there.
type neighbourRates struct {
	k      int
	prior  float64
	points []neighbourPoint
}

type neighbourPoint struct {
	lat, lon float64
	licence  string
	critical bool
}

// priorWeight is how many pseudo-inspections at the overall rate each local rate starts from,
// so a sparse neighbourhood is not ranked on two or three visits.
const priorWeight = 10

// kmPerDegreeLat is one degree of latitude; longitude shrinks with its cosine.
const kmPerDegreeLat = 111.2

func fitNeighbourRates(train []Inspection, k int) *neighbourRates {
	nr := &neighbourRates{k: k}
	pos := 0.0
	for _, in := range train {
		pos += boolFloat(in.Critical)
		if !math.IsNaN(in.Latitude) && !math.IsNaN(in.Longitude) {
			nr.points = append(nr.points, neighbourPoint{in.Latitude, in.Longitude, in.License, in.Critical})
		}
	}
	nr.prior = pos / float64(len(train))
	return nr
}

// rate is the smoothed critical rate among the k nearest training inspections of other
// licences (a business's own past is in pastCritical already, and counting it here would
// let a training row see its own label). NaN without coordinates.
func (nr *neighbourRates) rate(in Inspection) float64 {
	if math.IsNaN(in.Latitude) || math.IsNaN(in.Longitude) {
		return math.NaN()
	}
	cos := math.Cos(in.Latitude * math.Pi / 180)
	nearest := make(farthestFirst, 0, nr.k)
	for i, p := range nr.points {
		if p.licence == in.License {
			continue
		}
		dy, dx := (p.lat-in.Latitude)*kmPerDegreeLat, (p.lon-in.Longitude)*kmPerDegreeLat*cos
		nearest.offer(nearPoint{d2: dx*dx + dy*dy, order: i, critical: p.critical}, nr.k)
	}
	pos := 0.0
	for _, c := range nearest {
		pos += boolFloat(c.critical)
	}
	return (pos + priorWeight*nr.prior) / (float64(len(nearest)) + priorWeight)
}
