package targeting

import (
	"math"
	"strconv"
	"time"
)

// Figure is a measured value; NaN (undefined, e.g. no critical finding at all) is written to
// JSON as null rather than failing the whole report.
type Figure float64

// MarshalJSON writes the value, or null when it is undefined.
func (f Figure) MarshalJSON() ([]byte, error) {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, v, 'g', -1, 64), nil
}

// Result is the outcome of a back-test. The JSON keys are a published interface: scripts read
// them.
type Result struct {
	DaysEarlierMean    Figure `json:"days_earlier_mean"`
	DaysEarlierMedian  Figure `json:"days_earlier_median"`
	FirstHalfGain      Figure `json:"first_half_gain"` // relative: 0.25 is Chicago's +25 %
	AUC                Figure `json:"auc"`
	PrecisionAt10      Figure `json:"precision_at_10pct"`
	DelayedShare       Figure `json:"delayed_share"`
	WindowDays         int    `json:"window_days"`
	Inspections        int    `json:"inspections"`
	Criticals          int    `json:"criticals"`
	FirstHalfActual    int    `json:"first_half_actual"`
	FirstHalfSimulated int    `json:"first_half_simulated"`

	Windows []Window `json:"-"`
}

// Window is the replay of one window.
type Window struct {
	Start, End         time.Time
	Inspections        int
	Criticals          int
	FirstHalfActual    int
	FirstHalfSimulated int
	DaysEarlierMean    Figure
}
