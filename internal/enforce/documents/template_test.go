package documents

import "testing"

func TestChineseNumber(t *testing.T) {
	for n, want := range map[int]string{1: "一", 6: "六", 10: "十", 15: "十五", 20: "二十", 60: "六十", 99: "九十九", 0: "0", 100: "100", 365: "365"} {
		if got := chineseNumber(n); got != want {
			t.Errorf("chineseNumber(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestAppealRightsStateTheRulesPeriods(t *testing.T) {
	got := appealRights(appealPeriods{days: 60, months: 6})
	want := "如不服本处罚决定，可以在收到本决定书之日起六十日内依法申请行政复议，也可以在六个月内依法向人民法院提起行政诉讼。" + appealStay
	if got != want {
		t.Errorf("appealRights = %q, want %q", got, want)
	}
}
