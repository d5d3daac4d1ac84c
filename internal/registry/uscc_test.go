package registry

import "testing"

func TestUSCCRule(t *testing.T) {
	tests := []struct {
		code, want string
	}{
		{"91350100M000100Y43", ""}, // a published company code
		{"91110000600037341L", ""}, // another published code
		{"91350100M000100Y44", "uscc_checksum"},
		{"91350100M000100Y4", "uscc_length"},
		{"91350100M000100I43", "uscc_charset"},
		{"B1350100M000100Y43", "uscc_authority"},
		{"9135A100M000100Y43", "uscc_region"},
		{"", "required"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			if got := USCCRule(tt.code); got != tt.want {
				t.Fatalf("USCCRule(%q) = %q, want %q", tt.code, got, tt.want)
			}
		})
	}
}

func TestLicenceRule(t *testing.T) {
	production, _ := CategoryByCode(CategoryProduction)
	catering, _ := CategoryByCode(CategoryCatering)
	sales, _ := CategoryByCode(CategorySales)
	eatery, _ := CategoryByCode(CategorySmallEatery)
	tests := []struct {
		name string
		cat  Category
		kind string
		no   string
		want string
	}{
		{"production ok", production, "", "SC10633010200123", ""},
		{"production short", production, "", "SC1063301020012", "licence_sc_format"},
		{"production with JY", production, "", "JY23301020001234", "licence_sc_format"},
		{"restaurant ok", catering, "restaurant", "JY23301020001234", ""},
		{"school canteen needs 3", catering, "school_canteen", "JY23301020001234", "licence_jy_kind"},
		{"school canteen ok", catering, "school_canteen", "JY33301020001234", ""},
		{"sales needs 1", sales, "supermarket", "JY23301020001234", "licence_jy_kind"},
		{"bad operator digit", sales, "", "JY43301020001234", "licence_jy_format"},
		{"filing free format", eatery, "", "浙食登（2024）第0012号", ""},
		{"filing may be empty", eatery, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LicenceRule(tt.cat, tt.kind, tt.no); got != tt.want {
				t.Fatalf("LicenceRule(%q) = %q, want %q", tt.no, got, tt.want)
			}
		})
	}
}

func TestIDNumberCheckChar(t *testing.T) {
	// GB 11643-1999 appendix example.
	if got := IDNumberCheckChar("11010519491231002"); got != 'X' {
		t.Fatalf("check char = %c, want X", got)
	}
}
