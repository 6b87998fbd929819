package helppage

import "testing"

func TestIsSecretName(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"password", true}, {"Password", true}, {"NewPassword", true}, {"passwordHash", true},
		{"AccessToken", true}, {"RefreshAccessToken", true}, {"refreshToken", true},
		{"access_token", true}, {"refresh_token", true}, {"id-token", true}, {"Token", true},
		{"secret", true}, {"ClientSecret", true}, {"apiKey", true}, {"api_key", true}, {"passwd", true},
		{"TokenType", false}, {"AccessTokenOld", false}, {"UserName", false}, {"stateCode", false},
		{"Expires", false}, {"ErrorCode", false}, {"Key", false},
	} {
		if got := isSecretName(tc.name); got != tc.want {
			t.Errorf("isSecretName(%q) = %t, want %t", tc.name, got, tc.want)
		}
	}
}
