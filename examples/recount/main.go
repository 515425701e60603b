// Command recount checks a group's decision, or any election's ballots,
// by counting them again with package count alone, independently of the
// Group that decided.
//
// A group that votes by secret ballot has to trust its count. An exported
// decision (a [groupwork.Decision] marshalled as JSON) carries the ballots,
// anonymised, the rule, the declared tie-break order and the full tally:
// recount reads it, counts the ballots again under the same rule and
// compares every round, transfer and tie-break with the exported tally. It
// also counts ballot files in the BLT format that counting programs
// exchange, such as the public records of city elections.
//
//	go run ./examples/recount                      # a club's decision, exported and recounted
//	go run ./examples/recount decision.json        # recount an exported decision
//	go run ./examples/recount ward.blt             # count a ballot file (STV when it has seats, else instant runoff)
//	go run ./examples/recount -rule schulze x.blt  # under another rule
//	go run ./examples/recount -rule meek ward.blt  # STV by Meek's method, keep values and all
//	go run ./examples/recount -json ward.blt       # the count as JSON, every round
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship"
)

func main() {
	rule := flag.String("rule", "", "the rule for a ballot file: plurality, approval, instant-runoff, schulze, stv or meek (STV by Meek's method)")
	asJSON := flag.Bool("json", false, "print the count of a ballot file as JSON")
	flag.Parse()
	if err := run(os.Stdout, flag.Args(), *rule, *asJSON); err != nil {
		fmt.Fprintln(os.Stderr, "recount:", err)
		os.Exit(1)
	}
}

// errDisagrees means a recount that found a different tally.
var errDisagrees = errors.New("the recount disagrees with the exported tally")

// run recounts the file named in args, or the demonstration without one.
func run(w io.Writer, args []string, rule string, asJSON bool) error {
	if len(args) == 0 {
		return demo(w)
	}
	data, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	if strings.HasSuffix(args[0], ".json") {
		var d groupwork.Decision
		if err := json.Unmarshal(data, &d); err != nil {
			return err
		}
		return recountDecision(w, d)
	}
	e, err := count.ReadBLT(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return countFile(w, e, rule, asJSON)
}

// tally is what every result of package count can do.
type tally interface{ Report(names []string) string }

// recountDecision counts the decision's ballots again and compares.
func recountDecision(w io.Writer, d groupwork.Decision) error {
	fmt.Fprintf(w, "%s (%s): %d ballots\n", d.Title, d.Rule, len(d.Ballots))
	got, exported, err := recount(d)
	if err != nil {
		return err
	}
	if r, ok := got.(tally); ok {
		fmt.Fprint(w, r.Report(d.Options))
	} else {
		fmt.Fprintln(w, got)
	}
	a, err := json.Marshal(got)
	if err != nil {
		return err
	}
	b, err := json.Marshal(exported)
	if err != nil {
		return err
	}
	if !bytes.Equal(a, b) {
		return errDisagrees
	}
	fmt.Fprintln(w, "the recount agrees with the exported tally: every round, transfer and tie-break")
	return nil
}

// recount returns the decision's tally counted again, and the exported one.
func recount(d groupwork.Decision) (got, exported any, err error) {
	lists := make([][]int, len(d.Ballots))
	votes := make([]count.Vote, len(d.Ballots))
	stances := make([]count.Stance, len(d.Ballots))
	responses := make([]count.Response, len(d.Ballots))
	for i, b := range d.Ballots {
		lists[i], votes[i], stances[i], responses[i] = b.Options, b.Vote, b.Stance, b.Response
	}
	n, opts := len(d.Options), &count.Options{Priority: d.Priority}
	switch {
	case d.Count != nil && d.Rule == groupwork.RuleApproval:
		got, err = count.Approval(n, lists, opts)
		exported = d.Count
	case d.Count != nil:
		got, err = count.Plurality(n, lists, opts)
		exported = d.Count
	case d.Runoff != nil:
		got, err = count.InstantRunoff(n, lists, opts)
		exported = d.Runoff
	case d.Schulze != nil:
		got, err = count.Schulze(n, lists, opts)
		exported = d.Schulze
	case d.STV != nil:
		opts.STV = d.STV.Method
		got, err = count.STV(n, d.STV.Seats, lists, opts)
		exported = d.STV
	case d.Motion != nil && d.Rule == groupwork.RuleAbsoluteMajority:
		got, err = count.AbsoluteMajority(votes, d.Eligible)
		exported = d.Motion
	case d.Motion != nil && d.Rule == groupwork.RuleSupermajority:
		got, err = count.Supermajority(votes, d.Motion.Fraction)
		exported = d.Motion
	case d.Motion != nil:
		got, err = count.SimpleMajority(votes)
		exported = d.Motion
	case d.Consensus != nil:
		got, err = count.Consensus(stances)
		exported = d.Consensus
	case d.Consent != nil:
		got, err = count.Consent(responses)
		exported = d.Consent
	default:
		return nil, nil, errors.New("the decision carries no tally")
	}
	return got, exported, err
}

// countFile counts a ballot file under the rule named, or by default STV
// for several seats and instant runoff for one; "meek" is STV by Meek's
// method.
func countFile(w io.Writer, e *count.Election, name string, asJSON bool) error {
	var stvOpts *count.Options
	if name == "meek" {
		name, stvOpts = "stv", &count.Options{STV: count.MeekSTV}
	}
	if name == "" {
		name = "instant-runoff"
		if e.Seats > 1 {
			name = "stv"
		}
	}
	rule, err := groupwork.ParseRule(name)
	if err != nil {
		return err
	}
	n, ballots := len(e.Names), e.Ballots()
	var r tally
	switch rule {
	case groupwork.RulePlurality:
		r, err = count.Plurality(n, ballots, nil)
	case groupwork.RuleApproval:
		r, err = count.Approval(n, ballots, nil)
	case groupwork.RuleInstantRunoff:
		r, err = count.InstantRunoff(n, ballots, nil)
	case groupwork.RuleSchulze:
		r, err = count.Schulze(n, ballots, nil)
	case groupwork.RuleSTV:
		r, err = count.STV(n, e.Seats, ballots, stvOpts)
	default:
		return fmt.Errorf("%s does not count ranked ballots", rule)
	}
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	fmt.Fprintf(w, "%s (%s)\n%s", e.Title, rule, r.Report(e.Names))
	return nil
}

// demo has a club decide by secret ballot, exports the decision as JSON,
// recounts it from the JSON alone, and writes and counts its ballots as a
// ballot file.
func demo(w io.Writer) error {
	exported, err := clubDecision()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "exported the decision: %d bytes of JSON\n\n", len(exported))
	var d groupwork.Decision
	if err := json.Unmarshal(exported, &d); err != nil {
		return err
	}
	if err := recountDecision(w, d); err != nil {
		return err
	}
	e := &count.Election{Title: d.Title, Names: d.Options, Seats: 1}
	for _, b := range d.Ballots {
		e.Lines = append(e.Lines, count.BallotLine{Weight: 1, Ranking: b.Options})
	}
	var file bytes.Buffer
	if err := count.WriteBLT(&file, e); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nthe ballots as a BLT file:\n%s\n", file.String())
	back, err := count.ReadBLT(&file)
	if err != nil {
		return err
	}
	return countFile(w, back, "schulze", false)
}

// clubDecision has five members of a club rank three outings by secret
// ballot, closes the vote and returns the decision as JSON.
func clubDecision() ([]byte, error) {
	jane := relationship.MustParty(relationship.MustParsePartyID("0192f5e0-7c1a-7000-8000-000000000001"), "Jane Addams", relationship.RoleFacilitator)
	g, err := groupwork.NewGroup(jane, groupwork.Spec{
		Name:     "Halsted Street Girls' Club",
		Purposes: []relationship.Purpose{relationship.PurposeRecreation},
		Model:    groupwork.SocialGoals,
		Settings: groupwork.Settings{Membership: groupwork.OpenMembership},
	}, &groupwork.Options{Sources: &relationship.Sources{
		Clock: relationship.StepClock(time.Date(1910, time.October, 4, 19, 0, 0, 0, time.UTC), time.Hour),
		IDs:   relationship.SequentialIDs(1),
	}})
	if err != nil {
		return nil, err
	}
	var members []relationship.PartyID
	for i, name := range []string{"Rosa", "Hannah", "Maria", "Sadie", "Anna"} {
		id := relationship.MustParsePartyID(fmt.Sprintf("0192f5e0-7c1a-7000-8000-0000000000%d1", i+2))
		if err := g.Join(id, name, groupwork.Profile{}); err != nil {
			return nil, err
		}
		members = append(members, id)
	}
	outing, err := g.Propose(members[0], groupwork.ProposalSpec{
		Title:    "Where shall we go in June?",
		Options:  []string{"the lake", "the dunes", "the museum"},
		Rule:     groupwork.RuleInstantRunoff,
		Secret:   true,
		Priority: []int{1, 0, 2},
		Review:   time.Date(1911, time.October, 1, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		return nil, err
	}
	for i, ranking := range [][]int{{2, 1}, {0, 1}, {1, 0}, {0}, {1, 2}} {
		if err := g.Vote(members[i], outing, groupwork.Ballot{Options: ranking}); err != nil {
			return nil, err
		}
	}
	d, err := g.CloseProposal(members[0], outing)
	if err != nil {
		return nil, err
	}
	return json.Marshal(d)
}
