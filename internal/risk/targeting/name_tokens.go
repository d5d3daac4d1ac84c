package targeting

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// nameTokens learns how often critical findings go with the words of a business name (店名用词):
// a chain's name, a kind of cuisine, "MART" or "GROCERY". As with the area rates, only other
// licences' inspections dated before the scored one count, so a one-off name says nothing and
// a training row never sees its own label.
type nameTokens struct {
	prior float64
	uses  map[string][]tokenUse // per word, in date order
}

type tokenUse struct {
	day      float64
	licence  string
	critical float64
}

// namePriorWeight is how many pseudo-inspections at the overall rate each word starts from.
const namePriorWeight = 20

// minTokenLen drops short words (“&”, “OF”, “LA”) that name nothing.
const minTokenLen = 3

// fitNameTokens learns from the training table and from record, as fitHistory does: the
// overall rate is the training table's.
func fitNameTokens(train, record []Inspection) *nameTokens {
	nt := &nameTokens{uses: map[string][]tokenUse{}}
	for _, in := range train {
		nt.prior += boolFloat(in.Critical) / float64(len(train))
	}
	for _, in := range withRecord(train, record) {
		c := boolFloat(in.Critical)
		for _, tok := range tokens(in.Name) {
			nt.uses[tok] = append(nt.uses[tok], tokenUse{dayNumber(in), in.License, c})
		}
	}
	for _, u := range nt.uses {
		sort.SliceStable(u, func(a, b int) bool { return u[a].day < u[b].day })
	}
	return nt
}

// tokens are the distinct words of a name, upper case.
func tokens(name string) []string {
	words := strings.FieldsFunc(strings.ToUpper(name), func(r rune) bool { return !unicode.IsLetter(r) })
	seen := map[string]bool{}
	var out []string
	for _, w := range words {
		if len([]rune(w)) >= minTokenLen && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// risk is the largest rise in log-odds any word of the name carries, from other licences'
// earlier inspections; 0 when no word was seen there.
func (nt *nameTokens) risk(in Inspection) float64 {
	today := knownBefore(in)
	base := logit(nt.prior)
	best := 0.0
	for _, tok := range tokens(in.Name) {
		var found, total float64
		for _, u := range nt.uses[tok] {
			if u.day >= today {
				break
			}
			if u.licence != in.License {
				found, total = found+u.critical, total+1
			}
		}
		if total == 0 {
			continue
		}
		rate := (found + namePriorWeight*nt.prior) / (total + namePriorWeight)
		best = math.Max(best, logit(rate)-base)
	}
	return best
}

func logit(p float64) float64 {
	return math.Log(p / (1 - p))
}
