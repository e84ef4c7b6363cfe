package sitefeed

import "testing"

// TestCheckSiteURL: CheckSiteURL accepts the site URLs Build accepts, and
// rejects the others.
func TestCheckSiteURL(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"https://example.com/", true},
		{"http://example.com", true},
		{"https://example.com/blog?x=1#top", true},
		{"  https://example.com/  ", true},
		{"HTTPS://EXAMPLE.COM/", true},
		{"", false},
		{"   ", false},
		{"example.com", false},
		{"/blog/", false},
		{"ftp://example.com/", false},
		{"https:///path", false},
		{"https://exa mple.com/", false},
	}
	for _, tt := range tests {
		err := CheckSiteURL(tt.url)
		_, berr := Build(Site{Title: "S", URL: tt.url}, nil, nil)
		if (err == nil) != tt.ok || (berr == nil) != tt.ok {
			t.Errorf("CheckSiteURL(%q) = %v, Build: %v; want ok = %v", tt.url, err, berr, tt.ok)
		}
	}
}
