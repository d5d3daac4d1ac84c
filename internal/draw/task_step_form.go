package draw

import (
	"net/http"

	"github.com/shejian/shejian/internal/web"
)

// drawSave draws the path's task with the beacon typed in the form of its page.
func (h *Handler) drawSave(w http.ResponseWriter, r *http.Request) {
	h.taskStep(w, r, formDraw, "draw.flash.task_drawn", func(id int64) error {
		_, err := h.draws.Draw(r.Context(), id, web.FormValue(r, "beacon"))
		return err
	})
}

// publishSave marks the path's drawn task published (一公开) from its page.
func (h *Handler) publishSave(w http.ResponseWriter, r *http.Request) {
	h.taskStep(w, r, formPublish, "draw.flash.task_published", func(id int64) error {
		_, err := h.draws.Publish(r.Context(), id)
		return err
	})
}

// taskStep takes step on the path's task, a write in the caller's scope, from form of the
// task's page, and returns to the page with flash or, refused, shows it with the refusal.
func (h *Handler) taskStep(w http.ResponseWriter, r *http.Request, form, flash string, step func(id int64) error) {
	id, err := h.task(r, true)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	err = step(id)
	web.AfterForm(w, r, err, taskPath(id), flash, func() {
		v, verr := h.taskView(r)
		if verr != nil {
			web.Fail(w, r, verr)
			return
		}
		v.Forms = refused(form, r, err)
		v.Forms.show(w, r)
		taskPage.Render(w, r, v)
	})
}
