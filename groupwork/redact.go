package groupwork

import (
	"fmt"
	"log/slog"

	"github.com/helpingwork/helping/internal/redact"
)

// Confidentiality in logs and printed values: every type of this package
// that can carry what a member said or named (their name, strengths and
// needs, notes, concerns, reasons) or how they voted logs and prints
// identifiers, kinds, counts and times only, whatever the slog handler or
// fmt verb.
// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (m Member) LogValue() slog.Value { return redact.Value(m) }

// Format implements [fmt.Formatter] for every verb as [Member.LogValue] logs.
func (m Member) Format(f fmt.State, verb rune) { redact.Format(f, verb, m) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (n Note) LogValue() slog.Value { return redact.Value(n) }

// Format implements [fmt.Formatter] for every verb as [Note.LogValue] logs.
func (n Note) Format(f fmt.State, verb rune) { redact.Format(f, verb, n) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (c Concern) LogValue() slog.Value { return redact.Value(c) }

// Format implements [fmt.Formatter] for every verb as [Concern.LogValue] logs.
func (c Concern) Format(f fmt.State, verb rune) { redact.Format(f, verb, c) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (a Action) LogValue() slog.Value { return redact.Value(a) }

// Format implements [fmt.Formatter] for every verb as [Action.LogValue] logs.
func (a Action) Format(f fmt.State, verb rune) { redact.Format(f, verb, a) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (m Mediation) LogValue() slog.Value { return redact.Value(m) }

// Format implements [fmt.Formatter] for every verb as [Mediation.LogValue] logs.
func (m Mediation) Format(f fmt.State, verb rune) { redact.Format(f, verb, m) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (d Demand) LogValue() slog.Value { return redact.Value(d) }

// Format implements [fmt.Formatter] for every verb as [Demand.LogValue] logs.
func (d Demand) Format(f fmt.State, verb rune) { redact.Format(f, verb, d) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (p Period) LogValue() slog.Value { return redact.Value(p) }

// Format implements [fmt.Formatter] for every verb as [Period.LogValue] logs.
func (p Period) Format(f fmt.State, verb rune) { redact.Format(f, verb, p) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (h Helper) LogValue() slog.Value { return redact.Value(h) }

// Format implements [fmt.Formatter] for every verb as [Helper.LogValue] logs.
func (h Helper) Format(f fmt.State, verb rune) { redact.Format(f, verb, h) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (p ProgrammeItem) LogValue() slog.Value { return redact.Value(p) }

// Format implements [fmt.Formatter] for every verb as [ProgrammeItem.LogValue] logs.
func (p ProgrammeItem) Format(f fmt.State, verb rune) { redact.Format(f, verb, p) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (m Meeting) LogValue() slog.Value { return redact.Value(m) }

// Format implements [fmt.Formatter] for every verb as [Meeting.LogValue] logs.
func (m Meeting) Format(f fmt.State, verb rune) { redact.Format(f, verb, m) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (s StageChange) LogValue() slog.Value { return redact.Value(s) }

// Format implements [fmt.Formatter] for every verb as [StageChange.LogValue] logs.
func (s StageChange) Format(f fmt.State, verb rune) { redact.Format(f, verb, s) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (p Proposal) LogValue() slog.Value { return redact.Value(p) }

// Format implements [fmt.Formatter] for every verb as [Proposal.LogValue] logs.
func (p Proposal) Format(f fmt.State, verb rune) { redact.Format(f, verb, p) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (d Decision) LogValue() slog.Value { return redact.Value(d) }

// Format implements [fmt.Formatter] for every verb as [Decision.LogValue] logs.
func (d Decision) Format(f fmt.State, verb rune) { redact.Format(f, verb, d) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (p Profile) LogValue() slog.Value { return redact.Value(p) }

// Format implements [fmt.Formatter] for every verb as [Profile.LogValue] logs.
func (p Profile) Format(f fmt.State, verb rune) { redact.Format(f, verb, p) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (a ActionTaken) LogValue() slog.Value { return redact.Value(a) }

// Format implements [fmt.Formatter] for every verb as [ActionTaken.LogValue] logs.
func (a ActionTaken) Format(f fmt.State, verb rune) { redact.Format(f, verb, a) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (a ActivityChosen) LogValue() slog.Value { return redact.Value(a) }

// Format implements [fmt.Formatter] for every verb as [ActivityChosen.LogValue] logs.
func (a ActivityChosen) Format(f fmt.State, verb rune) { redact.Format(f, verb, a) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (a ActivityRecorded) LogValue() slog.Value { return redact.Value(a) }

// Format implements [fmt.Formatter] for every verb as [ActivityRecorded.LogValue] logs.
func (a ActivityRecorded) Format(f fmt.State, verb rune) { redact.Format(f, verb, a) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (a AidGiven) LogValue() slog.Value { return redact.Value(a) }

// Format implements [fmt.Formatter] for every verb as [AidGiven.LogValue] logs.
func (a AidGiven) Format(f fmt.State, verb rune) { redact.Format(f, verb, a) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (c ConcernClosed) LogValue() slog.Value { return redact.Value(c) }

// Format implements [fmt.Formatter] for every verb as [ConcernClosed.LogValue] logs.
func (c ConcernClosed) Format(f fmt.State, verb rune) { redact.Format(f, verb, c) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (c ConcernRaised) LogValue() slog.Value { return redact.Value(c) }

// Format implements [fmt.Formatter] for every verb as [ConcernRaised.LogValue] logs.
func (c ConcernRaised) Format(f fmt.State, verb rune) { redact.Format(f, verb, c) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (g GroupEnded) LogValue() slog.Value { return redact.Value(g) }

// Format implements [fmt.Formatter] for every verb as [GroupEnded.LogValue] logs.
func (g GroupEnded) Format(f fmt.State, verb rune) { redact.Format(f, verb, g) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (m MediationOpened) LogValue() slog.Value { return redact.Value(m) }

// Format implements [fmt.Formatter] for every verb as [MediationOpened.LogValue] logs.
func (m MediationOpened) Format(f fmt.State, verb rune) { redact.Format(f, verb, m) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (m MediationSettled) LogValue() slog.Value { return redact.Value(m) }

// Format implements [fmt.Formatter] for every verb as [MediationSettled.LogValue] logs.
func (m MediationSettled) Format(f fmt.State, verb rune) { redact.Format(f, verb, m) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (m MemberJoined) LogValue() slog.Value { return redact.Value(m) }

// Format implements [fmt.Formatter] for every verb as [MemberJoined.LogValue] logs.
func (m MemberJoined) Format(f fmt.State, verb rune) { redact.Format(f, verb, m) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (m MemberLeft) LogValue() slog.Value { return redact.Value(m) }

// Format implements [fmt.Formatter] for every verb as [MemberLeft.LogValue] logs.
func (m MemberLeft) Format(f fmt.State, verb rune) { redact.Format(f, verb, m) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (n NoteRecorded) LogValue() slog.Value { return redact.Value(n) }

// Format implements [fmt.Formatter] for every verb as [NoteRecorded.LogValue] logs.
func (n NoteRecorded) Format(f fmt.State, verb rune) { redact.Format(f, verb, n) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (p ProfileUpdated) LogValue() slog.Value { return redact.Value(p) }

// Format implements [fmt.Formatter] for every verb as [ProfileUpdated.LogValue] logs.
func (p ProfileUpdated) Format(f fmt.State, verb rune) { redact.Format(f, verb, p) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (s StageRecorded) LogValue() slog.Value { return redact.Value(s) }

// Format implements [fmt.Formatter] for every verb as [StageRecorded.LogValue] logs.
func (s StageRecorded) Format(f fmt.State, verb rune) { redact.Format(f, verb, s) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (v VoteCast) LogValue() slog.Value { return redact.Value(v) }

// Format implements [fmt.Formatter] for every verb as [VoteCast.LogValue] logs.
func (v VoteCast) Format(f fmt.State, verb rune) { redact.Format(f, verb, v) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (p ProposalClosed) LogValue() slog.Value { return redact.Value(p) }

// Format implements [fmt.Formatter] for every verb as [ProposalClosed.LogValue] logs.
func (p ProposalClosed) Format(f fmt.State, verb rune) { redact.Format(f, verb, p) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (r RevealedVote) LogValue() slog.Value { return redact.Value(r) }

// Format implements [fmt.Formatter] for every verb as [RevealedVote.LogValue] logs.
func (r RevealedVote) Format(f fmt.State, verb rune) { redact.Format(f, verb, r) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (p ProposalWithdrawn) LogValue() slog.Value { return redact.Value(p) }

// Format implements [fmt.Formatter] for every verb as [ProposalWithdrawn.LogValue] logs.
func (p ProposalWithdrawn) Format(f fmt.State, verb rune) { redact.Format(f, verb, p) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (a Aid) LogValue() slog.Value { return redact.Value(a) }

// Format implements [fmt.Formatter] for every verb as [Aid.LogValue] logs.
func (a Aid) Format(f fmt.State, verb rune) { redact.Format(f, verb, a) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (p ProposalRaised) LogValue() slog.Value { return redact.Value(p) }

// Format implements [fmt.Formatter] for every verb as [ProposalRaised.LogValue] logs.
func (p ProposalRaised) Format(f fmt.State, verb rune) { redact.Format(f, verb, p) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (p ProposalSpec) LogValue() slog.Value { return redact.Value(p) }

// Format implements [fmt.Formatter] for every verb as [ProposalSpec.LogValue] logs.
func (p ProposalSpec) Format(f fmt.State, verb rune) { redact.Format(f, verb, p) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (g GroupFormed) LogValue() slog.Value { return redact.Value(g) }

// Format implements [fmt.Formatter] for every verb as [GroupFormed.LogValue] logs.
func (g GroupFormed) Format(f fmt.State, verb rune) { redact.Format(f, verb, g) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (m MeetingConvened) LogValue() slog.Value { return redact.Value(m) }

// Format implements [fmt.Formatter] for every verb as [MeetingConvened.LogValue] logs.
func (m MeetingConvened) Format(f fmt.State, verb rune) { redact.Format(f, verb, m) }

// LogValue implements [slog.LogValuer]: the group's identifier, model,
// stage and number of members, never a member's name or words.
func (g *Group) LogValue() slog.Value {
	if g == nil {
		return slog.Value{}
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	return slog.GroupValue(
		slog.String("id", g.st.id.String()),
		slog.String("model", g.st.model.String()),
		slog.String("stage", g.st.stage.String()),
		slog.Int("members", g.st.current),
		slog.Int("meetings", len(g.st.meetings)),
		slog.Int("proposals", len(g.st.proposals)),
	)
}

// Format implements [fmt.Formatter]: every verb prints [Group.String] (the
// group's name, model, size and stage), never the group's contents.
func (g *Group) Format(f fmt.State, verb rune) {
	if g == nil {
		redact.FormatString(f, verb, "<nil>")
		return
	}
	redact.FormatString(f, verb, g.String())
}
