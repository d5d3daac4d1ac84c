package access

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shejian/shejian/internal/apperr"
)

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 10

// checkPassword applies the password policy: at least MinPasswordLength characters, at
// least two of letters, digits and other characters, and not containing the login.
func checkPassword(c *apperr.Collector, login, password string) {
	if utf8.RuneCountInString(password) < MinPasswordLength {
		c.Add("password", "password_length", map[string]any{"min": MinPasswordLength})
		return
	}
	var letter, digit, other bool
	for _, r := range password {
		switch {
		case unicode.IsLetter(r):
			letter = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
	}
	if classes := btoi(letter) + btoi(digit) + btoi(other); classes < 2 {
		c.Add("password", "password_classes", nil)
		return
	}
	if login != "" && strings.Contains(strings.ToLower(password), strings.ToLower(login)) {
		c.Add("password", "password_contains_login", nil)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// temporaryPassword is what an admin's reset gives an account: random, shown once, and
// within the policy (letters, digits and a hyphen).
func temporaryPassword() string {
	return "Tmp-" + newSecret("")[:12] + "-7"
}
