package projection_test

import (
	"context"
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
	"github.com/helpingwork/helping/relationship/projection"
)

// scripted holds a short history with known answers, written to a file
// journal so that the models read entries as decoded from storage.
type scripted struct {
	j                         relationship.Journal
	alice, bob                relationship.PartyID
	case1, case2, case3       uuid.UUID
	consent1, consent2, gone  uuid.UUID
	group, other              uuid.UUID
	vote, lapsed, undated, ok uuid.UUID
}

func n(i byte) uuid.UUID { return uuid.UUID{15: i, 6: 0x40, 8: 0x80} }

func newScripted(t *testing.T) *scripted {
	j, err := journal.Open(t.TempDir(), nil)
	require.NoError(t, err)
	t.Cleanup(func() { _ = j.Close() })
	s := &scripted{j: j, alice: relationship.PartyID(n(1)), bob: relationship.PartyID(n(2)),
		case1: n(11), case2: n(12), case3: n(13), consent1: n(21), consent2: n(22), gone: n(23),
		group: n(31), other: n(32), vote: n(41), lapsed: n(42), undated: n(43), ok: n(44)}
	w := &world{j: j, versions: map[string]uint64{}, at: epoch}
	agency := casework.AgencyStreamName(relationship.PartyID(n(99)))
	w.append(t, agency, "assign-case", casework.CaseAssigned{Case: s.case1, Client: actor, Worker: s.alice})
	w.append(t, agency, "assign-case", casework.CaseAssigned{Case: s.case2, Client: actor, Worker: s.alice})
	w.append(t, agency, "assign-case", casework.CaseAssigned{Case: s.case3, Client: actor, Worker: s.bob})
	w.append(t, agency, "assign-case", casework.CaseAssigned{Case: s.case2, Client: actor, Worker: s.bob}) // transferred
	w.append(t, agency, "release-case", casework.CaseReleased{Case: s.case3})                              // closed

	scope := casework.Scope{Purpose: casework.ConsentToDisclosure, To: "Dr Ames"}
	c1 := casework.StreamName(s.case1)
	w.append(t, c1, "give-consent", casework.ConsentGiven{Consent: s.consent1, Scope: scope, Expires: epoch.Add(72 * time.Hour)})
	w.append(t, c1, "give-consent", casework.ConsentGiven{Consent: s.consent2, Scope: scope, Expires: epoch.Add(24 * time.Hour)})
	w.append(t, c1, "give-consent", casework.ConsentGiven{Consent: s.gone, Scope: scope, Expires: epoch.Add(48 * time.Hour)})
	w.append(t, c1, "give-consent", casework.ConsentGiven{Consent: n(24), Scope: scope}) // never expires
	w.append(t, c1, "revoke-consent", casework.ConsentRevoked{Consent: s.gone})

	g, o := groupwork.StreamName(s.group), groupwork.StreamName(s.other)
	raise := func(stream string, id uuid.UUID, closes time.Time) {
		w.append(t, stream, "propose", groupwork.ProposalRaised{Proposal: id, Title: "a trip", Rule: groupwork.RuleSimpleMajority, Closes: closes})
	}
	raise(g, s.vote, epoch.Add(10*24*time.Hour))
	raise(g, s.undated, time.Time{})
	raise(g, s.lapsed, epoch.Add(2*24*time.Hour))
	raise(g, n(45), epoch.Add(24*time.Hour))
	w.append(t, g, "close-proposal", groupwork.ProposalClosed{Proposal: n(45), Resolution: count.Passed})
	raise(o, s.ok, epoch.Add(24*time.Hour))
	raise(o, n(46), epoch.Add(24*time.Hour))
	w.append(t, o, "withdraw-proposal", groupwork.ProposalWithdrawn{Proposal: n(46), Reason: "no longer needed"})
	return s
}

// catchUp returns m after a catch-up with the feed of j.
func catchUp[M projection.Model](t *testing.T, j relationship.Journal, m M) M {
	t.Helper()
	p, err := projection.New(m)
	require.NoError(t, err)
	applied, err := p.CatchUp(context.Background(), j)
	require.NoError(t, err)
	assert.Positive(t, applied)
	return m
}

func TestCaseloads(t *testing.T) {
	s := newScripted(t)
	m := catchUp(t, s.j, projection.NewCaseloads())
	assert.Equal(t, []uuid.UUID{s.case1}, m.Cases(s.alice), "alice keeps case 1; case 2 went to bob")
	assert.Equal(t, []uuid.UUID{s.case2}, m.Cases(s.bob), "bob's case 3 was closed")
	assert.Empty(t, m.Cases(relationship.PartyID(n(3))))
	assert.Equal(t, []projection.Caseload{{Worker: s.alice, Open: 1}, {Worker: s.bob, Open: 1}}, m.Caseloads())
}

func TestExpiringConsents(t *testing.T) {
	s := newScripted(t)
	m := catchUp(t, s.j, projection.NewExpiringConsents())
	var got []uuid.UUID
	for _, c := range m.Within(epoch, epoch.Add(7*24*time.Hour)) {
		got = append(got, c.Consent)
		assert.Equal(t, s.case1, c.Case)
	}
	assert.Equal(t, []uuid.UUID{s.consent2, s.consent1}, got, "soonest first; the revoked one and the one without expiry are not there")
	within := m.Within(epoch.Add(24*time.Hour), epoch.Add(72*time.Hour))
	require.Len(t, within, 1, "from is inclusive, to exclusive")
	assert.Equal(t, s.consent2, within[0].Consent)
	assert.Empty(t, m.Within(epoch.Add(73*time.Hour), epoch.Add(1000*time.Hour)))
}

func TestOpenProposals(t *testing.T) {
	s := newScripted(t)
	m := catchUp(t, s.j, projection.NewOpenProposals())
	var got []uuid.UUID
	for _, p := range m.Open(s.group) {
		got = append(got, p.Proposal)
	}
	assert.Equal(t, []uuid.UUID{s.lapsed, s.vote, s.undated}, got, "soonest first, undated last; the closed one gone")
	other := m.Open(s.other)
	require.Len(t, other, 1, "the withdrawn one gone")
	assert.Equal(t, projection.Proposal{Group: s.other, Proposal: s.ok, Title: "a trip", Closes: epoch.Add(24 * time.Hour)}, other[0])
	var due []uuid.UUID
	for _, p := range m.ClosingBefore(epoch.Add(3 * 24 * time.Hour)) {
		due = append(due, p.Proposal)
	}
	assert.Equal(t, []uuid.UUID{s.ok, s.lapsed}, due)

	w := &world{j: s.j, versions: map[string]uint64{groupwork.StreamName(s.group): 5}, at: epoch.Add(1000 * time.Hour)}
	w.append(t, groupwork.StreamName(s.group), "end-group", groupwork.GroupEnded{Reason: "the season is over"})
	m = catchUp(t, s.j, projection.NewOpenProposals())
	assert.Empty(t, m.Open(s.group), "a group that ended decides nothing more")
	assert.Len(t, m.Open(s.other), 1)
}

// TestCheckpointRoundTrip saves each model of the scripted history in a
// checkpoint and restores it: the same position, the same answers.
func TestCheckpointRoundTrip(t *testing.T) {
	s := newScripted(t)
	for i, m := range models() {
		p, err := projection.New(m)
		require.NoError(t, err)
		_, err = p.CatchUp(context.Background(), s.j)
		require.NoError(t, err)
		cp, err := p.Checkpoint()
		require.NoError(t, err)
		q, err := projection.Restore(models()[i], cp)
		require.NoError(t, err)
		assert.Equal(t, p.Position(), q.Position())
		again, err := q.Checkpoint()
		require.NoError(t, err)
		assert.Equal(t, cp, again, "%T", m)
		n, err := q.CatchUp(context.Background(), s.j)
		require.NoError(t, err)
		assert.Zero(t, n, "nothing to apply again")
	}
}

func TestBadInput(t *testing.T) {
	for _, tt := range []struct {
		name string
		cp   []byte
	}{
		{"nil", nil},
		{"not a checkpoint", []byte("hello")},
		{"no position", []byte("helping-projection.v1\n")},
		{"a model that does not decode", []byte("helping-projection.v1\n\x05{")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := projection.Restore(projection.NewCaseloads(), tt.cp)
			require.ErrorIs(t, err, projection.ErrInvalidCheckpoint)
			assert.Nil(t, p)
		})
	}
	_, err := projection.New[*projection.Caseloads](nil)
	assert.ErrorIs(t, err, relationship.ErrNil)
	_, err = projection.Restore[*projection.Caseloads](nil, nil)
	assert.ErrorIs(t, err, relationship.ErrNil)
	p, err := projection.New(projection.NewCaseloads())
	require.NoError(t, err)
	_, err = p.CatchUp(context.Background(), nil)
	assert.ErrorIs(t, err, relationship.ErrNil)
	assert.ErrorIs(t, p.Follow(context.Background(), nil, nil), relationship.ErrNil)
	var nilJournal *journal.Memory
	_, err = p.CatchUp(context.Background(), nilJournal)
	assert.ErrorIs(t, err, relationship.ErrNil)
}
