package inspect

import (
	"net/http"

	"github.com/shejian/shejian/internal/web"
)

var checkinSheet = web.MustPage(files, "templates/checkin.html")

// checkinSheetView is the sheet posted at a business's door: its check-in QR code and the
// code as text, which the phone takes typed where it cannot read QR codes.
type checkinSheetView struct {
	ID                       int64
	Name, Address, LicenceNo string
	Code                     string
}

// checkinSheetPage shows the business's check-in sheet (一店一码) to print.
func (h *InspectionHandler) checkinSheetPage(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		err = h.svc.inScopeBusiness(r, id)
	}
	var v checkinSheetView
	if err == nil {
		v.Code, err = h.svc.CheckinCode(r.Context(), id)
	}
	if err == nil {
		b, gerr := h.svc.businesses.Get(r.Context(), id)
		if err = gerr; err == nil {
			v.ID, v.Name, v.Address, v.LicenceNo = b.ID, b.Name, b.Address, b.LicenceNo
		}
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	checkinSheet.Render(w, r, v)
}
