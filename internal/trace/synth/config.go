package synth

import (
	"math/rand/v2"
	"time"

	"github.com/shejian/shejian/internal/calendar"
)

// Defaults of a Config's zero fields.
const (
	// DefaultErrorRate is the share of shipping and receiving events recorded wrongly and
	// later corrected: a few in a thousand, as in a working market.
	DefaultErrorRate = 0.005
	// DefaultUUIDRate is the share of events whose sender names them with a urn:uuid; the
	// others leave the eventID to capture, which fills the Event Hash ID.
	DefaultUUIDRate = 0.1
	// DefaultDistricts is the number of districts businesses are spread over.
	DefaultDistricts = 13
	// DefaultSpan is how long before End the first flow starts.
	DefaultSpan = 180 * 24 * time.Hour
	// MaxBusinesses bounds Config.Businesses: the GS1 company prefixes handed out are unique
	// up to this many businesses.
	MaxBusinesses = 40000
)

// DefaultEnd is the default Config.End, a fixed instant in the past so that capture's
// "not in the future" rule passes whatever day the generator runs.
var DefaultEnd = time.Date(2026, 1, 1, 0, 0, 0, 0, calendar.China)

// flowMargin is the time the last flow may last, its error declarations included, before
// End: every planned delay added up along the longest path stays below it.
const flowMargin = 20 * 24 * time.Hour

// Config says what chain to generate. Zero fields take the defaults above.
type Config struct {
	// Events is the exact number of events the chain's documents hold, error declarations
	// and corrective events included.
	Events int
	// Seed makes the chain: the same Config gives the same bytes.
	Seed uint64
	// Businesses is how many businesses take part; zero scales it with Events (one per 500
	// events, at least 40 and at most 20,000).
	Businesses int
	// Districts is how many districts (区/县) the businesses are spread over.
	Districts int
	// ErrorRate is the share of shipping and receiving events that are first recorded
	// wrongly, then corrected by a corrective event and an error declaration; negative means
	// none.
	ErrorRate float64
	// UUIDRate is the share of events that carry a urn:uuid eventID; negative means none
	// (corrective events always carry one, since a declaration names them).
	UUIDRate float64
	// End is the instant every event time and declaration time precedes.
	End time.Time
	// Span is how far before End the chain starts; flows start evenly over it.
	Span time.Duration
}

// withDefaults fills the zero fields of c.
func (c Config) withDefaults() Config {
	if c.Businesses <= 0 {
		c.Businesses = min(max(c.Events/500, 40), 20000)
	}
	c.Businesses = min(max(c.Businesses, len(kindShares)), MaxBusinesses)
	if c.Districts <= 0 {
		c.Districts = DefaultDistricts
	}
	c.Districts = min(c.Districts, maxDistricts)
	c.ErrorRate = rateOrDefault(c.ErrorRate, DefaultErrorRate)
	c.UUIDRate = rateOrDefault(c.UUIDRate, DefaultUUIDRate)
	if c.End.IsZero() {
		c.End = DefaultEnd
	}
	if c.Span == 0 {
		c.Span = DefaultSpan
	}
	c.Span = max(c.Span, 2*flowMargin)
	return c
}

// rateOrDefault reads a rate where zero means the default and a negative value none.
func rateOrDefault(rate, def float64) float64 {
	switch {
	case rate == 0:
		return def
	case rate < 0:
		return 0
	}
	return min(rate, 1)
}

// Chain is a generated supply chain: its businesses, and the flows of goods between them
// that Documents writes as EPCIS events. It holds no events: they are planned flow by flow
// while they are written.
type Chain struct {
	cfg     Config
	parties []party
	byKind  map[Kind][]int32
}

// New plans the businesses of the chain cfg describes.
func New(cfg Config) *Chain {
	cfg = cfg.withDefaults()
	c := &Chain{cfg: cfg}
	c.parties = newParties(cfg, rand.New(rand.NewPCG(cfg.Seed, streamBusinesses)))
	c.index()
	return c
}

// index groups the parties by kind, for the flows to pick from.
func (c *Chain) index() {
	c.byKind = map[Kind][]int32{}
	for i, p := range c.parties {
		c.byKind[p.Kind] = append(c.byKind[p.Kind], int32(i))
	}
}

// Config returns the chain's configuration with the defaults filled in: End is a capture
// time every event passes.
func (c *Chain) Config() Config { return c.cfg }

// Businesses returns the businesses of the chain, for the caller to register before
// capture; events name them by Business.Location.
func (c *Chain) Businesses() []Business {
	out := make([]Business, len(c.parties))
	for i, p := range c.parties {
		out[i] = p.Business
	}
	return out
}

// Random streams: each part of the chain draws from its own, so that a change in one
// leaves the others as they were.
const (
	streamBusinesses uint64 = iota + 1
	streamLots
	streamFlows = 1 << 32 // + flow index
)
