package casework

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/helpingwork/helping/relationship"
)

// EligibilityPolicy decides whether an agency will help an applicant. Every
// agency has one ([NewAgency]); [Case.AssessEligibility] applies it to what
// the case knows, and records the outcome with its reasons.
//
// The policy is a choice with consequences, which is why it is pluggable
// and why its name goes into the record: the same family may be helped by
// one policy and turned away by another. The package ships two:
// [NeedsPolicy], which asks what the applicant needs, and
// [WorthinessPolicy], the charity organisation societies' test of whether
// the applicant deserved help.
//
// Implementations must be deterministic and safe for concurrent use, and
// must not keep the Applicant they are given. Assess is called while the
// case is locked: it must not call the case's methods (the Applicant holds
// copies of everything it may need).
type EligibilityPolicy interface {
	// Name is a short, stable name, recorded with every assessment.
	Name() string
	// Assess returns the decision on the applicant, with at least one
	// reason.
	Assess(a Applicant) Eligibility
}

// Applicant is what a policy may look at: the client as intake recorded
// them, and the evidence of the social study so far.
type Applicant struct {
	Client   Client
	Evidence []EvidenceItem
}

// Eligibility is a policy's decision: eligible or not, and why.
type Eligibility struct {
	Eligible bool
	Reasons  []string
}

// Assessment is an eligibility decision as the case records it: which
// policy decided, the decision and its reasons, when and by whom it was
// applied. It is a copy.
type Assessment struct {
	Policy   string
	Eligible bool
	Reasons  []string
	At       time.Time
	By       relationship.PartyID
}

// NeedsPolicy is eligibility by need: an applicant who states a need is
// eligible, whatever their character or history. It is the principle of
// modern social services, from the Poor Law's critics to the welfare states:
// help follows need, and the question "do they deserve it?" is not asked.
// It ignores the circumstances the evidence shows, hearsay included.
//
// The zero NeedsPolicy is ready to use.
type NeedsPolicy struct{}

// Name returns "needs".
func (NeedsPolicy) Name() string { return "needs" }

// Assess finds the applicant eligible when they have stated at least one
// need.
func (NeedsPolicy) Assess(a Applicant) Eligibility {
	needs := a.Client.Needs()
	if len(needs) == 0 {
		return Eligibility{Reasons: []string{"no need has been stated"}}
	}
	return Eligibility{Eligible: true, Reasons: []string{"needs stated: " + strings.Join(needs, "; ")}}
}

// WorthinessPolicy is the historical test of the charity organisation
// societies (London, 1869; Buffalo, 1877; then most American cities): relief
// only for the "worthy" poor, those brought low by misfortune, and none for
// the "unworthy", whose poverty was put down to their character. An
// applicant is eligible when the evidence shows at least one misfortune and
// no judgement of character (see [Circumstance.IsCharacter]); hearsay counts,
// as the neighbours' word did.
//
// Why it existed: the societies believed that "indiscriminate" alms made
// people dependent, and that careful investigation could help the deserving
// and reform the rest. Why it matters: the test turned need into a verdict
// on a person. Families were investigated through landlords, employers,
// neighbours and relatives, and refused for a husband's drinking, for
// taking relief before, for relatives judged able to help; poverty caused by
// low wages and unemployment was read as a failing of character; many people
// stopped applying rather than be examined. The package ships it so that its
// effects can be seen and measured, not recommended.
//
// The zero WorthinessPolicy is ready to use.
type WorthinessPolicy struct{}

// Name returns "worthiness".
func (WorthinessPolicy) Name() string { return "worthiness" }

// Assess applies the worthiness test to the evidence.
func (WorthinessPolicy) Assess(a Applicant) Eligibility {
	var misfortunes, failings []string
	for _, e := range a.Evidence {
		for _, c := range e.Shows {
			finding := fmt.Sprintf("%s (%s evidence from %s", c, e.Kind, e.Source)
			if e.Hearsay {
				finding += ", hearsay"
			}
			finding += ")"
			if c.IsCharacter() {
				failings = append(failings, finding)
			} else {
				misfortunes = append(misfortunes, finding)
			}
		}
	}
	switch {
	case len(failings) > 0:
		return Eligibility{Reasons: []string{"unworthy: " + strings.Join(failings, "; ")}}
	case len(misfortunes) == 0:
		return Eligibility{Reasons: []string{"no misfortune established: need alone is no claim on charity"}}
	}
	return Eligibility{Eligible: true, Reasons: []string{"worthy: " + strings.Join(misfortunes, "; ")}}
}

// EligibilityAssessed records an eligibility decision: the policy that made
// it, the decision and the reasons.
type EligibilityAssessed struct {
	Policy   string   `json:"policy"`
	Eligible bool     `json:"eligible"`
	Reasons  []string `json:"reasons"`
}

// EventType implements [relationship.Event].
func (EligibilityAssessed) EventType() string { return "casework.eligibility-assessed.v1" }

// AssessEligibility applies the agency's [EligibilityPolicy] to the client
// and the evidence so far, records the decision and returns it. The
// assigned worker or their supervisor assesses, during intake or study; a
// later assessment replaces an earlier one. The case may not move to
// diagnosis until an assessment finds the client eligible.
//
// A case replayed without its agency (see [Options.Agency]) assesses with
// [NeedsPolicy]. A policy that gives no reason is a [*InputError]: a
// decision about a person must say why.
func (c *Case) AssessEligibility(actor relationship.PartyID) (Assessment, error) {
	if c == nil {
		return Assessment{}, relationship.Nil("case")
	}
	var policy EligibilityPolicy = NeedsPolicy{}
	if a := c.agency; a != nil {
		policy = a.Policy()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	evidence := make([]EvidenceItem, len(c.st.evidence))
	for i, e := range c.st.evidence {
		evidence[i] = e.clone()
	}
	d := policy.Assess(Applicant{Client: c.st.client, Evidence: evidence})
	ev := EligibilityAssessed{Policy: policy.Name(), Eligible: d.Eligible, Reasons: trimAll(d.Reasons)}
	if err := c.do(actor, ev); err != nil {
		return Assessment{}, err
	}
	return c.st.assessment.clone(), nil
}

func (EligibilityAssessed) act() relationship.Act { return ActAssessEligibility }

func (e EligibilityAssessed) check() error {
	errs := []error{requireText("policy", e.Policy)}
	if len(e.Reasons) == 0 {
		errs = append(errs, empty("reasons"))
	}
	for i, r := range e.Reasons {
		errs = append(errs, requireText(fmt.Sprintf("reasons[%d]", i), r))
	}
	return errors.Join(errs...)
}

func (e EligibilityAssessed) validate(t *txn) error {
	return t.inPhase(ActAssessEligibility, PhaseIntake, PhaseStudy)
}

func (e EligibilityAssessed) apply(t *txn) {
	t.s.assessment = &Assessment{Policy: e.Policy, Eligible: e.Eligible, Reasons: slices.Clone(e.Reasons),
		At: t.at, By: t.actor.ID()}
}

func (a *Assessment) clone() Assessment {
	v := *a
	v.Reasons = slices.Clone(a.Reasons)
	return v
}

// Assessment returns the latest eligibility assessment, and false if the
// client has not been assessed since the case was opened or reopened.
func (c *Case) Assessment() (Assessment, bool) {
	if c == nil {
		return Assessment{}, false
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.st.assessment == nil {
		return Assessment{}, false
	}
	return c.st.assessment.clone(), true
}
