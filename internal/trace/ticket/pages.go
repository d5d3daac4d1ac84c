package ticket

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// formFields are the fields of the ticket form, named as the API and its field errors
// name them.
var formFields = []string{"ticket_no", "date", "market", "seller.uscc", "seller.name", "seller.id_or_phone",
	"buyer.uscc", "buyer.name", "buyer.id_or_phone", "product_name", "gtin", "batch_no", "batch_by",
	"quantity", "unit", "origin", "rapid_test"}

// listView is the tickets page: the newest tickets, the form (with the values and errors of
// a refused submission) and the outcome of an import.
type listView struct {
	Tickets []Ticket
	Fields  []string
	Form    map[string]string
	Err     error
	Import  *importView
}

func (h *Handler) listPage(w http.ResponseWriter, r *http.Request) {
	h.renderList(w, r, listView{Form: map[string]string{"unit": "公斤"}}, http.StatusOK)
}

// renderList shows the tickets page with v and status.
func (h *Handler) renderList(w http.ResponseWriter, r *http.Request, v listView, status int) {
	var err error
	if v.Tickets, err = h.rec.Tickets(r.Context()); err != nil {
		web.Fail(w, r, err)
		return
	}
	v.Fields = formFields
	w.WriteHeader(status)
	h.list.Render(w, r, v)
}

func (h *Handler) createPage(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		web.Fail(w, r, apperr.Fields(apperr.Field("body", "json_syntax", map[string]any{"detail": err.Error()})))
		return
	}
	form := map[string]string{}
	for _, f := range formFields {
		form[f] = strings.TrimSpace(r.PostFormValue(f))
	}
	in, err := ticketFromForm(form)
	var res Result
	if err == nil {
		res, err = h.rec.Record(r.Context(), []Entry{{Ticket: &in}})
	}
	if err == nil {
		err = problemError(res)
	}
	switch apperr.CodeOf(err) {
	case "":
		http.Redirect(w, r, ticketPath(in.Number)+"?flash=ticket.recorded", http.StatusSeeOther)
	case apperr.Invalid:
		h.renderList(w, r, listView{Form: form, Err: err}, http.StatusBadRequest)
	default:
		web.Fail(w, r, err)
	}
}

// ticketFromForm reads the form's values; a quantity that is no number is a field error.
func ticketFromForm(f map[string]string) (TicketInput, error) {
	in := TicketInput{Number: f["ticket_no"], Date: f["date"], Market: f["market"], BatchBy: f["batch_by"], RapidTest: f["rapid_test"],
		Seller: PartyInput{USCC: f["seller.uscc"], Name: f["seller.name"], IDOrPhone: f["seller.id_or_phone"]},
		Buyer:  PartyInput{USCC: f["buyer.uscc"], Name: f["buyer.name"], IDOrPhone: f["buyer.id_or_phone"]},
		Item:   Item{Product: f["product_name"], GTIN: f["gtin"], Batch: f["batch_no"], Unit: f["unit"], Origin: f["origin"]}}
	q, err := number(f["quantity"])
	if err != nil {
		return in, err
	}
	in.Quantity = q
	return in, nil
}

// number reads a quantity; an empty one is zero, which the entry's check refuses.
func number(s string) (float64, error) {
	if s == "" {
		return 0, nil
	}
	q, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, apperr.Fields(apperr.Field("quantity", "number", nil))
	}
	return q, nil
}

func (h *Handler) detailPage(w http.ResponseWriter, r *http.Request) {
	t, err := h.rec.Ticket(r.Context(), r.PathValue("number"))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	h.detail.Render(w, r, t)
}

// importView is the outcome of an import: the entries recorded, what is wrong with the file,
// or the problems of its rows.
type importView struct {
	Result     Result
	FileErrors []string
	Lines      []importLine
}
