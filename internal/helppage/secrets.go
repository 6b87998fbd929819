package helppage

import (
	"strings"

	yaml "github.com/oasdiff/yaml3"
)

// extSecret is spec.ExtensionSecret: the journal, the request log and verify's reports
// show the member's values as [redacted].
const extSecret = "x-helpmock-secret"

// markSecret sets extSecret on s, the schema of member m, when m is a string whose name
// says it holds a credential (isSecretName). The overlay can set or unset it for any
// other member.
func markSecret(s *yaml.Node, m *member) {
	if m.t != nil && m.t.kind == kString && isSecretName(m.name) {
		set(s, extSecret, toNode(true))
	}
}

// isSecretName reports whether a member's name says it holds a credential: compared
// without case, '_' and '-', it contains "password", or ends with "token", "secret",
// "apikey" or "passwd" (password, NewPassword, AccessToken, refresh_token, apiKey,
// ClientSecret). AccessTokenOld and TokenType are not: the overlay marks such members.
func isSecretName(name string) bool {
	n := strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(name))
	if strings.Contains(n, "password") {
		return true
	}
	for _, suffix := range []string{"token", "secret", "apikey", "passwd"} {
		if strings.HasSuffix(n, suffix) {
			return true
		}
	}
	return false
}
