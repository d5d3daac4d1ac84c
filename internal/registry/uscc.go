package registry

import "strings"

// USCCAlphabet is the GB 32100-2015 character set of the unified social credit code
// (统一社会信用代码): digits and capital letters without I, O, Z, S and V.
const USCCAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// usccWeights are 3^i mod 31 for the 17 information characters (GB 32100-2015 §5).
var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// USCCCheckChar computes the check character of the first 17 characters of a USCC; ok is
// false when a character is outside the alphabet or the length is not 17.
func USCCCheckChar(first17 string) (byte, bool) {
	if len(first17) != 17 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(USCCAlphabet, first17[i])
		if v < 0 {
			return 0, false
		}
		sum += v * usccWeights[i]
	}
	return USCCAlphabet[(31-sum%31)%31], true
}

// USCCRule returns the rule key a USCC breaks, or "" when it is valid: 18 characters of the
// alphabet, a known registration-authority and kind pair, a six-digit region code, and the
// check character.
func USCCRule(code string) string {
	switch {
	case code == "":
		return "required"
	case len(code) != 18:
		return "uscc_length"
	case strings.Trim(code, USCCAlphabet) != "":
		return "uscc_charset"
	case !validAuthorityKind(code[0], code[1]):
		return "uscc_authority"
	case strings.Trim(code[2:8], "0123456789") != "":
		return "uscc_region"
	}
	if check, _ := USCCCheckChar(code[:17]); check != code[17] {
		return "uscc_checksum"
	}
	return ""
}

// validAuthorityKind checks the registration-authority code (登记管理部门码) and the
// organisation-kind code (机构类别码) of GB 32100-2015 table 1.
func validAuthorityKind(authority, kind byte) bool {
	kinds := map[byte]string{
		'1': "129", '2': "19", '3': "123456789", '4': "19", '5': "1239",
		'6': "129", '7': "129", '8': "19", '9': "123", 'A': "19", 'N': "1239", 'Y': "1",
	}
	allowed, ok := kinds[authority]
	return ok && strings.IndexByte(allowed, kind) >= 0
}
