package documents

import (
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/enforce"
	"github.com/shejian/shejian/internal/pdfdoc"
)

// notice draws the notice of the intended penalty (行政处罚事先告知书): addressed to the
// party, the facts found, the intended penalty as the officer recorded it, and the rights
// to state its case and to ask for a hearing by the notice's deadline.
func (d draft) notice() error {
	due := dueText(d.row)
	rights := noticeRights
	if due != "" {
		rights = fmt.Sprintf("%s你（单位）如需陈述、申辩或者要求听证，请于%s前向本局提出。", noticeRights, due)
	}
	return pdfdoc.Steps(
		func() error { return d.Para(d.f.Business.Name+"：", 0) },
		func() error {
			return d.Para(fmt.Sprintf("本局于%s立案调查的你（单位）一案，经调查，现查明：%s。", day(d.filedOn()), d.findings()), 24)
		},
		func() error { return d.Field("拟作出的行政处罚", d.row.Note) },
		func() error { return d.Para(rights, 24) },
		func() error { return d.Para("承办单位："+d.f.Station, 0) },
		d.signOff,
		func() error {
			d.Gap(18)
			return d.Para("当事人签收：＿＿＿＿＿＿　　日期：＿＿＿＿＿＿", 0)
		},
	)
}

// filedOn is the day the case was filed, the registration day when it has no filing row.
func (d draft) filedOn() (t time.Time) {
	if r := stepOf(d.c, enforce.Filed); r != nil {
		return r.DoneOn
	}
	return d.c.RegisteredOn
}
