package sheets

import (
	"encoding/json"
	"net/http"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// importProblem is the 400 of a refused import: the problem document whose errors carry
// row, field, rule and message, and where to download the report.
type importProblem struct {
	web.Problem
	Report  string `json:"report"`
	Omitted int    `json:"omitted,omitempty"`
}

func (h *Handler) apiImport(w http.ResponseWriter, r *http.Request) {
	res, reportID, err := h.importUpload(w, r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if len(res.Errors) == 0 {
		web.JSON(w, http.StatusCreated, map[string]int{"imported": res.Imported})
		return
	}
	fields := make([]apperr.FieldError, len(res.Errors))
	for i, e := range res.Errors {
		fields[i] = e.FieldError
	}
	refused := &apperr.Error{Code: apperr.Invalid, Key: "sheets.import_refused",
		Params: map[string]any{"rows": badRows(res.Errors)}, Fields: fields}
	p := importProblem{Problem: web.NewProblem(web.LangFrom(r.Context()), refused),
		Report: "/businesses/import/reports/" + reportID, Omitted: res.Omitted}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(http.StatusBadRequest)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(p)
}
