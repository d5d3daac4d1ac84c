package web

import (
	"net"
	"net/http"
)

// ClientIP is the network address of the caller, as the audit log and the login throttle
// see it. It is the TCP peer: forwarded headers are not trusted, since any client can set
// them.
func ClientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
