package demo

import "math"

// kmPerDegree is the length of one degree of latitude.
const kmPerDegree = 111.32

// goldenAngle spreads children evenly over a disk (the sunflower pattern).
var goldenAngle = math.Pi * (3 - math.Sqrt(5))

// circle is an org unit's area: a centre and a radius in kilometres.
type circle struct{ lat, lng, km float64 }

// at returns the point (x, y) radii east and north of the centre, rounded to six decimals
// (about 0.1 m) so that the stored value is exact on every engine.
func (c circle) at(x, y float64) (lat, lng float64) {
	lat = c.lat + y*c.km/kmPerDegree
	lng = c.lng + x*c.km/(kmPerDegree*math.Cos(c.lat*math.Pi/180))
	return round6(lat), round6(lng)
}

// child returns the circle of child i of n, laid out as a sunflower that stays inside c:
// centres within 80 % of the radius and child radii at most 20 %, so children never leave
// their parent.
func (c circle) child(i, n int) circle {
	r := 0.8 * math.Sqrt((float64(i)+0.5)/float64(n))
	theta := float64(i) * goldenAngle
	lat, lng := c.at(r*math.Cos(theta), r*math.Sin(theta))
	return circle{lat: lat, lng: lng, km: round3(c.km * min(0.2, 0.75/math.Sqrt(float64(n))))}
}

// ring returns the circle of member i of n placed on a ring dist km from c's centre.
func (c circle) ring(i, n int, dist, km, turn float64) circle {
	theta := turn + 2*math.Pi*float64(i)/float64(n)
	lat, lng := c.at(dist/c.km*math.Cos(theta), dist/c.km*math.Sin(theta))
	return circle{lat: lat, lng: lng, km: km}
}

func round6(v float64) float64 { return math.Round(v*1e6) / 1e6 }
func round3(v float64) float64 { return math.Round(v*1e3) / 1e3 }
