package app

import (
	_ "embed"
	"net/http"
)

// openAPIDocument describes /api/v1; TestOpenAPIMatchesRoutes keeps it in step with the router.
//
//go:embed openapi.json
var openAPIDocument []byte

func serveOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openAPIDocument)
}
