package main

import (
	"bytes"
	"context"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/relationship"
)

// syncBuffer is a log destination the server may write from many requests.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// classroom is a server under test, on a data directory of its own.
type classroom struct {
	t   *testing.T
	dir string
	app *app
	srv *httptest.Server
	log *syncBuffer
}

func newClassroom(t *testing.T, dir string) *classroom {
	t.Helper()
	return newClassroomOn(t, dir, "")
}

// newClassroomOn is newClassroom with the records in the PostgreSQL
// database at postgresURL, if it is not empty.
func newClassroomOn(t *testing.T, dir, postgresURL string) *classroom {
	t.Helper()
	logs := &syncBuffer{}
	a, err := openApp(context.Background(), dir, postgresURL, slog.New(slog.NewTextHandler(logs, nil)))
	require.NoError(t, err)
	c := &classroom{t: t, dir: dir, app: a, srv: httptest.NewServer(a.Handler()), log: logs}
	t.Cleanup(c.stop)
	return c
}

// stop shuts the server and closes its journal; it may be called twice.
func (c *classroom) stop() {
	if c.srv == nil {
		return
	}
	c.srv.Close()
	require.NoError(c.t, c.app.Close())
	c.srv = nil
}

// browser is one person's browser: a cookie jar of its own.
type browser struct {
	t       *testing.T
	c       *classroom
	client  *http.Client
	refused string // the refusedHeader of the last answer: why an act was refused
}

func (c *classroom) browser() *browser {
	jar, err := cookiejar.New(nil)
	require.NoError(c.t, err)
	return &browser{t: c.t, c: c, client: &http.Client{Jar: jar}}
}

// post submits a form and returns the final status and page.
func (b *browser) post(path string, form url.Values) (int, string) {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.c.srv.URL+path, strings.NewReader(form.Encode()))
	require.NoError(b.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

func (b *browser) get(path string) (int, string) {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, b.c.srv.URL+path, nil)
	require.NoError(b.t, err)
	return b.do(req)
}

func (b *browser) do(req *http.Request) (int, string) {
	b.t.Helper()
	resp, err := b.client.Do(req)
	require.NoError(b.t, err)
	defer resp.Body.Close()
	b.refused = resp.Header.Get(refusedHeader)
	body, err := io.ReadAll(resp.Body)
	require.NoError(b.t, err)
	return resp.StatusCode, string(body)
}

// act posts an act with its fields, given as name, value pairs.
func (b *browser) act(name string, kv ...string) (int, string) {
	b.t.Helper()
	form := url.Values{"act": {name}}
	for i := 0; i+1 < len(kv); i += 2 {
		form.Add(kv[i], kv[i+1])
	}
	return b.post("/act", form)
}

// mustAct posts an act that must succeed.
func (b *browser) mustAct(name string, kv ...string) string {
	b.t.Helper()
	status, page := b.act(name, kv...)
	require.Equal(b.t, http.StatusOK, status, "act %s", name)
	require.Empty(b.t, b.refused, "act %s: %s", name, refusalOf(page))
	return page
}

var codeRE = regexp.MustCompile(`id="join-code" class="code">([A-Z0-9]+)<`)

// openSession opens a session as the teacher and returns the join code.
func (b *browser) openSession() string {
	b.t.Helper()
	status, page := b.post("/open", url.Values{"name": {"Ms. Addams"}})
	require.Equal(b.t, http.StatusOK, status)
	m := codeRE.FindStringSubmatch(page)
	require.NotNil(b.t, m, "no join code on the teacher's page")
	return m[1]
}

func (b *browser) join(code, name, role string) {
	b.t.Helper()
	status, _ := b.post("/join", url.Values{"code": {code}, "name": {name}})
	require.Equal(b.t, http.StatusOK, status)
	if role != "" {
		b.takeRole(role)
	}
}

func (b *browser) takeRole(role string) {
	b.t.Helper()
	status, page := b.post("/role", url.Values{"role": {role}})
	require.Equal(b.t, http.StatusOK, status)
	require.Empty(b.t, b.refused, refusalOf(page))
}

var refusalRE = regexp.MustCompile(`(?s)<section class="refusal".*?</section>`)

// refusalOf returns the refusal shown on a page, for messages.
func refusalOf(page string) string { return refusalRE.FindString(page) }

// session returns the server's session for a code.
func (c *classroom) session(code string) *session {
	c.app.mu.Lock()
	defer c.app.mu.Unlock()
	return c.app.sessions[code]
}

// cast is a session with a person in each role of the case.
type cast struct {
	code                    string
	teacher, worker, client *browser
	supervisor, facilitator *browser
	members                 []*browser
	rec                     sessionRecord
	classroom               *classroom
	goal, provision         string
}

func newCast(t *testing.T, c *classroom, members int) *cast {
	k := &cast{classroom: c, teacher: c.browser()}
	k.code = k.teacher.openSession()
	k.worker, k.client, k.supervisor, k.facilitator = c.browser(), c.browser(), c.browser(), c.browser()
	k.worker.join(k.code, "Jane", roleWorker)
	k.client.join(k.code, "Kasia", roleClient)
	k.supervisor.join(k.code, "Ellen", roleSupervisor)
	k.facilitator.join(k.code, "Ruth", roleFacilitator)
	for i := range members {
		m := c.browser()
		m.join(k.code, "member"+string(rune('A'+i)), roleMember)
		k.members = append(k.members, m)
	}
	k.rec = c.session(k.code).record()
	return k
}

// toTreatment takes the case through study and diagnosis to treatment,
// each act by the role that may make it, and proposes three hundredweight
// of coal: above the threshold of two.
func (k *cast) toTreatment(t *testing.T) {
	w, cl := k.worker, k.client
	w.mustAct("change-phase", "phase", "study")
	w.mustAct("record-evidence", "kind", "real", "source", "a visit to the home", "summary", "no fire in the grate")
	w.mustAct("assess-eligibility")
	w.mustAct("change-phase", "phase", "diagnosis")
	w.mustAct("diagnose", "difficulties", "no wages\nrent arrears")
	w.mustAct("propose-goal", "description", "the family warm through the winter")
	s := k.classroom.session(k.code)
	for g := range s.c.Goals() {
		k.goal = g.ID().String()
	}
	cl.mustAct("agree-goal", "goal", k.goal)
	cl.mustAct("give-consent")
	w.mustAct("change-phase", "phase", "treatment")
	w.mustAct("propose-provision", "resource", "coal", "quantity", "3", "purpose", "a fire for the cold weeks")
	for p := range s.c.Provisions() {
		k.provision = p.ID().String()
	}
	require.NotEmpty(t, k.provision)
}

func TestActsAreRefusedWithTheLibrarysExplanation(t *testing.T) {
	c := newClassroom(t, t.TempDir())
	k := newCast(t, c, 1)
	k.toTreatment(t)
	k.members[0].mustAct("join", "name", "Bridget")

	rule := func(rights *relationship.Rights, act relationship.Act) relationship.Rule {
		r, ok := rights.Rule(act)
		require.True(t, ok)
		return r
	}
	tests := []struct {
		name   string
		by     *browser
		act    string
		fields []string
		status string // the refusedHeader: "power" or "rule"
		error  string // the library's error, as the page must show it
		why    string // the rights table's reason, when the refusal is about power
	}{
		{
			name: "the client may not authorise relief", by: k.client, act: "authorise-provision", fields: []string{"provision", k.provision},
			status: "power",
			error:  (&relationship.PermissionError{Actor: k.rec.Client, Role: relationship.RoleClient, Act: casework.ActAuthoriseProvision}).Error(),
			why:    rule(casework.Rights(), casework.ActAuthoriseProvision).Why,
		},
		{
			name: "the worker may not consent for the client", by: k.worker, act: "give-consent",
			status: "power",
			error:  (&relationship.PermissionError{Actor: k.rec.Worker, Name: "the agent", Role: relationship.RoleWorker, Act: casework.ActGiveConsent}).Error(),
			why:    rule(casework.Rights(), casework.ActGiveConsent).Why,
		},
		{
			name: "the worker may not give relief above the threshold unapproved", by: k.worker, act: "authorise-provision", fields: []string{"provision", k.provision},
			status: "rule", error: "approval",
		},
		{
			name: "the facilitator may not join the club", by: k.facilitator, act: "join", fields: []string{"name", "Ruth"},
			status: "power",
			error:  (&relationship.PermissionError{Actor: k.rec.Facilitator, Name: "the club's group worker", Role: relationship.RoleFacilitator, Act: groupwork.ActJoin}).Error(),
			why:    rule(groupwork.Rights(), groupwork.ActJoin).Why,
		},
		{
			name: "a member may not convene the club's meetings", by: k.members[0], act: "convene-meeting", fields: []string{"place", "the kitchen"},
			status: "power", why: rule(groupwork.Rights(), groupwork.ActConveneMeeting).Why,
		},
		{
			name: "a club member is no party to the case", by: k.members[0], act: "approve-provision", fields: []string{"provision", k.provision},
			status: "power", error: (&relationship.PartyError{Party: c.personParty(k.members[0])}).Error(),
		},
		{
			name: "the teacher without a role acts as no one", by: k.teacher, act: "change-phase", fields: []string{"phase", "evaluation"},
			status: "power",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := c.session(k.code).c.Version()
			status, page := tt.by.act(tt.act, tt.fields...)
			assert.Equal(t, http.StatusOK, status, "the play is drawn, with the refusal in it")
			assert.Equal(t, tt.status, tt.by.refused)
			shown := refusalOf(page)
			require.NotEmpty(t, shown, "no refusal on the page")
			if tt.error != "" {
				has(t, true, shown, html.EscapeString(tt.error))
			}
			if tt.why != "" {
				has(t, true, shown, html.EscapeString(tt.why))
			}
			assert.Equal(t, before, c.session(k.code).c.Version(), "a refused act changed the case")
		})
	}

	t.Run("the supervisor approves, the worker gives, the pool shrinks", func(t *testing.T) {
		k.supervisor.mustAct("approve-provision", "provision", k.provision)
		page := k.worker.mustAct("authorise-provision", "provision", k.provision)
		has(t, true, page, "coal: 57 hundredweight")
		_, clientPage := k.client.get("/live")
		has(t, true, clientPage, `<strong class="state">authorised</strong>`)
		has(t, true, clientPage, "<svg", "the timeline is drawn for the client")
	})
}

// personParty returns the party a browser's person acts as.
func (c *classroom) personParty(b *browser) relationship.PartyID {
	u, err := url.Parse(c.srv.URL)
	require.NoError(c.t, err)
	for _, ck := range b.client.Jar.Cookies(u) {
		if ck.Name == cookieName {
			p, _, ok := c.app.personOf(ck.Value)
			require.True(c.t, ok)
			return p.Party
		}
	}
	c.t.Fatal("no cookie")
	return relationship.PartyID{}
}

func TestJoinCodes(t *testing.T) {
	c := newClassroom(t, t.TempDir())
	codes := map[string]bool{}
	for range 20 {
		code := c.browser().openSession()
		assert.Len(t, code, codeLength)
		assert.Equal(t, "", strings.Trim(code, codeAlphabet), "a code outside the alphabet: %s", code)
		assert.False(t, codes[code], "a code repeated")
		codes[code] = true
	}
	var code string
	for k := range codes {
		code = k
	}
	tests := []struct {
		name, code, student string
		status              int
	}{
		{"typed in lower case with a hyphen", strings.ToLower(code[:4] + "-" + code[4:]), "Ada", http.StatusOK},
		{"a wrong code", "ZZZZZZZZ", "Ada", http.StatusNotFound},
		{"no name", code, "", http.StatusBadRequest},
		{"a name too long", code, strings.Repeat("a", maxName+1), http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _ := c.browser().post("/join", url.Values{"code": {tt.code}, "name": {tt.student}})
			assert.Equal(t, tt.status, status)
		})
	}
}

func TestARoleHeldByOnePersonCannotBeTakenTwice(t *testing.T) {
	c := newClassroom(t, t.TempDir())
	teacher := c.browser()
	code := teacher.openSession()
	first, second := c.browser(), c.browser()
	first.join(code, "Jane", roleWorker)
	second.join(code, "John", "")
	_, page := second.post("/role", url.Values{"role": {roleWorker}})
	assert.Equal(t, "rule", second.refused)
	assert.Contains(t, refusalOf(page), html.EscapeString(errRoleTaken.Error()))
	second.post("/role", url.Values{"role": {"mayor"}})
	assert.Equal(t, "rule", second.refused)
	second.takeRole(roleMember)
	second.post("/role", url.Values{"role": {roleClient}})
	assert.Equal(t, "rule", second.refused, "a role once taken is kept")
}

func TestCrossOriginRequestsAreRefused(t *testing.T) {
	c := newClassroom(t, t.TempDir())
	k := newCast(t, c, 0)
	before := c.session(k.code).c.Version()
	tests := []struct {
		name   string
		header map[string]string
		status int
	}{
		{"a cross-site fetch", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"another origin", map[string]string{"Origin": "http://evil.example"}, http.StatusForbidden},
		{"the same origin", map[string]string{"Sec-Fetch-Site": "same-origin"}, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodPost, c.srv.URL+"/act",
				strings.NewReader(url.Values{"act": {"change-phase"}, "phase": {"study"}}.Encode()))
			require.NoError(t, err)
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			status, _ := k.worker.do(req)
			assert.Equal(t, tt.status, status)
		})
	}
	assert.Equal(t, before+1, c.session(k.code).c.Version(), "only the same-origin request changed the case")
}

func TestInputLimits(t *testing.T) {
	c := newClassroom(t, t.TempDir())
	k := newCast(t, c, 0)
	tests := []struct {
		name   string
		form   url.Values
		status int
		shown  string
	}{
		{"a body over the limit", url.Values{"act": {"propose-goal"}, "description": {strings.Repeat("x", maxBody)}},
			http.StatusRequestEntityTooLarge, "too large"},
		{"a phase that does not exist", url.Values{"act": {"change-phase"}, "phase": {strings.Repeat("x", maxShort+1)}},
			http.StatusOK, "the form: "},
		{"a goal over its limit", url.Values{"act": {"propose-goal"}, "description": {strings.Repeat("é", maxShort+1)}},
			http.StatusOK, "the form: the goal is 121 characters long; the most is 120"},
		{"an act that does not exist", url.Values{"act": {"abolish-poverty"}}, http.StatusBadRequest, "no such act"},
		{"a quantity that is not a number", url.Values{"act": {"propose-provision"}, "resource": {"coal"}, "quantity": {"lots"}, "purpose": {"x"}},
			http.StatusOK, "the quantity must be a whole number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := c.session(k.code).c.Version()
			status, page := k.worker.post("/act", tt.form)
			assert.Equal(t, tt.status, status)
			if status == http.StatusOK {
				assert.Equal(t, "form", k.worker.refused)
			}
			has(t, true, page, tt.shown)
			assert.Equal(t, before, c.session(k.code).c.Version())
		})
	}
	t.Run("without a session", func(t *testing.T) {
		status, _ := c.browser().act("change-phase", "phase", "study")
		assert.Equal(t, http.StatusUnauthorized, status)
	})
}

// tennessee are the ballots of the Tennessee capital example, for five
// voters: Memphis leads the first round, Knoxville wins the runoff.
var tennesseeOptions = "Memphis\nNashville\nChattanooga\nKnoxville"

// rankings give each voter's ranks of Memphis, Nashville, Chattanooga and
// Knoxville (rank-0 .. rank-3).
var tennessee = [][]string{
	{"1", "2", "3", "4"}, // Memphis first
	{"1", "2", "3", "4"},
	{"4", "1", "2", "3"}, // Nashville first
	{"4", "3", "2", "1"}, // Knoxville first
	{"4", "3", "2", "1"},
}

func TestSecretRankedVote(t *testing.T) {
	c := newClassroom(t, t.TempDir())
	k := newCast(t, c, 5)
	for i, m := range k.members {
		m.mustAct("join", "name", "member "+string(rune('A'+i)), "strength0kind", "informational", "strength0", "reading")
	}
	k.members[0].mustAct("propose", "title", "Where shall the capital be?", "rule", groupwork.RuleInstantRunoff.String(),
		"options", tennesseeOptions, "secret", "1", "hidden", "1")
	var proposal string
	for p := range c.session(k.code).g.Proposals() {
		proposal = p.ID().String()
	}

	_, page := k.facilitator.act("vote", "proposal", proposal, "rank-3", "1")
	assert.Equal(t, "power", k.facilitator.refused, "the facilitator does not vote")
	assert.Contains(t, refusalOf(page), "the group&#39;s settings do not let the facilitator vote")

	for i, m := range k.members {
		fields := []string{"proposal", proposal}
		for o, r := range tennessee[i] {
			fields = append(fields, "rank-"+string(rune('0'+o)), r)
		}
		m.mustAct("vote", fields...)
		for _, b := range append([]*browser{k.teacher, k.facilitator}, k.members...) {
			_, live := b.get("/live")
			has(t, false, live, "resolution:", "a page shows a count while the vote is open")
			has(t, false, live, "eligible;", "a page shows a count while the vote is open")
		}
	}
	k.client.act("vote", "proposal", proposal, "rank-0", "1")
	assert.Equal(t, "power", k.client.refused, "the case's client is no member of the club")
	k.members[1].mustAct("vote", "proposal", proposal, "rank-0", "1", "rank-1", "2", "rank-2", "3", "rank-3", "4")

	k.members[0].mustAct("close-proposal", "proposal", proposal)
	_, live := k.client.get("/live")
	has(t, true, live, "resolution: chosen: Knoxville")
	k.members[2].act("vote", "proposal", proposal, "rank-0", "1")
	assert.Equal(t, "rule", k.members[2].refused, "no vote after the close")
	report := regexp.MustCompile(`(?s)<pre class="report".*?</pre>`).FindString(live)
	require.NotEmpty(t, report)
	for _, m := range k.members {
		has(t, false, report, c.personParty(m).String(), "a secret ballot names a voter")
	}
}

func TestTheLogHoldsNoNamesCodesOrTexts(t *testing.T) {
	c := newClassroom(t, t.TempDir())
	k := newCast(t, c, 1)
	k.worker.mustAct("change-phase", "phase", "study")
	k.worker.mustAct("record-evidence", "kind", "testimonial", "source", "Mrs. Brennan, landlady", "summary", "drinks on paydays")
	k.members[0].mustAct("join", "name", "Bridget O'Leary")
	k.worker.act("propose-goal", "description", "a secret aim of the plan")
	log := c.log.String()
	require.Contains(t, log, `route="POST /act"`, "the log records requests")
	for _, secret := range []string{k.code, "Kasia", "Jane", "Ms. Addams", "Bridget", "Brennan", "drinks", "secret aim", "Novak"} {
		assert.NotContains(t, log, secret)
	}
}

func TestARestartKeepsEverySession(t *testing.T) {
	t.Run("file journal", func(t *testing.T) { restartKeepsEverySession(t, "") })
	t.Run("postgres", func(t *testing.T) { restartKeepsEverySession(t, postgresURL(t)) })
}

// postgresURL is the server .ci/run starts; without one the test skips,
// or fails where HELPING_REQUIRE_POSTGRES=1 says it must run.
func postgresURL(t *testing.T) string {
	t.Helper()
	url := os.Getenv("HELPING_POSTGRES_URL")
	if url == "" {
		msg := "no PostgreSQL server: set HELPING_POSTGRES_URL (.ci/postgres start DIR prints it) to run this test"
		if os.Getenv("HELPING_REQUIRE_POSTGRES") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return url
}

func restartKeepsEverySession(t *testing.T, postgresURL string) {
	dir := t.TempDir()
	c := newClassroomOn(t, dir, postgresURL)
	k := newCast(t, c, 1)
	k.toTreatment(t)
	k.members[0].mustAct("join", "name", "Bridget")
	_, before := k.client.get("/live")
	cookies := k.client.client.Jar
	oldURL := c.srv.URL
	c.stop()

	again := newClassroomOn(t, dir, postgresURL)
	u, err := url.Parse(again.srv.URL)
	require.NoError(t, err)
	old, err := url.Parse(oldURL)
	require.NoError(t, err)
	cookies.SetCookies(u, cookies.Cookies(old))
	client := &browser{t: t, c: again, client: &http.Client{Jar: cookies}}
	status, after := client.get("/live")
	require.Equal(t, http.StatusOK, status)
	assert.True(t, before == after, "the client's page, pictures and all, came back as it was")
	client.mustAct("give-consent")
}

// has checks whether a page holds a text, without printing the page.
func has(t *testing.T, want bool, page, text string, msg ...any) {
	t.Helper()
	if strings.Contains(page, text) != want {
		verb := "lacks"
		if !want {
			verb = "holds"
		}
		t.Errorf("the page %s %q %v; refusal shown: %s", verb, text, msg, refusalOf(page))
	}
}

func TestTheTeacherEndsWithTheContrast(t *testing.T) {
	c := newClassroom(t, t.TempDir())
	k := newCast(t, c, 2)
	k.toTreatment(t)
	k.supervisor.mustAct("approve-provision", "provision", k.provision)
	k.worker.mustAct("authorise-provision", "provision", k.provision)
	for i, m := range k.members {
		m.mustAct("join", "name", []string{"Rosa", "Hannah"}[i])
	}
	hannah := c.personParty(k.members[1])
	k.members[0].mustAct("give-aid", "to", hannah.String(), "kind", "material", "what", "bread for the week", "process", "mutual-support")

	_, page := k.worker.post("/end", nil)
	assert.Equal(t, "power", k.worker.refused, "only the teacher ends the session")
	has(t, false, page, `id="contrast"`)

	_, page = k.teacher.post("/end", nil)
	require.Empty(t, k.teacher.refused)
	has(t, true, page, `id="contrast"`, "the teacher's page shows the contrast")
	s := c.session(k.code)
	want := s.contrastOf()
	require.Empty(t, want.Problem)
	_, page = k.client.get("/play")
	has(t, true, page, `id="contrast"`, "every page shows the contrast at the end")
	has(t, true, page, html.EscapeString(strings.Split(want.Computed, "\n")[0]), "the computed contrast")
	for _, m := range want.Measures {
		has(t, true, page, html.EscapeString(m.Meaning))
	}
	has(t, true, page, "What history says")
}

func TestNoticesAreNotTakenFromTheAddress(t *testing.T) {
	c := newClassroom(t, t.TempDir())
	k := newCast(t, c, 0)
	_, page := k.client.get("/play?done=The+agency+owes+you+$100")
	has(t, false, page, "owes you")
	page = k.worker.mustAct("change-phase", "phase", "study")
	has(t, true, page, `id="notice">The case moved to study.<`)
	_, page = k.worker.get("/play")
	has(t, false, page, `id="notice"`, "a notice is shown once")
}

func TestManyJoinAtOnce(t *testing.T) {
	dir := t.TempDir()
	c := newClassroom(t, dir)
	teacher := c.browser()
	code := teacher.openSession()
	const n = 12
	// Each joins the session, takes a member's part and joins the club, at
	// once. (The require calls of the helpers must not run off the test's
	// goroutine, so these requests are plain.)
	var wg sync.WaitGroup
	outcomes := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			jar, _ := cookiejar.New(nil)
			client := &http.Client{Jar: jar}
			name := "student " + string(rune('A'+i))
			for _, step := range []struct {
				path string
				form url.Values
			}{
				{"/join", url.Values{"code": {code}, "name": {name}}},
				{"/role", url.Values{"role": {roleMember}}},
				{"/act", url.Values{"act": {"join"}, "name": {name}}},
			} {
				resp, err := client.PostForm(c.srv.URL+step.path, step.form)
				if err != nil {
					outcomes[i] = err.Error()
					return
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK || resp.Header.Get(refusedHeader) != "" {
					outcomes[i] = step.path + ": " + resp.Status + " " + resp.Header.Get(refusedHeader)
					return
				}
			}
		}()
	}
	wg.Wait()
	for i, o := range outcomes {
		assert.Empty(t, o, "student %d", i)
	}
	assert.Equal(t, n, c.session(code).g.Size())
	c.stop()
	again := newClassroom(t, dir)
	assert.Equal(t, n, again.session(code).g.Size(), "every member is in the journal")
	_, members, people := again.app.cast(code)
	assert.Equal(t, n, members)
	assert.Equal(t, n+1, people)
}

func TestPagesKeepToThemselves(t *testing.T) {
	c := newClassroom(t, t.TempDir())
	resp, err := http.Get(c.srv.URL + "/")
	require.NoError(t, err)
	resp.Body.Close()
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self';", "frame-ancestors 'none'", "form-action 'self'"} {
		assert.Contains(t, csp, want)
	}
	assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))

	b := c.browser()
	b.openSession()
	u, err := url.Parse(c.srv.URL)
	require.NoError(t, err)
	cookies := b.client.Jar.Cookies(u)
	require.Len(t, cookies, 1)
	assert.Len(t, cookies[0].Value, 26, "the token is crypto/rand's Text: 130 bits")
	roster, err := os.ReadFile(filepath.Join(c.dir, rosterName))
	require.NoError(t, err)
	assert.NotContains(t, string(roster), cookies[0].Value, "the roster keeps the token's hash, not the token")
}

func TestAJoinLinkFillsInTheCode(t *testing.T) {
	c := newClassroom(t, t.TempDir())
	code := c.browser().openSession()
	tests := []struct{ name, query, want string }{
		{"the teacher's link", "/?code=" + code, `value="` + code + `"`},
		{"typed in lower case", "/?code=" + strings.ToLower(code), `value="` + code + `"`},
		{"not a code", "/?code=%3Cscript%3E", `value=""`},
		{"too long", "/?code=" + strings.Repeat("A", codeLength+1), `value=""`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, page := c.browser().get(tt.query)
			assert.Equal(t, http.StatusOK, status)
			has(t, true, page, `id="join-code" name="code" required maxlength="20" autocomplete="off" autocapitalize="characters" `+tt.want)
		})
	}
}
