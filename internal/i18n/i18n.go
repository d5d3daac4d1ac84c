// Package i18n translates message keys into Simplified Chinese (the default) or English.
// Each package ships its own catalogs (locale/zh-CN.json, locale/en.json) and registers them
// at init, so a capability owns its words the way it owns its SQL.
package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
)

// Lang is a supported language tag.
type Lang string

// Supported languages; Chinese is the default.
const (
	Chinese Lang = "zh-CN"
	English Lang = "en"
)

// Langs lists the supported languages, default first.
var Langs = []Lang{Chinese, English}

// Parse returns the supported language named by s, or Chinese.
func Parse(s string) Lang {
	if strings.HasPrefix(strings.ToLower(s), "en") {
		return English
	}
	return Chinese
}

var (
	mu       sync.RWMutex
	catalogs = map[Lang]map[string]string{Chinese: {}, English: {}}
)

// MustRegister merges the catalogs dir/zh-CN.json and dir/en.json of fsys. A key registered
// twice with a different text panics: it would make one package's words depend on init order.
func MustRegister(fsys fs.FS, dir string) {
	for _, l := range Langs {
		body, err := fs.ReadFile(fsys, path.Join(dir, string(l)+".json"))
		if err != nil {
			panic(fmt.Sprintf("i18n: read %s catalog in %s: %v", l, dir, err))
		}
		var entries map[string]string
		if err := json.Unmarshal(body, &entries); err != nil {
			panic(fmt.Sprintf("i18n: parse %s catalog in %s: %v", l, dir, err))
		}
		mu.Lock()
		for k, v := range entries {
			if old, ok := catalogs[l][k]; ok && old != v {
				mu.Unlock()
				panic(fmt.Sprintf("i18n: key %q registered twice in %s", k, l))
			}
			catalogs[l][k] = v
		}
		mu.Unlock()
	}
}

// T translates key into lang, replacing {name} placeholders from params. A missing key
// falls back to Chinese, then to the key itself, so a gap shows rather than hides.
func T(lang Lang, key string, params map[string]any) string {
	mu.RLock()
	text, ok := catalogs[lang][key]
	if !ok {
		text, ok = catalogs[Chinese][key]
	}
	mu.RUnlock()
	if !ok {
		text = key
	}
	if len(params) == 0 || !strings.Contains(text, "{") {
		return text
	}
	pairs := make([]string, 0, 2*len(params))
	for k, v := range params {
		pairs = append(pairs, "{"+k+"}", fmt.Sprint(v))
	}
	return strings.NewReplacer(pairs...).Replace(text)
}

// Has reports whether key exists in lang's catalog.
func Has(lang Lang, key string) bool {
	mu.RLock()
	defer mu.RUnlock()
	_, ok := catalogs[lang][key]
	return ok
}

// Keys lists every key of lang, sorted; tests use it to find keys missing in a language.
func Keys(lang Lang) []string {
	mu.RLock()
	defer mu.RUnlock()
	keys := make([]string, 0, len(catalogs[lang]))
	for k := range catalogs[lang] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
