package i18n

import (
	"testing"
	"testing/fstest"
)

func TestTranslate(t *testing.T) {
	MustRegister(fstest.MapFS{
		"l/zh-CN.json": {Data: []byte(`{"t.hello":"你好，{name}","t.only_zh":"仅中文"}`)},
		"l/en.json":    {Data: []byte(`{"t.hello":"Hello, {name}"}`)},
	}, "l")
	tests := []struct {
		lang Lang
		key  string
		want string
	}{
		{Chinese, "t.hello", "你好，王"},
		{English, "t.hello", "Hello, 王"},
		{English, "t.only_zh", "仅中文"},
		{English, "t.missing", "t.missing"},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang)+"/"+tt.key, func(t *testing.T) {
			if got := T(tt.lang, tt.key, map[string]any{"name": "王"}); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Lang{"en": English, "en-US": English, "zh-CN": Chinese, "": Chinese, "fr": Chinese} {
		if got := Parse(in); got != want {
			t.Errorf("Parse(%q) = %q, want %q", in, got, want)
		}
	}
}
