package registry

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shejian/shejian/internal/store"
)

// Chinese text has no spaces between words, so the search index stores n-grams instead of
// words: every single Han character and every pair of neighbouring ones (the CJK bigram
// scheme of full-text engines), plus each run of letters and digits as one lower-cased token.
// A query matches when the business has all of the query's grams; the store then confirms the
// exact substring. Bigrams answer two-character queries (火锅, 超市), which a trigram index
// cannot, and keep the index small enough for a million businesses.

// IndexGrams returns the distinct grams of the given texts, sorted, for storing. Grams are
// substrings of the texts (no copies), which keeps bulk loads cheap.
func IndexGrams(texts ...string) []string {
	out := make([]string, 0, 96)
	for _, t := range texts {
		eachRun(t, func(run string, han bool) {
			if !han {
				out = append(out, strings.ToLower(run))
				return
			}
			for i := 0; i < len(run); {
				_, w := utf8.DecodeRuneInString(run[i:])
				out = append(out, run[i:i+w])
				if i+w < len(run) {
					_, w2 := utf8.DecodeRuneInString(run[i+w:])
					out = append(out, run[i:i+w+w2])
				}
				i += w
			}
		})
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// QueryGrams returns the grams a business must have to contain q, in the order they appear:
// the bigrams of each Han run (or the character of a one-character run) and each
// letter-digit run. It returns nil when q has nothing searchable.
func QueryGrams(q string) []string {
	var out []string
	add := func(g string) {
		if !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	eachRun(q, func(run string, han bool) {
		if !han || utf8.RuneCountInString(run) == 1 {
			add(strings.ToLower(run))
			return
		}
		for i := 0; i < len(run); {
			_, w := utf8.DecodeRuneInString(run[i:])
			if i+w >= len(run) {
				break
			}
			_, w2 := utf8.DecodeRuneInString(run[i+w:])
			add(run[i : i+w+w2])
			i += w
		}
	})
	return out
}

// eachRun calls fn for each maximal run of Han characters and of other letters or digits in
// s, skipping spaces and punctuation.
func eachRun(s string, fn func(run string, han bool)) {
	start, startHan := -1, false
	for i, r := range s {
		han := unicode.Is(unicode.Han, r)
		word := han || unicode.IsLetter(r) || unicode.IsDigit(r)
		if start >= 0 && (!word || han != startHan) {
			fn(s[start:i], startHan)
			start = -1
		}
		if word && start < 0 {
			start, startHan = i, han
		}
	}
	if start >= 0 {
		fn(s[start:], startHan)
	}
}

// GramsArg is the bind argument that stores the search keys of business id on dialect d:
// its grams and the keys of its place. PostgreSQL takes a text[] with a GIN index, each key
// prefixed by the business's bucket (see bucketKeys); SQLite's FTS5 tokenizer a space-joined
// string. It is one of the few places that asks for the dialect.
func GramsArg(d store.Dialect, id int64, grams []string, at Place) any {
	keys := slices.Concat(grams, at.keys())
	if d == store.Postgres {
		return bucketKeys(bucketOf(id), keys)
	}
	return strings.Join(keys, " ")
}

// Place is where a business lies: its district, station and grid (0: none). Its search keys
// name them too, so that a district's (or a station's, or a grid's) search reads only the
// matches inside it: "区3" beside "火锅". A key mixes a Han character with digits, which no
// gram does (IndexGrams splits runs where Han and other letters meet).
type Place struct{ District, Station, Grid int64 }

func (p Place) keys() []string {
	var keys []string
	for _, k := range []struct {
		mark string
		id   int64
	}{{"区", p.District}, {"站", p.Station}, {"格", p.Grid}} {
		if k.id > 0 {
			keys = append(keys, k.mark+strconv.FormatInt(k.id, 10))
		}
	}
	return keys
}

// PostgreSQL's GIN index returns matches in no useful order and cannot stop at the newest
// twenty, so a query for a common gram would read every match, or walk the table newest
// first past long stretches without one (a township's name fills only the ids registered
// there). Keying each gram by the bucket of its business's id — "61:东城" for ids
// 999,424–1,015,807 — gives every bucket its own short posting list, and a search walks the
// buckets newest first, reading only the matches of the buckets it needs.
const bucketBits = 14

func bucketOf(id int64) int64 { return id >> bucketBits }

// bucketKeys returns the grams keyed by bucket. The keys are substrings of one string, so a
// business's keys cost one allocation.
func bucketKeys(bucket int64, grams []string) []string {
	prefix := strconv.FormatInt(bucket, 10) + ":"
	size := len(prefix) * len(grams)
	for _, g := range grams {
		size += len(g)
	}
	var b strings.Builder
	b.Grow(size)
	for _, g := range grams {
		b.WriteString(prefix)
		b.WriteString(g)
	}
	all, keys := b.String(), make([]string, len(grams))
	for i, g := range grams {
		n := len(prefix) + len(g)
		keys[i], all = all[:n], all[n:]
	}
	return keys
}
