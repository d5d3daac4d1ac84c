package phone

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
)

// themeColor is the app's colour: the seal red of the city's documents.
const themeColor = "#b0302a"

// The PNG icons the manifest offers (installers want raster sizes), drawn once at start from
// the same shapes as icon.svg: a white tick in a red disc.
var (
	icon192 = drawIcon(192)
	icon512 = drawIcon(512)
)

func drawIcon(size int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	red := color.NRGBA{0xb0, 0x30, 0x2a, 0xff}
	s := float64(size)
	// The tick's two strokes, in units of the icon's side (icon.svg uses a 100 box).
	a, b, c := [2]float64{0.28, 0.52}, [2]float64{0.44, 0.68}, [2]float64{0.74, 0.34}
	for y := range size {
		for x := range size {
			px, py := (float64(x)+0.5)/s, (float64(y)+0.5)/s
			if math.Hypot(px-0.5, py-0.5) > 0.5 {
				continue
			}
			if segmentDistance(px, py, a, b) < 0.055 || segmentDistance(px, py, b, c) < 0.055 {
				img.Set(x, y, color.White)
			} else {
				img.Set(x, y, red)
			}
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}

// segmentDistance is the distance of (x, y) from the segment p–q.
func segmentDistance(x, y float64, p, q [2]float64) float64 {
	dx, dy := q[0]-p[0], q[1]-p[1]
	t := ((x-p[0])*dx + (y-p[1])*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(x-(p[0]+t*dx), y-(p[1]+t*dy))
}
