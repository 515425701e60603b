package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
	"github.com/helpingwork/helping/relationship/journal/postgres"
)

// Limits that keep one classroom from filling the server.
const (
	maxSessions       = 500
	maxPeople         = 60 // in one session
	codeLength        = 8
	codeAlphabet      = "23456789ABCDEFGHJKMNPQRSTUVWXYZ" // no 0/O, 1/I/L
	rosterName        = "roster.json"
	rosterFileVersion = 1
)

// The roles a person may take. The first four are held by one person each;
// any number may be members of the club.
const (
	roleClient      = "client"
	roleWorker      = "worker"
	roleSupervisor  = "supervisor"
	roleFacilitator = "facilitator"
	roleMember      = "member"
)

// app is the classroom server's state: the journal that keeps the library's
// records, and the roster of sessions and people that keeps who plays
// which part.
type app struct {
	dir string
	j   relationship.Journal // the file journal in dir, or a PostgreSQL journal
	log *slog.Logger

	mu       sync.Mutex
	sessions map[string]*session // by join code
	people   map[string]*person  // by the hash of their cookie's token
	notices  map[string]string   // what each person's last act did, shown once
}

// person is one browser in one session: the teacher who opened it or a
// student who joined it, and the role they took.
type person struct {
	TokenHash string               `json:"token_hash"` // SHA-256 of the cookie's token, hex
	Code      string               `json:"code"`       // the session's join code
	Name      string               `json:"name"`
	Teacher   bool                 `json:"teacher,omitempty"`
	Role      string               `json:"role,omitempty"`
	Party     relationship.PartyID `json:"party"` // whom they act as in the library; zero before a role
}

// roster is what roster.json holds.
type roster struct {
	Version  int             `json:"version"`
	Sessions []sessionRecord `json:"sessions"`
	People   []person        `json:"people"`
}

// postgresTenant is the tenant the classroom keeps its records as in a
// PostgreSQL database that other programs may share.
const postgresTenant = "classroom"

// openApp opens the journal and the roster in dir and loads every session
// they hold: its agency first, then its case, bound to the agency, then its
// club. With a postgresURL the records are kept in that database instead of
// the file journal in dir; the roster stays in dir.
func openApp(ctx context.Context, dir, postgresURL string, logger *slog.Logger) (*app, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	var j relationship.Journal
	var err error
	if postgresURL != "" {
		j, err = postgres.Open(ctx, postgresURL, postgresTenant, nil)
	} else {
		j, err = journal.Open(filepath.Join(dir, "journal"), nil)
	}
	if err != nil {
		return nil, err
	}
	a := &app{dir: dir, j: j, log: logger, sessions: map[string]*session{}, people: map[string]*person{}, notices: map[string]string{}}
	if err := a.load(ctx); err != nil {
		return nil, errors.Join(err, j.Close())
	}
	return a, nil
}

// load reads the roster and the records it names.
func (a *app) load(ctx context.Context) error {
	b, err := os.ReadFile(filepath.Join(a.dir, rosterName))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var r roster
	if err := json.Unmarshal(b, &r); err != nil {
		return fmt.Errorf("%s: %w", rosterName, err)
	}
	if r.Version != rosterFileVersion {
		return fmt.Errorf("%s: format version %d, want %d", rosterName, r.Version, rosterFileVersion)
	}
	for _, rec := range r.Sessions {
		s, err := loadSession(ctx, a.j, rec)
		if err != nil {
			return fmt.Errorf("session %d of %s: %w", len(a.sessions)+1, rosterName, err)
		}
		a.sessions[rec.Code] = s
	}
	for i := range r.People {
		p := r.People[i]
		if _, ok := a.sessions[p.Code]; !ok {
			return fmt.Errorf("%s: a person in a session it does not hold", rosterName)
		}
		a.people[p.TokenHash] = &p
	}
	return nil
}

// Close closes the journal.
func (a *app) Close() error { return a.j.Close() }

// saveRoster writes the roster to disk, whole, through a synced temporary
// file renamed over the old one. The caller holds a.mu.
func (a *app) saveRoster() error {
	r := roster{Version: rosterFileVersion}
	for _, s := range a.sessions {
		r.Sessions = append(r.Sessions, s.record())
	}
	for _, p := range a.people {
		r.People = append(r.People, *p)
	}
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(a.dir, rosterName+".*")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	err = errors.Join(err, f.Close())
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(a.dir, rosterName))
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// errFull is returned when the server or a session holds as many as it may.
var errFull = errors.New("classroom: full")

// openSession opens a new session for a teacher and returns the teacher's
// cookie token.
func (a *app) openSession(ctx context.Context, teacher string) (token string, err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.sessions) >= maxSessions {
		return "", fmt.Errorf("%w: the server holds %d sessions", errFull, maxSessions)
	}
	code, err := a.newCode()
	if err != nil {
		return "", err
	}
	s, err := newSession(ctx, a.j, code)
	if err != nil {
		return "", err
	}
	a.sessions[code] = s
	token, err = a.addPerson(&person{Code: code, Name: teacher, Teacher: true})
	if err != nil {
		delete(a.sessions, code)
	}
	return token, err
}

// errUnknownCode is returned for a join code that names no session.
var errUnknownCode = errors.New("no session has that join code: check it with your teacher")

// join adds a student to the session with the given code and returns their
// cookie token.
func (a *app) join(code, name string) (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, ok := a.sessions[code]; !ok {
		return "", errUnknownCode
	}
	n := 0
	for _, p := range a.people {
		if p.Code == code {
			n++
		}
	}
	if n >= maxPeople {
		return "", fmt.Errorf("%w: the session has %d people", errFull, maxPeople)
	}
	return a.addPerson(&person{Code: code, Name: name})
}

// addPerson gives p a fresh token, adds them and saves the roster. The
// caller holds a.mu.
func (a *app) addPerson(p *person) (string, error) {
	token := rand.Text()
	p.TokenHash = hashToken(token)
	a.people[p.TokenHash] = p
	if err := a.saveRoster(); err != nil {
		delete(a.people, p.TokenHash)
		return "", err
	}
	return token, nil
}

// personOf returns the person a cookie's token belongs to, a copy, and their
// session.
func (a *app) personOf(token string) (person, *session, bool) {
	if token == "" {
		return person{}, nil, false
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	p, ok := a.people[hashToken(token)]
	if !ok {
		return person{}, nil, false
	}
	return *p, a.sessions[p.Code], true
}

// notify keeps what a person's act did, to show on their next page.
func (a *app) notify(tokenHash, notice string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.notices[tokenHash] = notice
}

// notice returns, once, what the person's last act did.
func (a *app) notice(tokenHash string) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	n := a.notices[tokenHash]
	delete(a.notices, tokenHash)
	return n
}

// errRoleTaken is returned when a role held by one person is taken.
var errRoleTaken = errors.New("someone else in the session has that role: choose another")

// takeRole gives the person the role, once: a role, like a place at the
// table, is not swapped in the middle of a scene.
func (a *app) takeRole(tokenHash, role string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	p, ok := a.people[tokenHash]
	if !ok {
		return errUnknownCode
	}
	if p.Role != "" {
		return fmt.Errorf("you are the %s already", p.Role)
	}
	s := a.sessions[p.Code]
	party, err := s.partyFor(role)
	if err != nil {
		return err
	}
	if role != roleMember {
		for _, q := range a.people {
			if q.Code == p.Code && q.Role == role {
				return errRoleTaken
			}
		}
	}
	p.Role, p.Party = role, party
	if err := a.saveRoster(); err != nil {
		p.Role, p.Party = "", relationship.PartyID{}
		return err
	}
	return nil
}

// end marks the session ended, if the person is its teacher.
func (a *app) end(tokenHash string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	p, ok := a.people[tokenHash]
	if !ok || !p.Teacher {
		return errors.New("only the teacher who opened the session ends it")
	}
	s := a.sessions[p.Code]
	if s.isEnded() {
		return nil
	}
	s.setEnded(true)
	if err := a.saveRoster(); err != nil {
		s.setEnded(false)
		return err
	}
	return nil
}

// cast lists the people of a session by role, for the page.
func (a *app) cast(code string) (taken map[string]string, members int, people int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	taken = map[string]string{}
	for _, p := range a.people {
		if p.Code != code {
			continue
		}
		people++
		switch p.Role {
		case "":
		case roleMember:
			members++
		default:
			taken[p.Role] = p.Name
		}
	}
	return taken, members, people
}

// newCode returns a join code no session has: eight characters from an
// alphabet of 31, chosen by crypto/rand (about 40 bits). The caller holds
// a.mu.
func (a *app) newCode() (string, error) {
	for {
		var b strings.Builder
		for range codeLength {
			n, err := rand.Int(rand.Reader, big.NewInt(int64(len(codeAlphabet))))
			if err != nil {
				return "", err
			}
			b.WriteByte(codeAlphabet[n.Int64()])
		}
		if _, taken := a.sessions[b.String()]; !taken {
			return b.String(), nil
		}
	}
}

// normaliseCode turns what a student typed into a join code: upper case,
// without spaces or hyphens.
func normaliseCode(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, strings.ToUpper(strings.TrimSpace(s)))
}

// hashToken returns the hex SHA-256 of a cookie's token: the roster keeps
// the hash, so the file on disk does not let anyone act as anyone.
func hashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}
