package audit

import (
	"testing"
	"testing/fstest"

	"github.com/shejian/shejian/internal/i18n"
)

func TestRoleLabels(t *testing.T) {
	i18n.MustRegister(fstest.MapFS{
		"locale/zh-CN.json": {Data: []byte(`{"role.test_inspector": "测试检查员", "role.test_lab": "测试检验员"}`)},
		"locale/en.json":    {Data: []byte(`{"role.test_inspector": "Test inspector", "role.test_lab": "Test lab"}`)},
	}, "locale")
	tests := []struct {
		lang        i18n.Lang
		roles, want string
	}{
		{i18n.Chinese, "test_inspector", "测试检查员"},
		{i18n.Chinese, "test_inspector,test_lab", "测试检查员、测试检验员"},
		{i18n.English, "test_inspector,test_lab", "Test inspector, Test lab"},
		{i18n.Chinese, "test_inspector,retired_role", "测试检查员、retired_role"},
		{i18n.Chinese, "", ""},
	}
	for _, tt := range tests {
		if got := roleLabels(tt.lang, tt.roles); got != tt.want {
			t.Errorf("roleLabels(%s, %q) = %q, want %q", tt.lang, tt.roles, got, tt.want)
		}
	}
}
