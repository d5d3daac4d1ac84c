package epcis

import (
	"regexp"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// memoRegexp is a pattern of the schema that remembers its verdicts. The validator matches
// the extension-name pattern against every field name of every event and the vocabulary
// patterns against every bizStep, disposition and type: a few strings, matched again and
// again, which a map answers several times faster than the regular expression.
type memoRegexp struct {
	re      *regexp.Regexp
	matches *memo[bool]
}

// compileMemoRegexp is the schema compiler's regular expression engine.
func compileMemoRegexp(pattern string) (jsonschema.Regexp, error) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, err
	}
	return memoRegexp{re: re, matches: newMemo(re.MatchString)}, nil
}

func (r memoRegexp) String() string            { return r.re.String() }
func (r memoRegexp) MatchString(s string) bool { return r.matches.get(s) }
