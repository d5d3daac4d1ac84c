package registry

import (
	"slices"
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

// GramsArg is the bind argument that stores grams on dialect d: a text[] with a GIN index on
// PostgreSQL, a space-joined string for SQLite's FTS5 tokenizer. It is one of the few
// places that asks for the dialect.
func GramsArg(d store.Dialect, grams []string) any {
	if d == store.Postgres {
		return grams
	}
	return strings.Join(grams, " ")
}
