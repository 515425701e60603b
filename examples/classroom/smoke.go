package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"
)

// smoke plays one short scene against the server at base, as a browser
// would: a teacher opens a session, takes the worker's role and moves the
// case to study. It fails unless every page answers and the case moved.
func smoke(ctx context.Context, base string, w io.Writer) error {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return err
	}
	client := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	steps := []struct {
		what, path string
		form       url.Values
		want       string
	}{
		{"the front page", "/", nil, "Join a session"},
		{"open a session", "/open", url.Values{"name": {"the teacher"}}, "Join code"},
		{"take the worker's role", "/role", url.Values{"role": {roleWorker}}, "playing <strong id=\"me-role\">worker</strong>"},
		{"move the case to study", "/act", url.Values{"act": {"change-phase"}, "phase": {"study"}}, "The case is in study"},
	}
	for _, s := range steps {
		var req *http.Request
		if s.form == nil {
			req, err = http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(base, "/")+s.path, nil)
		} else {
			req, err = http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(base, "/")+s.path, strings.NewReader(s.form.Encode()))
			if err == nil {
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
		}
		if err != nil {
			return err
		}
		resp, err := client.Do(req)
		if err != nil {
			return fmt.Errorf("smoke: %s: %w", s.what, err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return fmt.Errorf("smoke: %s: %w", s.what, err)
		}
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), s.want) {
			return fmt.Errorf("smoke: %s: status %d, and the page lacks %q", s.what, resp.StatusCode, s.want)
		}
		fmt.Fprintf(w, "smoke: %s: ok\n", s.what)
	}
	return nil
}
