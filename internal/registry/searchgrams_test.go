package registry

import (
	"slices"
	"testing"
)

func TestQueryGrams(t *testing.T) {
	tests := []struct {
		q    string
		want []string
	}{
		{"火锅", []string{"火锅"}},
		{"老王火锅", []string{"老王", "王火", "火锅"}},
		{"面", []string{"面"}},
		{"KFC 88号", []string{"kfc", "88", "号"}},
		{"  ，。", nil},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			if got := QueryGrams(tt.q); !slices.Equal(got, tt.want) {
				t.Fatalf("QueryGrams(%q) = %q, want %q", tt.q, got, tt.want)
			}
		})
	}
}

// Every query gram of a substring must be among the index grams of the text: that is what
// makes gram search find every substring.
func TestQueryGramsOfSubstringAreIndexed(t *testing.T) {
	text := "江临市青石镇老王面馆（KFC旁）88号"
	indexed := IndexGrams(text)
	r := []rune(text)
	for i := range r {
		for j := i + 1; j <= len(r); j++ {
			for _, g := range QueryGrams(string(r[i:j])) {
				if !slices.Contains(indexed, g) && !isPartialASCII(g, text) {
					t.Fatalf("substring %q needs gram %q that is not indexed", string(r[i:j]), g)
				}
			}
		}
	}
}

// isPartialASCII reports a letter-digit run cut in the middle ("kf" of "KFC"): those are
// the documented limit of the index (whole runs only).
func isPartialASCII(g, text string) bool {
	return !slices.Contains(IndexGrams(text), g) && g[0] < 0x80
}
