package documents

import (
	"github.com/shejian/shejian/internal/enforce"
	"github.com/shejian/shejian/internal/pdfdoc"
)

// hearing draws the summary of the hearing (听证笔录摘要) the party asked for after the
// notice: the party, when it was heard and what the hearing found.
func (d draft) hearing() error {
	notice := stepOf(d.c, enforce.Notified)
	return pdfdoc.Steps(
		d.party,
		func() error { return d.Field("处罚告知日期", day(notice.DoneOn)) },
		func() error { return d.Field("听证要求", "当事人在告知期限内要求举行听证") },
		func() error { return d.Field("听证日期", day(d.row.DoneOn)) },
		func() error { return d.Field("听证主持人", d.row.ApprovedBy) },
		func() error { d.Rule(); return d.Field("听证情况摘要", d.row.Note) },
		func() error { return d.Field("记录人", d.row.RecordedBy) },
		d.signOff,
	)
}
