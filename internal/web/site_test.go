package web

import (
	"crypto/tls"
	"net/http/httptest"
	"testing"
)

func TestSiteURL(t *testing.T) {
	for _, c := range []struct {
		name, proto string
		tls         bool
		want        string
	}{
		{"plain", "", false, "http://shejian.example.cn"},
		{"over TLS", "", true, "https://shejian.example.cn"},
		{"behind an HTTPS proxy", "https", false, "https://shejian.example.cn"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "http://shejian.example.cn/t/abc", nil)
			if c.tls {
				r.TLS = &tls.ConnectionState{}
			}
			if c.proto != "" {
				r.Header.Set("X-Forwarded-Proto", c.proto)
			}
			if got := SiteURL(r); got != c.want {
				t.Errorf("SiteURL = %q, want %q", got, c.want)
			}
		})
	}
}
