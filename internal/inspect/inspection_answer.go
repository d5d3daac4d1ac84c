package inspect

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
)

// AnswerInput is the answer to one item as the phone sends it; UUID is the phone's key of
// the answer.
type AnswerInput struct {
	UUID   string `json:"uuid"`
	Item   string `json:"item"`
	Answer Answer `json:"answer"`
	Note   string `json:"note,omitempty"`
}

// PutAnswers records answers (the last one given for an item wins; a retried upload
// changes nothing). A real change after the result was computed withdraws the result: the
// inspection goes back to checked in until it is completed again; once anyone has signed,
// the answers they signed for cannot change (409).
func (s *Inspections) PutAnswers(ctx context.Context, uuid string, answers []AnswerInput) (*Inspection, error) {
	if err := checkAnswerInputs(answers); err != nil {
		return nil, err
	}
	return s.change(ctx, uuid, "answer", []Stage{CheckedIn, Answered}, func(tx *sql.Tx, in *Inspection) (any, error) {
		t, err := readTemplate(ctx, tx, in.TemplateID)
		if err != nil {
			return nil, err
		}
		if err := t.CheckAnswers(answerMap(answers), false); err != nil {
			return nil, err
		}
		answers = changedAnswers(in, answers)
		switch {
		case len(answers) == 0:
			return nil, nil
		case len(in.Signatures) > 0:
			return nil, apperr.New(apperr.Conflict, "inspect.answers_signed", nil)
		}
		for _, a := range answers {
			if err := s.upsertAnswer(ctx, tx, in.ID, a); err != nil {
				return nil, err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE inspections SET status = 'checked_in', outcome = '', result = '', explanation = ''
			WHERE id = $1`, in.ID)
		if err != nil {
			return nil, fmt.Errorf("withdraw result of %s: %w", uuid, store.Normalize(err))
		}
		return answers, nil
	})
}

// changedAnswers keeps the answers that differ from those recorded on in.
func changedAnswers(in *Inspection, answers []AnswerInput) []AnswerInput {
	had := map[string]ItemAnswer{}
	for _, a := range in.Answers {
		had[a.Item] = a
	}
	var out []AnswerInput
	for _, a := range answers {
		h, ok := had[strings.TrimSpace(a.Item)]
		if !ok || h.Answer != a.Answer || h.Note != strings.TrimSpace(a.Note) {
			out = append(out, a)
		}
	}
	return out
}

func checkAnswerInputs(answers []AnswerInput) error {
	var fields []apperr.FieldError
	if len(answers) == 0 {
		return apperr.Fields(apperr.Field("answers", "required", nil))
	}
	for i, a := range answers {
		var c apperr.Collector
		checkUUID(&c, "uuid", a.UUID)
		text(&c, "note", a.Note, maxNote, false)
		for _, f := range apperr.From(c.Err()).Fields {
			f.Field = fmt.Sprintf("answers[%d].%s", i, f.Field)
			fields = append(fields, f)
		}
	}
	return fieldsErr(fields)
}

func answerMap(answers []AnswerInput) Answers {
	m := Answers{}
	for _, a := range answers {
		m[strings.TrimSpace(a.Item)] = a.Answer
	}
	return m
}

// upsertAnswer writes the answer to its item, replacing an earlier one. A UUID already
// used for another item is a Conflict: it would make two records of one.
func (s *Inspections) upsertAnswer(ctx context.Context, tx *sql.Tx, id int64, a AnswerInput) error {
	u, _ := normalUUID(a.UUID)
	_, err := tx.ExecContext(ctx, `INSERT INTO inspection_answers (inspection_id, item_code, uuid, answer, note, answered_at, answered_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (inspection_id, item_code) DO UPDATE SET uuid = excluded.uuid, answer = excluded.answer,
			note = excluded.note, answered_at = excluded.answered_at, answered_by = excluded.answered_by`,
		id, strings.TrimSpace(a.Item), u, string(a.Answer), strings.TrimSpace(a.Note), s.now().UTC(), actor(ctx))
	if isDuplicate(err) {
		return apperr.New(apperr.Conflict, "inspect.uuid_taken", map[string]any{"uuid": u})
	}
	if err != nil {
		return fmt.Errorf("answer %s: %w", a.Item, store.Normalize(err))
	}
	return nil
}

// Complete judges the answers under the version's result rule and records the result with
// its explanation. Every item must be answered, except in a flying inspection (Order 49
// art. 27); the missing ones are named.
func (s *Inspections) Complete(ctx context.Context, uuid string) (*Inspection, error) {
	return s.change(ctx, uuid, "judge", []Stage{CheckedIn, Answered}, func(tx *sql.Tx, in *Inspection) (any, error) {
		t, err := readTemplate(ctx, tx, in.TemplateID)
		if err != nil {
			return nil, err
		}
		answers := Answers{}
		for _, a := range in.Answers {
			answers[a.Item] = a.Answer
		}
		if err := t.CheckAnswers(answers, in.Kind != Flying); err != nil {
			return nil, err
		}
		res := t.Judge(answers)
		raw, err := json.Marshal(res)
		if err != nil {
			return nil, fmt.Errorf("encode result of %s: %w", uuid, err)
		}
		_, err = tx.ExecContext(ctx, `UPDATE inspections SET status = 'answered', outcome = $2, result = $3, explanation = $4
			WHERE id = $1`, in.ID, string(res.Outcome), string(raw), res.Explain(i18n.Chinese))
		if err != nil {
			return nil, fmt.Errorf("record result of %s: %w", uuid, store.Normalize(err))
		}
		return res, nil
	})
}
