package main

import (
	"bytes"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/relationship"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// cookieName names the cookie that carries a person's token.
const cookieName = "classroom"

// maxBody is the most a request's body may hold: the longest form is a
// diagnosis of four fields of ten lines.
const maxBody = 16 << 10

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"may":  mayDo,
	"mine": mine,
	"list": func(v ...any) []any { return v },
}).ParseFS(templateFiles, "templates/*.html"))

// mayDo names the roles the library's rights table gives an act, for the
// hint beside each form.
func mayDo(where, act string) string {
	rule, ok := rightsOf(where).Rule(relationship.Act(act))
	if !ok {
		return ""
	}
	var roles []string
	for role := range rule.Roles.All() {
		roles = append(roles, role.String())
	}
	return strings.Join(roles, ", ")
}

// mine reports whether the person's role may perform the act, by the
// library's rights table.
func mine(where, act, role string) bool {
	r, err := relationship.ParseRole(role)
	return err == nil && rightsOf(where).Permits(r, relationship.Act(act))
}

func rightsOf(where string) *relationship.Rights {
	if where == "club" {
		return groupwork.Rights()
	}
	return casework.Rights()
}

// Handler returns the classroom's routes behind its protections: the
// cross-origin check on every unsafe request, a limit on every body, and
// headers that keep the pages to themselves.
func (a *app) Handler() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(staticFiles, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /{$}", a.home)
	mux.HandleFunc("POST /open", a.open)
	mux.HandleFunc("POST /join", a.joinSession)
	mux.HandleFunc("GET /play", a.play)
	mux.HandleFunc("GET /live", a.liveFragment)
	mux.HandleFunc("POST /role", a.role)
	mux.HandleFunc("POST /act", a.act)
	mux.HandleFunc("POST /end", a.endSession)
	cop := http.NewCrossOriginProtection()
	return a.logRequests(headers(limitBody(cop.Handler(mux))))
}

// limitBody caps every request body at maxBody bytes.
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		next.ServeHTTP(w, r)
	})
}

// headers sets the security headers of every answer.
func headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "+
			"img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// statusWriter remembers the status of an answer, for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// logRequests writes one line per request: the method, the route pattern
// (never the path's values, nor the query, the form or the cookie), the
// status and the time taken. Names, join codes, texts and ballots stay out
// of the log.
func (a *app) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		route := r.Pattern
		if route == "" {
			route = "(no route)"
		}
		a.log.Info("request", "route", route, "method", r.Method, "status", sw.status, "took", time.Since(start).Round(time.Microsecond))
	})
}

// render writes a template, whole, or a plain error if it fails.
func (a *app) render(w http.ResponseWriter, status int, name string, data any) {
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, name, data); err != nil {
		a.log.Error("template", "name", name, "error", err)
		http.Error(w, "the page could not be drawn", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// homePage is what the front page shows.
type homePage struct {
	Problem string
	Code    string
}

// home is the front page. A link the teacher shares, /?code=..., fills in
// the join code.
func (a *app) home(w http.ResponseWriter, r *http.Request) {
	code := normaliseCode(r.URL.Query().Get("code"))
	if len(code) > codeLength || strings.Trim(code, codeAlphabet) != "" {
		code = ""
	}
	a.render(w, http.StatusOK, "home.html", homePage{Code: code})
}

// readForm parses a posted form within the body limit, and answers the
// request itself if it cannot.
func readForm(w http.ResponseWriter, r *http.Request) (*form, bool) {
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "the form is too large", http.StatusRequestEntityTooLarge)
		} else {
			http.Error(w, "the form could not be read", http.StatusBadRequest)
		}
		return nil, false
	}
	return &form{v: r.PostForm}, true
}

func (a *app) open(w http.ResponseWriter, r *http.Request) {
	f, ok := readForm(w, r)
	if !ok {
		return
	}
	name := f.text("name", "your name", maxName)
	if f.err == nil && name == "" {
		f.fail("give your name")
	}
	if f.err != nil {
		a.render(w, http.StatusBadRequest, "home.html", homePage{Problem: f.err.Error()})
		return
	}
	token, err := a.openSession(r.Context(), name)
	if err != nil {
		a.log.Error("open session", "error", err)
		a.render(w, http.StatusServiceUnavailable, "home.html", homePage{Problem: "the session could not be opened"})
		return
	}
	a.enter(w, r, token)
}

func (a *app) joinSession(w http.ResponseWriter, r *http.Request) {
	f, ok := readForm(w, r)
	if !ok {
		return
	}
	code := normaliseCode(f.text("code", "the join code", 20))
	name := f.text("name", "your name", maxName)
	if f.err == nil && (name == "" || code == "") {
		f.fail("give the join code and your name")
	}
	if f.err != nil {
		a.render(w, http.StatusBadRequest, "home.html", homePage{Problem: f.err.Error()})
		return
	}
	token, err := a.join(code, name)
	if err != nil {
		status := http.StatusNotFound
		if errors.Is(err, errFull) {
			status = http.StatusServiceUnavailable
		}
		a.render(w, status, "home.html", homePage{Problem: err.Error()})
		return
	}
	a.enter(w, r, token)
}

// enter sets the person's cookie and sends them to the play.
func (a *app) enter(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil, MaxAge: 7 * 24 * 3600})
	http.Redirect(w, r, "/play", http.StatusSeeOther)
}

// who returns the person a request comes from, or sends them home.
func (a *app) who(w http.ResponseWriter, r *http.Request) (person, *session, bool) {
	var token string
	if c, err := r.Cookie(cookieName); err == nil {
		token = c.Value
	}
	p, s, ok := a.personOf(token)
	if !ok {
		if r.Method == http.MethodGet && r.URL.Path == "/play" {
			http.Redirect(w, r, "/", http.StatusSeeOther)
		} else {
			http.Error(w, "join a session first", http.StatusUnauthorized)
		}
	}
	return p, s, ok
}

// pageFor builds the play page of one person.
func (a *app) pageFor(p person, s *session) page {
	taken, members, people := a.cast(p.Code)
	pg := page{Me: p, Code: p.Code, Ended: s.isEnded(), People: people, Members: members,
		Live: s.snapshot(p), Choices: allChoices()}
	for _, c := range []roleChoice{
		{Value: roleClient, Label: "the client", Help: "Katarzyna Novak, who applied to the charity organisation society"},
		{Value: roleWorker, Label: "the worker", Help: "the society's agent: studies, diagnoses, proposes relief"},
		{Value: roleSupervisor, Label: "the supervisor", Help: "the district secretary: approves relief above the threshold"},
		{Value: roleFacilitator, Label: "the facilitator", Help: "the club's group worker: convenes, keeps the register, mediates"},
		{Value: roleMember, Label: "a member of the club", Help: "joins, names strengths, helps, proposes and votes"},
	} {
		c.TakenBy = taken[c.Value]
		pg.Roles = append(pg.Roles, c)
	}
	if pg.Ended {
		pg.Contrast = s.contrastOf()
	}
	return pg
}

func (a *app) play(w http.ResponseWriter, r *http.Request) {
	p, s, ok := a.who(w, r)
	if !ok {
		return
	}
	pg := a.pageFor(p, s)
	pg.Notice = a.notice(p.TokenHash)
	a.render(w, http.StatusOK, "play.html", pg)
}

func (a *app) liveFragment(w http.ResponseWriter, r *http.Request) {
	p, s, ok := a.who(w, r)
	if !ok {
		return
	}
	a.render(w, http.StatusOK, "live", s.snapshot(p))
}

func (a *app) role(w http.ResponseWriter, r *http.Request) {
	p, s, ok := a.who(w, r)
	if !ok {
		return
	}
	f, ok := readForm(w, r)
	if !ok {
		return
	}
	if err := a.takeRole(p.TokenHash, f.v.Get("role")); err != nil {
		pg := a.pageFor(p, s)
		pg.Refusal = &refusal{Act: "take a role", Error: err.Error()}
		w.Header().Set(refusedHeader, "rule")
		a.render(w, http.StatusOK, "play.html", pg)
		return
	}
	http.Redirect(w, r, "/play", http.StatusSeeOther)
}

// refusedHeader names the header of a page that shows a refused act: its
// value is "power" when the act was not the person's to make, "rule" when a
// rule of the tradition forbade it now, and "form" when the form could not
// be read. The page itself is answered with 200: it is the play, drawn
// with the refusal in it, and a browser reports a 4xx page as an error in
// its console, which a refusal the student is meant to read is not.
const refusedHeader = "Classroom-Refused"

// act makes one act in the library, as the person who posted it. Success
// sends the person back to the play with what happened; a refusal shows
// the play with the library's explanation (see refusedHeader).
func (a *app) act(w http.ResponseWriter, r *http.Request) {
	p, s, ok := a.who(w, r)
	if !ok {
		return
	}
	f, ok := readForm(w, r)
	if !ok {
		return
	}
	ac, known := acts[f.v.Get("act")]
	if !known {
		http.Error(w, "no such act", http.StatusBadRequest)
		return
	}
	var done string
	err := s.act(r.Context(), a.j, func() error {
		var err error
		done, err = ac.run(&actContext{s: s, who: p.Party, f: f, now: time.Now()})
		return err
	})
	if err != nil {
		if errors.Is(err, errSaving) {
			a.log.Error("save", "act", string(ac.name), "error", err)
		}
		pg := a.pageFor(p, s)
		rf := explain(ac, err)
		pg.Refusal = &rf
		kind := "rule"
		var fe *formError
		switch {
		case rf.Power:
			kind = "power"
		case errors.As(err, &fe):
			kind = "form"
		}
		w.Header().Set(refusedHeader, kind)
		a.render(w, http.StatusOK, "play.html", pg)
		return
	}
	a.notify(p.TokenHash, done)
	http.Redirect(w, r, "/play#"+ac.where, http.StatusSeeOther)
}

func (a *app) endSession(w http.ResponseWriter, r *http.Request) {
	p, s, ok := a.who(w, r)
	if !ok {
		return
	}
	if err := a.end(p.TokenHash); err != nil {
		pg := a.pageFor(p, s)
		pg.Refusal = &refusal{Act: "end the session", Error: err.Error()}
		w.Header().Set(refusedHeader, "power")
		a.render(w, http.StatusOK, "play.html", pg)
		return
	}
	http.Redirect(w, r, "/play#contrast", http.StatusSeeOther)
}
