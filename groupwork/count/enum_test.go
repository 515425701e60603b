package count

import (
	"testing"

	"github.com/helpingwork/helping/internal/enum/enumtest"
)

func TestEnums(t *testing.T) {
	t.Run("resolution", enumtest.Check[Resolution, *Resolution](Resolutions(), ParseResolution, Resolution.IsValid,
		[]string{"passed", "failed", "chosen", "tied", "no-preference", "no-quorum"}))
	t.Run("vote", enumtest.Check[Vote, *Vote](Votes(), ParseVote, Vote.IsValid, []string{"yes", "no", "abstain"}))
	t.Run("stance", enumtest.Check[Stance, *Stance](Stances(), ParseStance, Stance.IsValid,
		[]string{"agree", "stand-aside", "disagree", "block"}))
	t.Run("response", enumtest.Check[Response, *Response](Responses(), ParseResponse, Response.IsValid,
		[]string{"consents", "objects", "resolved", "withdrawn"}))
	t.Run("consensus reason", enumtest.Check[ConsensusReason, *ConsensusReason](ConsensusReasons(), ParseConsensusReason, ConsensusReason.IsValid,
		[]string{"reached", "blocked", "no-support", "divided"}))
	t.Run("motion rule", enumtest.Check[MotionRule, *MotionRule](MotionRules(), ParseMotionRule, MotionRule.IsValid,
		[]string{"majority-of-votes-cast", "majority-of-eligible", "fraction-of-votes-cast", "fraction-of-eligible"}))
	t.Run("tie method", enumtest.Check[TieMethod, *TieMethod](TieMethods(), ParseTieMethod, TieMethod.IsValid,
		[]string{"together", "by-earlier-round", "by-priority", "unbroken"}))
	t.Run("action", enumtest.Check[Action, *Action](Actions(), ParseAction, Action.IsValid,
		[]string{"count-ends", "transfer-surplus", "exclude"}))
	t.Run("STV method", enumtest.Check[STVMethod, *STVMethod](STVMethods(), ParseSTVMethod, STVMethod.IsValid,
		[]string{"scottish", "meek"}))
}
