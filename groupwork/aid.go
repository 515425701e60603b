package groupwork

import (
	"iter"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/internal/enum"
	"github.com/helpingwork/helping/relationship"
)

// MutualAidProcess is one of the ways members help one another that
// Lawrence Shulman named (The Skills of Helping Individuals, Families,
// Groups, and Communities, 1979 and later editions). Every exchange of aid
// in a group is tagged with the process it shows, and group notes may be
// too, so that the ledger says not only who helped whom but how.
//
// The zero MutualAidProcess is unspecified and never valid. The constants
// are in Shulman's order, never reordered; their text forms are stable.
type MutualAidProcess uint8

// Shulman's mutual-aid processes.
const (
	// SharingData is members offering what they know: facts, ideas,
	// resources, what worked for them.
	SharingData MutualAidProcess = iota + 1
	// DialecticalProcess is members arguing a question out, thesis against
	// antithesis, each finding their own synthesis.
	DialecticalProcess
	// TabooArea is discussing a subject that is not talked about (sex,
	// money, violence, death), made possible because one member dares and
	// others follow.
	TabooArea
	// SameBoat is the "all in the same boat" phenomenon: the relief of
	// finding others with the same problem and feelings.
	SameBoat
	// UniversalPerspective is seeing a private trouble as part of a wider
	// pattern: the members' troubles are shared because society shapes them.
	UniversalPerspective
	// MutualSupport is members caring for one another: empathy, comfort,
	// encouragement.
	MutualSupport
	// MutualDemand is members asking things of one another: holding each
	// other to the work, to promises, to the group's rules.
	MutualDemand
	// IndividualProblemSolving is the group working on one member's problem,
	// and each learning from it for their own.
	IndividualProblemSolving
	// Rehearsal is practising a hard conversation or step in the safety of
	// the group first.
	Rehearsal
	// StrengthInNumbers is the courage to act together that no member would
	// find alone: a deputation, a petition, a protest.
	StrengthInNumbers
)

// numProcesses is the number of valid processes.
const numProcesses = 10

var processes = enum.New[MutualAidProcess]("mutual-aid process", "unspecified",
	"sharing-data", "dialectical-process", "discussing-a-taboo-area", "all-in-the-same-boat",
	"universal-perspective", "mutual-support", "mutual-demand", "individual-problem-solving",
	"rehearsal", "strength-in-numbers")

// MutualAidProcesses yields every valid process in Shulman's order.
func MutualAidProcesses() iter.Seq[MutualAidProcess] { return processes.Values() }

// ParseMutualAidProcess returns the process named s, such as
// "all-in-the-same-boat". Unknown text is a [*relationship.TextError]
// wrapping [relationship.ErrUnknownText].
func ParseMutualAidProcess(s string) (MutualAidProcess, error) { return processes.ParseText(s) }

// IsValid reports whether p is one of the named processes.
func (p MutualAidProcess) IsValid() bool { return processes.Valid(p) }

// String returns the process's name, such as "mutual-support".
func (p MutualAidProcess) String() string { return processes.String(p) }

// MarshalText returns the process's name. An invalid process is an error.
func (p MutualAidProcess) MarshalText() ([]byte, error) { return processes.Text(p) }

// UnmarshalText sets p to the process named by b. On error p is unchanged.
func (p *MutualAidProcess) UnmarshalText(b []byte) error { return processes.Unmarshal(b, p) }

// Aid is help one party of a group gives another, as [Group.GiveAid] takes
// it: to whom, what support, the mutual-aid process it shows and, if it was
// given at a meeting, which.
type Aid struct {
	To      relationship.PartyID // a current member, or the facilitator
	Support relationship.Support
	Process MutualAidProcess
	Meeting uuid.UUID // the zero UUID for help given outside a meeting
}

// GiveAid records that the actor gave help to another party of the group,
// and returns the exchange recorded in the group's ledger. Giver and
// receiver are each a current member or the facilitator: members help one
// another, and the facilitator gives and receives too. The giver is always
// the actor; no one records help in another's name. The exchange's context
// is the name of the process, so the ledger view shows how each exchange
// helped.
//
// Errors: [*relationship.PartyError] for a giver who is not a party,
// [*StateError] wrapping [ErrEnded], [*MemberError] wrapping [ErrSelfAid], [*MemberError]
// wrapping [ErrNotMember] for a receiver who is neither a current member
// nor the facilitator, [*NotFoundError] wrapping [ErrUnknownMeeting], a
// [*relationship.TextError] for an invalid process, and a
// [*relationship.ExchangeError] for invalid support.
func (g *Group) GiveAid(actor relationship.PartyID, aid Aid) (relationship.Exchange, error) {
	if g == nil {
		return relationship.Exchange{}, relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	ev := AidGiven{Exchange: g.src.NewID(), Receiver: aid.To, Support: aid.Support, Process: aid.Process, Meeting: aid.Meeting}
	if err := g.commit(actor, ev); err != nil {
		return relationship.Exchange{}, err
	}
	at := g.rules.step.at
	x, err := relationship.NewExchange(ev.Exchange, actor, aid.To, aid.Support, at)
	return x.In(ev.Process.String()), err // err is nil: the group recorded the same exchange
}

func (e AidGiven) check(s *state, st *step) error {
	if e.Receiver == st.actor {
		return &MemberError{Member: st.actor, Err: ErrSelfAid}
	}
	st.target = -1
	if e.Receiver != s.facilitator.ID() {
		slot, err := s.currentMember(e.Receiver)
		if err != nil {
			return err
		}
		st.target = slot
	}
	if e.Meeting != uuid.Nil {
		m, err := s.meeting(e.Meeting)
		if err != nil {
			return err
		}
		st.meet = m
	}
	if err := processes.Check(e.Process); err != nil {
		return err
	}
	return s.prepareExchange(e, st)
}

// prepareExchange makes the exchange the event records, for apply.
func (s *state) prepareExchange(e AidGiven, st *step) error {
	if err := s.fresh(e.Exchange); err != nil {
		return err
	}
	x, err := relationship.NewExchange(e.Exchange, st.actor, e.Receiver, e.Support, st.at)
	if err != nil {
		return err
	}
	st.x = x.In(e.Process.String())
	return nil
}

func (e AidGiven) apply(s *state, st *step) {
	s.claim(e.Exchange)
	_ = st.ledger.Record(st.x) // NewExchange accepted it in check
	if st.slot >= 0 {
		s.members[st.slot].given++
	}
	if st.target >= 0 {
		s.members[st.target].received++
	}
	if st.meet >= 0 {
		s.meetings[st.meet].aid++
	}
	s.byProcess[e.Process-1]++
}

// MutualAid yields every exchange of aid in the group, in the order given,
// with the mutual-aid process it shows.
func (g *Group) MutualAid() iter.Seq2[relationship.Exchange, MutualAidProcess] {
	if g == nil {
		return func(func(relationship.Exchange, MutualAidProcess) bool) {}
	}
	return func(yield func(relationship.Exchange, MutualAidProcess) bool) {
		for x := range g.Ledger().All() {
			p, _ := processes.Parse(x.Context())
			if !yield(x, p) {
				return
			}
		}
	}
}

// AidByProcess yields each mutual-aid process the group's exchanges have
// shown, with how many exchanges showed it, in Shulman's order.
func (g *Group) AidByProcess() iter.Seq2[MutualAidProcess, int] {
	if g == nil {
		return func(func(MutualAidProcess, int) bool) {}
	}
	return func(yield func(MutualAidProcess, int) bool) {
		g.mu.RLock()
		counts := g.st.byProcess
		g.mu.RUnlock()
		for i, n := range counts {
			if n > 0 && !yield(MutualAidProcess(i+1), n) {
				return
			}
		}
	}
}
