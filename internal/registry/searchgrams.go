package registry

import (
	"strings"
	"unicode"
)

// Chinese text has no spaces between words, so the search index stores n-grams instead of
// words: every single Han character and every pair of neighbouring ones (the CJK bigram
// scheme of full-text engines), plus each run of letters and digits as one lower-cased token.
// A query matches when the business has all of the query's grams; the store then confirms the
// exact substring. Bigrams answer two-character queries (火锅, 超市), which a trigram index
// cannot, and keep the index small enough for a million businesses.

// IndexGrams returns the distinct grams of the given texts, for storing.
func IndexGrams(texts ...string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(g string) {
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	for _, t := range texts {
		for _, run := range runs(t) {
			if !run.han {
				add(run.text)
				continue
			}
			r := []rune(run.text)
			for i := range r {
				add(string(r[i]))
				if i+1 < len(r) {
					add(string(r[i : i+2]))
				}
			}
		}
	}
	return out
}

// QueryGrams returns the grams a business must have to contain q: the bigrams of each Han
// run (or the character of a one-character run) and each letter-digit run. It returns nil
// when q has nothing searchable.
func QueryGrams(q string) []string {
	seen := map[string]bool{}
	var out []string
	for _, run := range runs(q) {
		r := []rune(run.text)
		switch {
		case !run.han || len(r) == 1:
			if !seen[run.text] {
				seen[run.text] = true
				out = append(out, run.text)
			}
		default:
			for i := 0; i+1 < len(r); i++ {
				if g := string(r[i : i+2]); !seen[g] {
					seen[g] = true
					out = append(out, g)
				}
			}
		}
	}
	return out
}

type textRun struct {
	text string
	han  bool
}

// runs splits s into maximal runs of Han characters and of letters or digits, dropping
// spaces and punctuation; letters are lower-cased.
func runs(s string) []textRun {
	var out []textRun
	var cur []rune
	curHan := false
	flush := func() {
		if len(cur) > 0 {
			out = append(out, textRun{text: string(cur), han: curHan})
			cur = cur[:0]
		}
	}
	for _, r := range s {
		han := unicode.Is(unicode.Han, r)
		word := han || unicode.IsLetter(r) || unicode.IsDigit(r)
		if !word || (len(cur) > 0 && han != curHan) {
			flush()
		}
		if word {
			curHan = han
			cur = append(cur, unicode.ToLower(r))
		}
	}
	flush()
	return out
}

// gramText joins grams for the SQLite FTS5 column, whose tokenizer splits on spaces.
func gramText(grams []string) string { return strings.Join(grams, " ") }
