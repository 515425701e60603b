package casework

import (
	"fmt"
	"log/slog"

	"github.com/helpingwork/helping/internal/redact"
)

// Confidentiality in logs and printed values: every type of this package
// that can carry what identifies or describes a client (a name, the
// household, the presenting problem, notes, evidence, the diagnosis, free
// text reasons) logs and prints identifiers, kinds, counts and times only,
// whatever the slog handler or fmt verb. See the package documentation,
// "Confidentiality".
// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (h HouseholdMember) LogValue() slog.Value { return redact.Value(h) }

// Format implements [fmt.Formatter] for every verb as [HouseholdMember.LogValue] logs.
func (h HouseholdMember) Format(f fmt.State, verb rune) { redact.Format(f, verb, h) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (p Intake) LogValue() slog.Value { return redact.Value(p) }

// Format implements [fmt.Formatter] for every verb as [Intake.LogValue] logs.
func (p Intake) Format(f fmt.State, verb rune) { redact.Format(f, verb, p) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (n NoteAccessed) LogValue() slog.Value { return redact.Value(n) }

// Format implements [fmt.Formatter] for every verb as [NoteAccessed.LogValue] logs.
func (n NoteAccessed) Format(f fmt.State, verb rune) { redact.Format(f, verb, n) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (n NoteDisclosed) LogValue() slog.Value { return redact.Value(n) }

// Format implements [fmt.Formatter] for every verb as [NoteDisclosed.LogValue] logs.
func (n NoteDisclosed) Format(f fmt.State, verb rune) { redact.Format(f, verb, n) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (a Access) LogValue() slog.Value { return redact.Value(a) }

// Format implements [fmt.Formatter] for every verb as [Access.LogValue] logs.
func (a Access) Format(f fmt.State, verb rune) { redact.Format(f, verb, a) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (a Application) LogValue() slog.Value { return redact.Value(a) }

// Format implements [fmt.Formatter] for every verb as [Application.LogValue] logs.
func (a Application) Format(f fmt.State, verb rune) { redact.Format(f, verb, a) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (e Evidence) LogValue() slog.Value { return redact.Value(e) }

// Format implements [fmt.Formatter] for every verb as [Evidence.LogValue] logs.
func (e Evidence) Format(f fmt.State, verb rune) { redact.Format(f, verb, e) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (e EvidenceItem) LogValue() slog.Value { return redact.Value(e) }

// Format implements [fmt.Formatter] for every verb as [EvidenceItem.LogValue] logs.
func (e EvidenceItem) Format(f fmt.State, verb rune) { redact.Format(f, verb, e) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (e EvidenceRecorded) LogValue() slog.Value { return redact.Value(e) }

// Format implements [fmt.Formatter] for every verb as [EvidenceRecorded.LogValue] logs.
func (e EvidenceRecorded) Format(f fmt.State, verb rune) { redact.Format(f, verb, e) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (d Diagnosis) LogValue() slog.Value { return redact.Value(d) }

// Format implements [fmt.Formatter] for every verb as [Diagnosis.LogValue] logs.
func (d Diagnosis) Format(f fmt.State, verb rune) { redact.Format(f, verb, d) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (d DiagnosisMade) LogValue() slog.Value { return redact.Value(d) }

// Format implements [fmt.Formatter] for every verb as [DiagnosisMade.LogValue] logs.
func (d DiagnosisMade) Format(f fmt.State, verb rune) { redact.Format(f, verb, d) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (a Applicant) LogValue() slog.Value { return redact.Value(a) }

// Format implements [fmt.Formatter] for every verb as [Applicant.LogValue] logs.
func (a Applicant) Format(f fmt.State, verb rune) { redact.Format(f, verb, a) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (a Assessment) LogValue() slog.Value { return redact.Value(a) }

// Format implements [fmt.Formatter] for every verb as [Assessment.LogValue] logs.
func (a Assessment) Format(f fmt.State, verb rune) { redact.Format(f, verb, a) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (e Eligibility) LogValue() slog.Value { return redact.Value(e) }

// Format implements [fmt.Formatter] for every verb as [Eligibility.LogValue] logs.
func (e Eligibility) Format(f fmt.State, verb rune) { redact.Format(f, verb, e) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (e EligibilityAssessed) LogValue() slog.Value { return redact.Value(e) }

// Format implements [fmt.Formatter] for every verb as [EligibilityAssessed.LogValue] logs.
func (e EligibilityAssessed) Format(f fmt.State, verb rune) { redact.Format(f, verb, e) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (g Goal) LogValue() slog.Value { return redact.Value(g) }

// Format implements [fmt.Formatter] for every verb as [Goal.LogValue] logs.
func (g Goal) Format(f fmt.State, verb rune) { redact.Format(f, verb, g) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (g GoalProposed) LogValue() slog.Value { return redact.Value(g) }

// Format implements [fmt.Formatter] for every verb as [GoalProposed.LogValue] logs.
func (g GoalProposed) Format(f fmt.State, verb rune) { redact.Format(f, verb, g) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (g GoalAchieved) LogValue() slog.Value { return redact.Value(g) }

// Format implements [fmt.Formatter] for every verb as [GoalAchieved.LogValue] logs.
func (g GoalAchieved) Format(f fmt.State, verb rune) { redact.Format(f, verb, g) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (g GoalAbandoned) LogValue() slog.Value { return redact.Value(g) }

// Format implements [fmt.Formatter] for every verb as [GoalAbandoned.LogValue] logs.
func (g GoalAbandoned) Format(f fmt.State, verb rune) { redact.Format(f, verb, g) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (c Consent) LogValue() slog.Value { return redact.Value(c) }

// Format implements [fmt.Formatter] for every verb as [Consent.LogValue] logs.
func (c Consent) Format(f fmt.State, verb rune) { redact.Format(f, verb, c) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (c ConsentGiven) LogValue() slog.Value { return redact.Value(c) }

// Format implements [fmt.Formatter] for every verb as [ConsentGiven.LogValue] logs.
func (c ConsentGiven) Format(f fmt.State, verb rune) { redact.Format(f, verb, c) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (c ConsentRefused) LogValue() slog.Value { return redact.Value(c) }

// Format implements [fmt.Formatter] for every verb as [ConsentRefused.LogValue] logs.
func (c ConsentRefused) Format(f fmt.State, verb rune) { redact.Format(f, verb, c) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (r RefusalOverridden) LogValue() slog.Value { return redact.Value(r) }

// Format implements [fmt.Formatter] for every verb as [RefusalOverridden.LogValue] logs.
func (r RefusalOverridden) Format(f fmt.State, verb rune) { redact.Format(f, verb, r) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (c Counselled) LogValue() slog.Value { return redact.Value(c) }

// Format implements [fmt.Formatter] for every verb as [Counselled.LogValue] logs.
func (c Counselled) Format(f fmt.State, verb rune) { redact.Format(f, verb, c) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (p Provision) LogValue() slog.Value { return redact.Value(p) }

// Format implements [fmt.Formatter] for every verb as [Provision.LogValue] logs.
func (p Provision) Format(f fmt.State, verb rune) { redact.Format(f, verb, p) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (p ProvisionProposed) LogValue() slog.Value { return redact.Value(p) }

// Format implements [fmt.Formatter] for every verb as [ProvisionProposed.LogValue] logs.
func (p ProvisionProposed) Format(f fmt.State, verb rune) { redact.Format(f, verb, p) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (p ProvisionDeclined) LogValue() slog.Value { return redact.Value(p) }

// Format implements [fmt.Formatter] for every verb as [ProvisionDeclined.LogValue] logs.
func (p ProvisionDeclined) Format(f fmt.State, verb rune) { redact.Format(f, verb, p) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (p ProvisionWithdrawn) LogValue() slog.Value { return redact.Value(p) }

// Format implements [fmt.Formatter] for every verb as [ProvisionWithdrawn.LogValue] logs.
func (p ProvisionWithdrawn) Format(f fmt.State, verb rune) { redact.Format(f, verb, p) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (r Referral) LogValue() slog.Value { return redact.Value(r) }

// Format implements [fmt.Formatter] for every verb as [Referral.LogValue] logs.
func (r Referral) Format(f fmt.State, verb rune) { redact.Format(f, verb, r) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (r ReferralMade) LogValue() slog.Value { return redact.Value(r) }

// Format implements [fmt.Formatter] for every verb as [ReferralMade.LogValue] logs.
func (r ReferralMade) Format(f fmt.State, verb rune) { redact.Format(f, verb, r) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (r ReferralUpdated) LogValue() slog.Value { return redact.Value(r) }

// Format implements [fmt.Formatter] for every verb as [ReferralUpdated.LogValue] logs.
func (r ReferralUpdated) Format(f fmt.State, verb rune) { redact.Format(f, verb, r) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (r ReferralRevoked) LogValue() slog.Value { return redact.Value(r) }

// Format implements [fmt.Formatter] for every verb as [ReferralRevoked.LogValue] logs.
func (r ReferralRevoked) Format(f fmt.State, verb rune) { redact.Format(f, verb, r) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (c Closure) LogValue() slog.Value { return redact.Value(c) }

// Format implements [fmt.Formatter] for every verb as [Closure.LogValue] logs.
func (c Closure) Format(f fmt.State, verb rune) { redact.Format(f, verb, c) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (c CaseClosed) LogValue() slog.Value { return redact.Value(c) }

// Format implements [fmt.Formatter] for every verb as [CaseClosed.LogValue] logs.
func (c CaseClosed) Format(f fmt.State, verb rune) { redact.Format(f, verb, c) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (c CaseWithdrawn) LogValue() slog.Value { return redact.Value(c) }

// Format implements [fmt.Formatter] for every verb as [CaseWithdrawn.LogValue] logs.
func (c CaseWithdrawn) Format(f fmt.State, verb rune) { redact.Format(f, verb, c) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (c CaseReopened) LogValue() slog.Value { return redact.Value(c) }

// Format implements [fmt.Formatter] for every verb as [CaseReopened.LogValue] logs.
func (c CaseReopened) Format(f fmt.State, verb rune) { redact.Format(f, verb, c) }

// LogValue implements [slog.LogValuer]: identifiers, kinds, counts and
// times, with every text field redacted.
func (c CaseTransferred) LogValue() slog.Value { return redact.Value(c) }

// Format implements [fmt.Formatter] for every verb as [CaseTransferred.LogValue] logs.
func (c CaseTransferred) Format(f fmt.State, verb rune) { redact.Format(f, verb, c) }

// Format implements [fmt.Formatter] for every verb as [Client.LogValue] logs.
func (c Client) Format(f fmt.State, verb rune) { redact.Format(f, verb, c) }

// Format implements [fmt.Formatter] for every verb as [Note.LogValue] logs.
func (n Note) Format(f fmt.State, verb rune) { redact.Format(f, verb, n) }

// Format implements [fmt.Formatter] for every verb as [NoteWritten.LogValue] logs.
func (n NoteWritten) Format(f fmt.State, verb rune) { redact.Format(f, verb, n) }

// Format implements [fmt.Formatter] for every verb as [CaseOpened.LogValue] logs.
func (c CaseOpened) Format(f fmt.State, verb rune) { redact.Format(f, verb, c) }

// LogValue implements [slog.LogValuer]: the case's identifier, phase, the
// identifiers of its client and worker, and how many notes, evidence,
// goals, consents, provisions and referrals it holds; never a name or
// text.
func (c *Case) LogValue() slog.Value {
	if c == nil {
		return slog.Value{}
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	s := &c.st
	return slog.GroupValue(
		slog.String("id", s.id.String()),
		slog.String("phase", s.phase.String()),
		slog.String("client", s.client.ID().String()),
		slog.String("worker", s.worker.ID().String()),
		slog.Int("notes", len(s.notes)),
		slog.Int("evidence", len(s.evidence)),
		slog.Int("goals", len(s.goals)),
		slog.Int("consents", len(s.consents)),
		slog.Int("provisions", len(s.provisions)),
		slog.Int("referrals", len(s.referrals)),
	)
}

// Format implements [fmt.Formatter] for every verb as [Case.LogValue] logs.
func (c *Case) Format(f fmt.State, verb rune) {
	if c == nil {
		redact.FormatString(f, verb, "<nil>")
		return
	}
	redact.Format(f, verb, c)
}
