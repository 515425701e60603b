package groupwork

import (
	"slices"
	"testing"

	"github.com/helpingwork/helping/internal/enum/enumtest"
	"github.com/stretchr/testify/assert"
)

func TestEnums(t *testing.T) {
	t.Run("model", enumtest.Check[Model, *Model](Models(), ParseModel, Model.IsValid,
		[]string{"social-goals", "remedial", "reciprocal"}))
	t.Run("membership", enumtest.Check[Membership, *Membership](Memberships(), ParseMembership, Membership.IsValid,
		[]string{"open", "closed"}))
	t.Run("attendance", enumtest.Check[Attendance, *Attendance](Attendances(), ParseAttendance, Attendance.IsValid,
		[]string{"present", "late", "excused", "absent"}))
	t.Run("activity", enumtest.Check[Activity, *Activity](Activities(), ParseActivity, Activity.IsValid,
		[]string{"camping", "singing", "discussion", "games", "arts-and-crafts", "drama", "sports", "outing",
			"class", "service-project", "dance", "music", "cooking", "storytelling", "debate", "celebration", "gardening"}))
	t.Run("stage", enumtest.Check[Stage, *Stage](Stages(), ParseStage, Stage.IsValid,
		[]string{"preaffiliation", "power-and-control", "intimacy", "differentiation", "separation"}))
	t.Run("mutual-aid process", enumtest.Check[MutualAidProcess, *MutualAidProcess](MutualAidProcesses(), ParseMutualAidProcess, MutualAidProcess.IsValid,
		[]string{"sharing-data", "dialectical-process", "discussing-a-taboo-area", "all-in-the-same-boat",
			"universal-perspective", "mutual-support", "mutual-demand", "individual-problem-solving",
			"rehearsal", "strength-in-numbers"}))
	t.Run("therapeutic factor", enumtest.Check[TherapeuticFactor, *TherapeuticFactor](TherapeuticFactors(), ParseTherapeuticFactor, TherapeuticFactor.IsValid,
		[]string{"instillation-of-hope", "universality", "imparting-information", "altruism",
			"corrective-recapitulation", "socialising-techniques", "imitative-behaviour",
			"interpersonal-learning", "cohesiveness", "catharsis", "existential-factors"}))
	t.Run("leave reason", enumtest.Check[LeaveReason, *LeaveReason](LeaveReasons(), ParseLeaveReason, LeaveReason.IsValid,
		[]string{"moved", "work-or-school", "illness", "lost-interest", "conflict", "goals-met", "other", "group-ended"}))
	t.Run("concern scope", enumtest.Check[ConcernScope, *ConcernScope](ConcernScopes(), ParseConcernScope, ConcernScope.IsValid,
		[]string{"personal", "group", "neighbourhood", "society"}))
	t.Run("action kind", enumtest.Check[ActionKind, *ActionKind](ActionKinds(), ParseActionKind, ActionKind.IsValid,
		[]string{"discussion", "inquiry", "letter", "petition", "deputation", "public-meeting", "campaign",
			"service-project", "referral"}))
	t.Run("outcome", enumtest.Check[Outcome, *Outcome](Outcomes(), ParseOutcome, Outcome.IsValid,
		[]string{"resolved", "partly-resolved", "unresolved", "withdrawn", "referred"}))
	t.Run("fit", enumtest.Check[Fit, *Fit](Fits(), ParseFit, Fit.IsValid, []string{"exact", "general", "related"}))
	t.Run("rule", enumtest.Check[Rule, *Rule](Rules(), ParseRule, Rule.IsValid,
		[]string{"simple-majority", "absolute-majority", "supermajority", "consensus", "consent",
			"plurality", "approval", "instant-runoff", "schulze", "stv"}))
}

func TestNumProcesses(t *testing.T) {
	assert.Len(t, slices.Collect(MutualAidProcesses()), numProcesses)
}
