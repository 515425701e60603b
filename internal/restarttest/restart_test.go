package restarttest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

const (
	cases  = 50
	groups = 10
)

var (
	agencyID = relationship.MustParsePartyID("01890000-0000-7000-8000-00000000a000")
	// Mary Richmond was General Secretary, the head, of the Baltimore
	// Charity Organization Society from 1891 ("Richmond, Mary E.
	// (1861-1928)", Women in World History); Zilpha Smith led the
	// Associated Charities of Boston.
	secretary   = casework.MustSupervisor(person(1), "Mary E. Richmond")
	facilitator = relationship.MustParty(person(2), "Jane Addams", relationship.RoleFacilitator)
)

func person(n int) relationship.PartyID {
	return relationship.MustParsePartyID(fmt.Sprintf("01890000-0000-7000-8000-%012d", n))
}

func agent(n int) casework.Worker {
	return casework.MustWorker(person(100+n), fmt.Sprintf("Agent %d", n), secretary, 0)
}

// TestRestart runs the first process, which writes the records and prints
// what it holds, then a second, which loads them from nothing but the
// journal and the identifiers and prints what it finds: the two agree.
func TestRestart(t *testing.T) {
	switch os.Getenv("RESTART_CHILD") {
	case "write":
		write(t, os.Getenv("RESTART_DIR"))
		return
	case "read":
		read(t, os.Getenv("RESTART_DIR"), strings.Split(os.Getenv("RESTART_GROUPS"), ","))
		return
	}
	dir := t.TempDir()
	written := child(t, "write", dir, "")
	var before digest
	require.NoError(t, json.Unmarshal(written, &before))
	require.Len(t, before.Cases, cases)
	require.Len(t, before.Groups, groups)
	var ids []string
	for _, g := range before.Groups {
		ids = append(ids, g.ID)
	}
	var after digest
	require.NoError(t, json.Unmarshal(child(t, "read", dir, strings.Join(ids, ",")), &after))
	assert.Equal(t, before, after)
	assert.NotZero(t, before.Agency.Pool, "the pool was drawn on")
}

// child runs the test binary again in a mode, and returns the digest line
// it prints.
func child(t *testing.T, mode, dir, groups string) []byte {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestRestart$", "-test.count=1")
	cmd.Env = append(os.Environ(), "RESTART_CHILD="+mode, "RESTART_DIR="+dir, "RESTART_GROUPS="+groups)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "the %s process: %s", mode, out)
	for _, line := range strings.Split(string(out), "\n") {
		if d, ok := strings.CutPrefix(line, "digest "); ok {
			return []byte(d)
		}
	}
	t.Fatalf("the %s process printed no digest: %s", mode, out)
	return nil
}

// write founds the agency, appoints its staff, opens and works fifty cases
// and ten groups, saves them all and prints their digest.
func write(t *testing.T, dir string) {
	ctx := context.Background()
	j, err := journal.Open(dir, nil)
	require.NoError(t, err)
	defer j.Close()
	a, err := casework.NewAgency(casework.AgencySpec{ID: agencyID, Name: "Charity Organization Society of Baltimore",
		Policy: casework.WorthinessPolicy{}, Stock: []casework.Stock{
			{Resource: "coal", Unit: "hundredweight", Quantity: 500, ApprovalAbove: 4},
			{Resource: "rent", Unit: "cent", Quantity: 90000, ApprovalAbove: 500},
		}}, nil)
	require.NoError(t, err)
	require.NoError(t, a.AppointSupervisor(agencyID, secretary))
	for n := range 5 {
		require.NoError(t, a.AppointWorker(agencyID, agent(n)))
	}
	require.NoError(t, a.Receive(agencyID, "coal", 40))
	require.NoError(t, a.SetCaseloadLimit(agencyID, agent(4).ID(), 12))

	var opened []*casework.Case
	for i := range cases {
		opened = append(opened, workCase(t, a, i))
	}
	require.NoError(t, a.Save(ctx, j))
	for _, c := range opened {
		require.NoError(t, c.Save(ctx, j))
	}
	var made []*groupwork.Group
	for i := range groups {
		g := workGroup(t, i)
		require.NoError(t, g.Save(ctx, j))
		made = append(made, g)
	}
	print(t, a, opened, made)
}

// workCase opens case i and takes it as far as i says: some only opened,
// most given coal, some closed, some transferred.
func workCase(t *testing.T, a *casework.Agency, i int) *casework.Case {
	w := agent(i % 5)
	client := casework.MustClient(person(1000+i), fmt.Sprintf("Family %d", i),
		casework.Intake{PresentingProblem: "no work this winter", Needs: []string{"coal"}})
	c, err := casework.NewCase(w.ID(), a, casework.Application{Client: client, Worker: w}, nil)
	require.NoError(t, err)
	if i%7 == 0 {
		return c
	}
	id := w.ID()
	require.NoError(t, c.MoveTo(id, casework.PhaseStudy))
	_, err = c.RecordEvidence(id, casework.Evidence{Kind: casework.EvidenceReal, Source: "visit", Summary: "no fire",
		Shows: []casework.Circumstance{casework.Unemployment}})
	require.NoError(t, err)
	_, err = c.AssessEligibility(id)
	require.NoError(t, err)
	require.NoError(t, c.MoveTo(id, casework.PhaseDiagnosis))
	require.NoError(t, c.Diagnose(id, casework.Diagnosis{Difficulties: []string{"no income"}}))
	goal, err := c.ProposeGoal(id, "warm through the winter")
	require.NoError(t, err)
	require.NoError(t, c.AgreeGoal(client.ID(), goal))
	_, err = c.GiveConsent(client.ID(), casework.PlanScope(), time.Time{})
	require.NoError(t, err)
	require.NoError(t, c.MoveTo(id, casework.PhaseTreatment))
	p, err := c.ProposeProvision(id, "coal", int64(1+i%4), "heat")
	require.NoError(t, err)
	require.NoError(t, c.AuthoriseProvision(id, p))
	switch {
	case i%5 == 1:
		require.NoError(t, c.Withdraw(client.ID(), ""))
	case i%5 == 2:
		require.NoError(t, c.Transfer(secretary.ID(), agent((i+1)%5), "a lighter caseload"))
	case i%5 == 3:
		rent, err := c.ProposeProvision(id, "rent", 1200, "two weeks' rent")
		require.NoError(t, err)
		require.NoError(t, c.ApproveProvision(secretary.ID(), rent))
		require.NoError(t, c.AuthoriseProvision(id, rent))
	}
	return c
}

// workGroup forms group i with members who meet, help one another and
// vote, some proposals closed and one left open.
func workGroup(t *testing.T, i int) *groupwork.Group {
	g, err := groupwork.NewGroup(facilitator, groupwork.Spec{Name: fmt.Sprintf("Club %d", i),
		Purposes: []relationship.Purpose{relationship.PurposeRecreation}, Model: groupwork.Reciprocal,
		Settings: groupwork.Settings{Membership: groupwork.OpenMembership}}, nil)
	require.NoError(t, err)
	var members []relationship.PartyID
	for m := range 20 {
		id := person(10000 + i*100 + m)
		require.NoError(t, g.Join(id, fmt.Sprintf("Member %d", m), groupwork.Profile{}))
		members = append(members, id)
	}
	meeting, err := g.ConveneMeeting(facilitator.ID(), time.Date(1895, 1, 7, 19, 0, 0, 0, time.UTC), "the gymnasium")
	require.NoError(t, err)
	for _, m := range members {
		require.NoError(t, g.RecordAttendance(facilitator.ID(), meeting, m, groupwork.Present))
	}
	help, err := relationship.NewSupport(relationship.Companionship, "walked home together")
	require.NoError(t, err)
	_, err = g.GiveAid(members[0], groupwork.Aid{To: members[1], Support: help, Process: groupwork.MutualSupport})
	require.NoError(t, err)
	for k, open := range []bool{false, true} {
		p, err := g.Propose(members[k], groupwork.ProposalSpec{Title: fmt.Sprintf("Motion %d", k), Rule: groupwork.RuleSimpleMajority,
			Review: time.Now().AddDate(1, 0, 0)})
		require.NoError(t, err)
		for v, m := range members {
			vote := count.Yes
			if v%3 == 0 {
				vote = count.No
			}
			require.NoError(t, g.Vote(m, p, groupwork.Ballot{Vote: vote}))
		}
		if !open {
			_, err := g.CloseProposal(members[k], p)
			require.NoError(t, err)
		}
	}
	return g
}

// read loads the agency, then each of its cases, then each group, from the
// journal and the identifiers alone, and prints their digest.
func read(t *testing.T, dir string, groupIDs []string) {
	ctx := context.Background()
	j, err := journal.Open(dir, nil)
	require.NoError(t, err)
	defer j.Close()
	a, err := casework.LoadAgency(ctx, j, agencyID, nil)
	require.NoError(t, err)
	var loaded []*casework.Case
	for cs := range a.Cases() {
		c, err := casework.Load(ctx, j, cs.ID, &casework.Options{Agency: a})
		require.NoError(t, err)
		loaded = append(loaded, c)
	}
	var gs []*groupwork.Group
	for _, id := range groupIDs {
		g, err := groupwork.Load(ctx, j, uuid.MustParse(id), nil)
		require.NoError(t, err)
		gs = append(gs, g)
	}
	print(t, a, loaded, gs)
}

// digest is what a process holds, in a form two processes can compare.
type digest struct {
	Agency struct {
		Version   uint64
		Pool      []casework.Stock
		Staff     []casework.StaffMember
		Cases     []casework.CaseSummary
		Caseloads map[string][]uuid.UUID
		Policy    string
	}
	Cases  []caseDigest
	Groups []groupDigest
}

type caseDigest struct {
	ID      uuid.UUID
	Version uint64
	Phase   string
	Worker  relationship.PartyID
	Ledger  relationship.Metrics
	Record  string // a hash of the record's JSON, entry by entry
}

type groupDigest struct {
	ID      string
	Version uint64
	Members int
	Stage   string
	Ledger  relationship.Metrics
	Record  string
}

func hash(t *testing.T, record func(func(relationship.Entry) bool)) string {
	h := sha256.New()
	for e := range record {
		b, err := json.Marshal(e)
		require.NoError(t, err)
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func print(t *testing.T, a *casework.Agency, cs []*casework.Case, gs []*groupwork.Group) {
	var d digest
	d.Agency.Version = a.Version()
	d.Agency.Policy = a.Policy().Name()
	d.Agency.Caseloads = map[string][]uuid.UUID{}
	for s := range a.Pool() {
		d.Agency.Pool = append(d.Agency.Pool, s)
	}
	for m := range a.Staff() {
		d.Agency.Staff = append(d.Agency.Staff, m)
		var load []uuid.UUID
		for id := range a.Caseload(m.ID) {
			load = append(load, id)
		}
		d.Agency.Caseloads[m.ID.String()] = load
	}
	for s := range a.Cases() {
		d.Agency.Cases = append(d.Agency.Cases, s)
	}
	for _, c := range cs {
		d.Cases = append(d.Cases, caseDigest{ID: c.ID(), Version: c.Version(), Phase: c.Phase().String(),
			Worker: c.Worker().ID(), Ledger: c.Ledger().Metrics(), Record: hash(t, c.Record())})
	}
	for _, g := range gs {
		members := 0
		for range g.Members() {
			members++
		}
		d.Groups = append(d.Groups, groupDigest{ID: g.ID().String(), Version: g.Version(), Members: members,
			Stage: g.Stage().String(), Ledger: g.Ledger().Metrics(), Record: hash(t, g.Record())})
	}
	b, err := json.Marshal(d)
	require.NoError(t, err)
	fmt.Println("digest " + string(b))
}
