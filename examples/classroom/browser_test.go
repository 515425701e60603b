package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/relationship"
)

// These tests drive a real headless Chromium. Without one they skip, saying
// how to get one; with HELPING_REQUIRE_BROWSER=1 (CI sets it) a missing
// browser is a failure. HELPING_SCREENSHOTS=DIR keeps their screenshots.

// chromium returns the path of a Chromium to drive, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no Chromium on PATH: install it (Debian: apt-get install chromium) to run the browser tests"
	if os.Getenv("HELPING_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg + "; HELPING_REQUIRE_BROWSER=1 makes a missing browser a failure")
	}
	t.Skip(msg)
	return ""
}

// startBrowser starts a headless Chromium with a fresh profile and returns
// its context; the test's cleanup stops it.
func startBrowser(t *testing.T) context.Context {
	path := chromium(t)
	profile, err := os.MkdirTemp("", "classroom-chromium-")
	require.NoError(t, err)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
	)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
		// Chromium's children may still write to the profile for a moment.
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	require.NoError(t, chromedp.Do(browser), "start Chromium")
	return browser
}

// player is one person at one browser: a browser context of their own, so
// their own cookies, and the console errors their pages logged.
type player struct {
	t    *testing.T
	name string
	ctx  context.Context

	mu     sync.Mutex
	errors []string
}

func newPlayer(t *testing.T, browser context.Context, name string) *player {
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	p := &player{t: t, name: name, ctx: ctx}
	require.NoError(t, chromedp.Do(ctx), "open %s's browser context", name)
	go func() {
		for ev, err := range chromedp.Events(ctx, runtime.ConsoleAPICalled) {
			if err != nil {
				return
			}
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				p.logError(fmt.Sprintf("console.%s", ev.Type))
			}
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(ctx, runtime.ExceptionThrown) {
			if err != nil {
				return
			}
			p.logError((&chromedp.ExceptionError{ExceptionDetails: ev.ExceptionDetails}).Error())
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(ctx, log.EntryAdded) {
			if err != nil {
				return
			}
			if ev.Entry != nil && ev.Entry.Level == log.EntryLevelError {
				p.logError(ev.Entry.Text)
			}
		}
	}()
	return p
}

func (p *player) logError(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.errors = append(p.errors, s)
}

func (p *player) consoleErrors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.errors...)
}

// do runs steps with a time limit, and fails the test naming the player.
func (p *player) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	require.NoError(p.t, p.retry(func(ctx context.Context) error { return chromedp.Do(ctx, steps...) }), "%s: %s", p.name, what)
}

// submit clicks a button that sends a form, and waits for the next page.
func (p *player) submit(what, button string) {
	p.t.Helper()
	err := p.retry(func(ctx context.Context) error {
		_, err := chromedp.Run(ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Click(chromedp.CSS(button))))
		return err
	})
	require.NoError(p.t, err, "%s: %s", p.name, what)
}

// retry runs f with a time limit, again when the page replaced the element
// f had found before f could use it: the live part of a page is replaced
// when the play moves on, and a person who has not started to use it yet
// would simply use the new one.
func (p *player) retry(f func(context.Context) error) error {
	var err error
	for range 3 {
		ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
		err = f(ctx)
		cancel()
		if err == nil || !strings.Contains(err.Error(), "No node with given id found") {
			return err
		}
	}
	return err
}

// act fills an act's fields (selector, value pairs) and sends its form.
func (p *player) act(act string, fields ...string) {
	p.t.Helper()
	var steps []chromedp.Action[chromedp.Void]
	for i := 0; i+1 < len(fields); i += 2 {
		steps = append(steps, chromedp.SetValue(chromedp.CSS(fields[i]), fields[i+1]))
	}
	p.do("fill "+act, steps...)
	p.submit(act, fmt.Sprintf(`form[aria-labelledby="h-%s"] button[type=submit]`, act))
}

// itemAct sends the first form in the live part of the page that makes
// the act on an item, once the page shows it.
func (p *player) itemAct(act string) {
	p.t.Helper()
	button := fmt.Sprintf(`#live form:has(input[name=act][value=%q]) button`, act)
	p.do("wait for "+act, chromedp.WaitVisible(chromedp.CSS(button)))
	p.submit(act, button)
}

// text returns the text of the first element a selector finds.
func (p *player) text(sel string) string {
	p.t.Helper()
	var s string
	err := p.retry(func(ctx context.Context) (err error) {
		s, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		return err
	})
	require.NoError(p.t, err, "%s: read %s", p.name, sel)
	return s
}

// eval evaluates an expression in the player's page.
func eval[T any](p *player, expr string) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	require.NoError(p.t, err, "%s: evaluate", p.name)
	return v
}

// join brings a student in with the code and their name, in a role.
func (p *player) join(base, code, role string) {
	p.t.Helper()
	p.do("open the front page", chromedp.Navigate(base),
		chromedp.SetValue(chromedp.CSS("#join-code"), code), chromedp.SetValue(chromedp.CSS("#join-name"), p.name))
	p.submit("join", `form[action="/join"] button`)
	p.takeRole(role)
}

func (p *player) takeRole(role string) {
	p.t.Helper()
	p.do("choose "+role, chromedp.Click(chromedp.CSS("#role-"+role)))
	p.submit("take the role", `form[action="/role"] button`)
	assert.Equal(p.t, role, p.text("#me-role"))
}

// screenshot keeps a picture of the part of the player's page that sel
// selects in HELPING_SCREENSHOTS, when it names a directory.
func (p *player) screenshot(name, sel string) {
	p.t.Helper()
	dir := os.Getenv("HELPING_SCREENSHOTS")
	if dir == "" {
		return
	}
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	require.NoError(p.t, err)
	path := filepath.Join(dir, name+".png")
	require.NoError(p.t, os.WriteFile(path, png, 0o644))
	p.t.Logf("screenshot of %s's page: %s", p.name, path)
}

// audit is an accessibility check of the page, written for this page: every
// control has a label, every button a name, every reference by id finds its
// element, ids are unique, the page has a language and a title, nothing is
// wider than the screen, and every text outside the pictures has a contrast
// with its background of at least 4.5:1 (3:1 for large text), as WCAG 2.1
// AA asks. It returns the problems it found.
const audit = `(() => {
  const problems = [];
  const ids = {};
  document.querySelectorAll("[id]").forEach(e => {
    if (ids[e.id]) problems.push("duplicate id " + e.id);
    ids[e.id] = true;
  });
  document.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(e => {
    if (!(e.labels && e.labels.length) && !e.getAttribute("aria-label") && !e.getAttribute("aria-labelledby"))
      problems.push("a control without a label: " + (e.id || e.name));
  });
  document.querySelectorAll("button").forEach(b => {
    if (!b.textContent.trim() && !b.getAttribute("aria-label")) problems.push("a button without a name");
  });
  document.querySelectorAll("[aria-labelledby]").forEach(e => {
    e.getAttribute("aria-labelledby").split(/\s+/).forEach(id => {
      if (!document.getElementById(id)) problems.push("aria-labelledby names no element: " + id);
    });
  });
  if (!document.documentElement.lang) problems.push("the page has no language");
  if (!document.title) problems.push("the page has no title");
  if (document.documentElement.scrollWidth > window.innerWidth + 1)
    problems.push("the page is wider than the screen: " + document.documentElement.scrollWidth + " > " + window.innerWidth);
  const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
  const lum = c => {
    const [r, g, b] = rgb(c).slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = e => {
    for (; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor, v = rgb(c);
      if (v.length === 3 || (v.length === 4 && v[3] > 0)) return c;
    }
    return "rgb(255, 255, 255)";
  };
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n; (n = walker.nextNode()); ) {
    const e = n.parentElement;
    if (!n.textContent.trim() || !e || seen.has(e) || e.closest("svg, option, script, .skip")) continue;
    seen.add(e);
    const st = getComputedStyle(e);
    if (st.display === "none" || st.visibility === "hidden" || e.getClientRects().length === 0) continue;
    const a = lum(st.color), b = lum(background(e));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(st.fontSize), bold = Number(st.fontWeight) >= 700;
    const large = size >= 24 || (size >= 18.66 && bold);
    if (ratio < (large ? 3 : 4.5))
      problems.push("contrast " + ratio.toFixed(2) + ":1 for " + JSON.stringify(n.textContent.trim().slice(0, 40)));
  }
  return problems;
})()`

// checkPage runs the accessibility audit on the player's page.
func (p *player) checkPage(where string) {
	p.t.Helper()
	assert.Empty(p.t, eval[[]string](p, audit), "%s's page %s", p.name, where)
}

// TestBrowserScene plays a short scene in a real browser: the teacher opens
// a session and takes the supervisor's part, a worker and a client join
// from browsers of their own (the client's as wide as a phone). The worker
// studies and diagnoses, the client agrees to the plan (by keyboard), the
// worker proposes coal above the threshold; the client tries to authorise
// it and reads the library's refusal; the supervisor approves, the worker
// gives it, and the client's page, not reloaded, shows it on the timeline.
// Then the server restarts, and the client's page comes back as it was.
func TestBrowserScene(t *testing.T) {
	browser := startBrowser(t)
	dir := t.TempDir()
	c := newClassroom(t, dir)
	base := c.srv.URL + "/"

	teacher := newPlayer(t, browser, "Ms. Addams")
	worker := newPlayer(t, browser, "Jane")
	client := newPlayer(t, browser, "Kasia")
	players := []*player{teacher, worker, client}
	client.do("a phone's width", chromedp.EmulateViewport(390, 844))

	teacher.do("open the front page", chromedp.Navigate(base))
	teacher.checkPage("at the front")
	teacher.do("give a name", chromedp.SetValue(chromedp.CSS("#open-name"), teacher.name))
	teacher.submit("open a session", `form[action="/open"] button`)
	code := teacher.text("#join-code")
	require.Len(t, code, codeLength)
	teacher.takeRole(roleSupervisor)
	worker.join(base, code, roleWorker)
	client.join(base, code, roleClient)
	client.checkPage("after taking the role")

	worker.act("change-phase", "#phase", "study")
	worker.act("record-evidence", "#ev-source", "a visit to the home", "#ev-summary", "one room, no fire")
	worker.act("assess-eligibility")
	worker.act("change-phase", "#phase", "diagnosis")
	worker.act("diagnose", "#dx-difficulties", "no wages since the works closed\nrent arrears")
	worker.act("propose-goal", "#goal-description", "the family warm through the winter")

	client.itemAct("agree-goal") // the goal reached the client's page without a reload
	client.do("reach the consent by keyboard", chromedp.Focus(chromedp.CSS(`form[aria-labelledby="h-give-consent"] button`)))
	ctx, cancel := context.WithTimeout(client.ctx, 30*time.Second)
	_, err := chromedp.Run(ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.KeyEvent(kb.Enter)))
	cancel()
	require.NoError(t, err, "consent by keyboard")
	assert.Contains(t, client.text("#notice"), "consents to the plan")

	worker.act("change-phase", "#phase", "treatment")
	worker.act("propose-provision", "#prov-resource", "coal", "#prov-quantity", "3", "#prov-purpose", "a fire for the cold weeks")

	client.itemAct("authorise-provision")
	s := c.session(code)
	want := (&relationship.PermissionError{Actor: s.record().Client, Role: relationship.RoleClient, Act: casework.ActAuthoriseProvision}).Error()
	assert.Equal(t, want, client.text("#refusal-error"), "the refusal is the library's own error")
	rule, _ := casework.Rights().Rule(casework.ActAuthoriseProvision)
	assert.Equal(t, rule.Why, client.text("#refusal-why"), "the refusal gives the tradition's rule")
	assert.Equal(t, "worker", client.text("#refusal-who"))
	client.screenshot("1-client-refused", "#refusal")
	client.checkPage("with a refusal")

	teacher.do("see the proposal", chromedp.Navigate(base+"play"))
	teacher.itemAct("approve-provision")
	worker.do("see the approval", chromedp.Navigate(base+"play"))
	worker.itemAct("authorise-provision")

	client.do("the timeline shows the coal, without a reload",
		chromedp.WaitVisible(chromedp.CSS(`#timeline .marker-provision-given`)))
	assert.Contains(t, client.text("#refusal-error"), "may not", "the client's page was not reloaded")
	assert.Contains(t, client.text("#provisions"), "authorised")
	client.screenshot("2-client-timeline", "#timeline")
	client.checkPage("after the live update")
	worker.checkPage("after giving the coal")
	teacher.checkPage("after the approval")

	for _, p := range players {
		assert.Empty(t, p.consoleErrors(), "%s's pages logged errors", p.name)
	}

	// While the server is down, the pages that poll it fail to reach it and
	// say so in their consoles: that is the restart, not a fault of a page.
	// From here on only the client's page, which goes to the new server, is
	// held to having no errors.
	status := client.text("#live-status")
	provisions := client.text("#provisions")
	c.stop()
	again := newClassroom(t, dir)
	client.do("leave the old server's page", chromedp.Navigate("about:blank"))
	before := len(client.consoleErrors())
	client.do("come back after the restart", chromedp.Navigate(again.srv.URL+"/play"))
	assert.Equal(t, status, client.text("#live-status"), "the session came back as it was")
	assert.Equal(t, provisions, client.text("#provisions"))
	assert.Equal(t, "client", client.text("#me-role"), "the person is still who they were")
	client.screenshot("3-client-after-restart", "#live")

	client.do("let the page poll the new server", chromedp.Sleep(3*time.Second))
	assert.Empty(t, client.consoleErrors()[before:], "the client's page logged errors after the restart")
}

// waitFor waits until the page's text holds want.
func (p *player) waitFor(want string) {
	p.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(eval[string](p, "document.body.innerText"), want) {
		if time.Now().After(deadline) {
			p.t.Fatalf("%s's page never showed %q", p.name, want)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// TestBrowserSecretRankedVote plays the club's vote in a real browser: five
// members and the facilitator, each in a browser context of their own. The
// members join, one proposes the Tennessee question under instant runoff
// with a secret ballot and results hidden; the facilitator tries to vote and
// reads the library's refusal; the members vote, and no page shows a count
// while the vote is open; the proposer closes it, and every member's page,
// without a reload, shows that Knoxville was chosen.
func TestBrowserSecretRankedVote(t *testing.T) {
	browser := startBrowser(t)
	c := newClassroom(t, t.TempDir())
	base := c.srv.URL + "/"

	facilitator := newPlayer(t, browser, "Ruth")
	facilitator.do("open the front page", chromedp.Navigate(base), chromedp.SetValue(chromedp.CSS("#open-name"), facilitator.name))
	facilitator.submit("open a session", `form[action="/open"] button`)
	code := facilitator.text("#join-code")
	facilitator.takeRole(roleFacilitator)
	players := []*player{facilitator}
	var members []*player
	for _, name := range []string{"Rosa", "Hannah", "Ilse", "Bridget", "Katarzyna"} {
		m := newPlayer(t, browser, name)
		m.join(base, code, roleMember)
		m.act("join") // under the name they gave, which the form offers
		members = append(members, m)
		players = append(players, m)
	}
	proposer := members[0]
	proposer.do("tick secret and hidden", chromedp.Click(chromedp.CSS("#prop-secret")), chromedp.Click(chromedp.CSS("#prop-hidden")))
	proposer.act("propose", "#prop-title", "Where shall the capital of Tennessee be?", "#prop-rule", "instant-runoff",
		"#prop-options", tennesseeOptions)

	// The facilitator ranks Knoxville first, and is refused.
	facilitator.do("see the proposal", chromedp.Navigate(base+"play"),
		chromedp.SetValue(chromedp.CSS(`#live form.vote select[name="rank-3"]`), "1"))
	facilitator.submit("vote", `#live form.vote button`)
	assert.Contains(t, facilitator.text("#refusal-error"), "the group's settings do not let the facilitator vote")
	rule, _ := groupwork.Rights().Rule(groupwork.ActVote)
	assert.Equal(t, rule.Why, facilitator.text("#refusal-why"))
	facilitator.checkPage("with the refusal of a vote")

	noCount := func(when string) {
		for _, p := range players {
			text := eval[string](p, "document.body.innerText")
			for _, count := range []string{"resolution:", "eligible;", "running count"} {
				assert.NotContains(t, text, count, "%s's page shows a count %s", p.name, when)
			}
		}
	}
	for i, m := range members {
		m.do("see the proposal", chromedp.Navigate(base+"play"))
		var steps []chromedp.Action[chromedp.Void]
		for o, r := range tennessee[i] {
			steps = append(steps, chromedp.SetValue(chromedp.CSS(fmt.Sprintf(`#live form.vote select[name="rank-%d"]`, o)), r))
		}
		m.do("rank the cities", steps...)
		m.submit("vote", `#live form.vote button`)
		assert.Contains(t, m.text("#notice"), "Your ballot is cast")
		noCount(fmt.Sprintf("after %d votes", i+1))
	}
	members[1].screenshot("4-member-vote-open", "#proposals")

	proposer.itemAct("close-proposal")
	for _, m := range members[1:] {
		m.waitFor("resolution: chosen: Knoxville") // their pages were not reloaded
	}
	members[1].screenshot("5-member-vote-closed", "#proposals")
	for _, p := range players {
		p.checkPage("after the vote")
		assert.Empty(t, p.consoleErrors(), "%s's pages logged errors", p.name)
	}
}
