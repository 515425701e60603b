package groupwork_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// options returns deterministic sources, so that the examples print the
// same output on every run.
func options() *groupwork.Options {
	return &groupwork.Options{Sources: &relationship.Sources{
		Clock: relationship.StepClock(time.Date(1910, time.October, 4, 19, 0, 0, 0, time.UTC), time.Hour),
		IDs:   relationship.SequentialIDs(1),
	}}
}

var (
	jane   = relationship.MustParty(relationship.MustParsePartyID("0192f5e0-7c1a-7000-8000-000000000001"), "Jane Addams", relationship.RoleFacilitator)
	rosa   = relationship.MustParsePartyID("0192f5e0-7c1a-7000-8000-000000000011")
	hannah = relationship.MustParsePartyID("0192f5e0-7c1a-7000-8000-000000000012")
	maria  = relationship.MustParsePartyID("0192f5e0-7c1a-7000-8000-000000000013")
)

func club() *groupwork.Group {
	g, err := groupwork.NewGroup(jane, groupwork.Spec{
		Name:     "Halsted Street Girls' Club",
		Purposes: []relationship.Purpose{relationship.PurposeRecreation, relationship.PurposeSocialAction},
		Model:    groupwork.SocialGoals,
		Settings: groupwork.Settings{Membership: groupwork.OpenMembership, Capacity: 12},
	}, options())
	if err != nil {
		panic(err)
	}
	return g
}

// A club at a settlement house: the worker forms it, girls from the block
// join, and they help one another.
func Example() {
	g := club()
	if err := g.Join(rosa, "Rosa", groupwork.Profile{}); err != nil {
		fmt.Println(err)
	}
	if err := g.Join(hannah, "Hannah", groupwork.Profile{}); err != nil {
		fmt.Println(err)
	}
	english, _ := relationship.NewSupport(relationship.Informational, "helped with a letter in English")
	coal, _ := relationship.NewMaterial("coal", 1, "hundredweight")
	g.GiveAid(rosa, groupwork.Aid{To: hannah, Support: english, Process: groupwork.SharingData})
	g.GiveAid(hannah, groupwork.Aid{To: rosa, Support: coal, Process: groupwork.MutualSupport})

	fmt.Println(g)
	fmt.Printf("reciprocity %.2f, density %.2f\n", g.Ledger().Reciprocity(), g.Ledger().Density())
	// Output:
	// Halsted Street Girls' Club (social-goals, 2 members, preaffiliation)
	// reciprocity 1.00, density 1.00
}

func ExampleNewGroup() {
	g, err := groupwork.NewGroup(jane, groupwork.Spec{
		Name:     "Mothers' Club",
		Purposes: []relationship.Purpose{relationship.PurposeSupport, relationship.PurposeEducation},
		Model:    groupwork.Reciprocal,
		Settings: groupwork.Settings{Membership: groupwork.ClosedMembership, Capacity: 8},
	}, options())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(g.Name(), "-", g.Model(), "model,", g.Settings().Membership, "membership")
	fmt.Println("facilitator:", g.Facilitator().Name())
	fmt.Println("stage:", g.Stage())

	// A member cannot form a group, and a bad spec reports every problem.
	_, err = groupwork.NewGroup(relationship.MustParty(rosa, "Rosa", relationship.RoleMember), groupwork.Spec{}, nil)
	fmt.Println(errors.Is(err, relationship.ErrNotPermitted))
	_, err = groupwork.NewGroup(jane, groupwork.Spec{Name: "Club"}, nil)
	fmt.Println(err)
	// Output:
	// Mothers' Club - reciprocal model, closed membership
	// facilitator: Jane Addams
	// stage: preaffiliation
	// true
	// groupwork: invalid group purposes: none given
	// groupwork: invalid group model: none of social-goals, remedial, reciprocal
	// groupwork: invalid group membership: neither open nor closed
}

func ExampleGroup_Join() {
	g := club()
	english := groupwork.MustStrength(relationship.Informational, "english")
	err := g.Join(rosa, "Rosa", groupwork.Profile{
		Strengths: []groupwork.Strength{english},
		Needs:     []groupwork.Need{groupwork.MustNeed(relationship.Material, "coal")},
	})
	fmt.Println(err)
	m, _ := g.Member(rosa)
	for s := range m.Strengths() {
		fmt.Println("Rosa offers", s)
	}

	// Joining twice, or the facilitator joining, is refused.
	fmt.Println(g.Join(rosa, "Rosa", groupwork.Profile{}))
	fmt.Println(errors.Is(g.Join(jane.ID(), "Jane", groupwork.Profile{}), relationship.ErrNotPermitted))
	// Output:
	// <nil>
	// Rosa offers informational:english
	// groupwork: the person is already a member of the group
	// true
}

func ExampleGroup_ConveneMeeting() {
	g := club()
	g.Join(rosa, "Rosa", groupwork.Profile{})
	g.Join(hannah, "Hannah", groupwork.Profile{})
	g.Join(maria, "Maria", groupwork.Profile{})

	meeting, _ := g.ConveneMeeting(jane.ID(), time.Date(1910, time.October, 11, 19, 0, 0, 0, time.UTC), "the gymnasium")
	g.RecordAttendance(jane.ID(), meeting, rosa, groupwork.Present)
	g.RecordAttendance(jane.ID(), meeting, hannah, groupwork.Late)
	g.RecordAttendance(jane.ID(), meeting, maria, groupwork.Excused)
	item, _ := g.ChooseActivity(rosa, meeting, groupwork.Drama, "a play about the Triangle fire")
	g.RecordActivity(hannah, item, "Maria's part was read by Rosa")

	m, _ := g.Meeting(meeting)
	fmt.Printf("meeting %d on %s in %s\n", m.Number(), m.Date().Format("Jan 2"), m.Place())
	fmt.Println("present or late:", m.Count(groupwork.Present)+m.Count(groupwork.Late), "excused:", m.Count(groupwork.Excused))
	fmt.Println("Maria was there:", m.Present(maria))
	for it := range m.Programme() {
		fmt.Print(it.Activity(), ": ", it.Description(), "; serves")
		for p := range it.Purposes() {
			fmt.Print(" ", p)
		}
		fmt.Println()
	}

	// Only the facilitator keeps the register, and only for members.
	fmt.Println(errors.Is(g.RecordAttendance(rosa, meeting, hannah, groupwork.Absent), relationship.ErrNotPermitted))
	fmt.Println(g.RecordAttendance(jane.ID(), meeting, jane.ID(), groupwork.Present))
	// Output:
	// meeting 1 on Oct 11 in the gymnasium
	// present or late: 2 excused: 1
	// Maria was there: false
	// drama: a play about the Triangle fire; serves recreation socialisation education
	// true
	// groupwork: the party named is not a current member of the group
}

func ExampleGroup_GiveAid() {
	g := club()
	g.Join(rosa, "Rosa", groupwork.Profile{})
	g.Join(hannah, "Hannah", groupwork.Profile{})
	g.Join(maria, "Maria", groupwork.Profile{})

	listen, _ := relationship.NewSupport(relationship.Emotional, "listened to her fears about the strike")
	advice, _ := relationship.NewSupport(relationship.Informational, "where the free dispensary is")
	walk, _ := relationship.NewSupport(relationship.Companionship, "walked her home")
	g.GiveAid(rosa, groupwork.Aid{To: hannah, Support: listen, Process: groupwork.SameBoat})
	g.GiveAid(hannah, groupwork.Aid{To: maria, Support: advice, Process: groupwork.SharingData})
	g.GiveAid(maria, groupwork.Aid{To: rosa, Support: walk, Process: groupwork.MutualSupport})
	g.GiveAid(jane.ID(), groupwork.Aid{To: maria, Support: advice, Process: groupwork.SharingData})
	g.GiveAid(maria, groupwork.Aid{To: jane.ID(), Support: walk, Process: groupwork.MutualSupport})

	for x, p := range g.MutualAid() {
		fmt.Printf("%-13s %s\n", x.Support().Kind(), p)
	}
	v := g.Ledger()
	fmt.Printf("reciprocity %.2f, density %.2f, concentration %.2f\n", v.Reciprocity(), v.Density(), v.Concentration())

	_, err := g.GiveAid(rosa, groupwork.Aid{To: rosa, Support: listen, Process: groupwork.MutualSupport})
	fmt.Println(err)
	// Output:
	// emotional     all-in-the-same-boat
	// informational sharing-data
	// companionship mutual-support
	// informational sharing-data
	// companionship mutual-support
	// reciprocity 0.25, density 0.42, concentration 0.20
	// groupwork: a party cannot give aid to themselves: mutual aid is between two people
}

func ExampleGroup_WhoCanHelp() {
	g := club()
	strengths := func(texts ...string) groupwork.Profile {
		var p groupwork.Profile
		for _, t := range texts {
			s, err := groupwork.ParseStrength(t)
			if err != nil {
				panic(err)
			}
			p.Strengths = append(p.Strengths, s)
		}
		return p
	}
	g.Join(rosa, "Rosa", strengths("informational:english", "material:sewing"))
	g.Join(hannah, "Hannah", strengths("informational"))
	g.Join(maria, "Maria", strengths("companionship:english"))

	need, _ := groupwork.ParseNeed("informational:english")
	for _, h := range g.WhoCanHelp(need) {
		fmt.Printf("%-6s %-7s %s\n", h.Name, h.Fit, h.Strength)
	}
	// Output:
	// Rosa   exact   informational:english
	// Hannah general informational
	// Maria  related companionship:english
}

func ExampleGroup_RecordStage() {
	g := club()
	g.Join(rosa, "Rosa", groupwork.Profile{})
	f := jane.ID()
	g.RecordStage(f, groupwork.PowerAndControl, "quarrels over who captains the basketball team")
	g.RecordStage(f, groupwork.Intimacy, "the girls call the club 'our family'")
	g.RecordStage(f, groupwork.PowerAndControl, "two new girls joined; the old members shut them out")
	g.RecordStage(f, groupwork.Intimacy, "the new girls were given parts in the play")
	g.RecordStage(f, groupwork.Separation, "planning the farewell picnic")

	for c := range g.StageChanges() {
		mark := ""
		if c.Regression() {
			mark = " (regression)"
		}
		fmt.Printf("%s -> %s%s\n", c.From, c.To, mark)
	}
	fmt.Println(g.RecordStage(f, groupwork.Separation, "still planning"))
	fmt.Println(g.EndGroup(f, "the season is over"))
	// Output:
	// preaffiliation -> power-and-control
	// power-and-control -> intimacy
	// intimacy -> power-and-control (regression)
	// power-and-control -> intimacy
	// intimacy -> separation
	// groupwork: the group is already in separation
	// <nil>
}

func ExampleGroup_RaiseConcern() {
	g := club()
	g.Join(rosa, "Rosa", groupwork.Profile{})
	g.Join(hannah, "Hannah", groupwork.Profile{})

	concern, _ := g.RaiseConcern(rosa, groupwork.ScopeNeighbourhood, "garbage lies for weeks in the alleys of the ward")
	g.TakeAction(hannah, concern, groupwork.ActionInquiry, "counted the uncollected boxes on Ewing Street")
	g.TakeAction(rosa, concern, groupwork.ActionDeputation, "took the count to the city hall")
	g.CloseConcern(hannah, concern, groupwork.OutcomePartlyResolved, "collection twice a week")

	c, _ := g.Concern(concern)
	fmt.Println(c.Scope(), "concern:", c.Text())
	for a := range c.Actions() {
		fmt.Println(" -", a.Kind, a.Description)
	}
	fmt.Println("outcome:", c.Outcome(), "-", c.Summary())

	// The facilitator does not settle the members' concerns.
	_, err := g.RaiseConcern(jane.ID(), groupwork.ScopeSociety, "child labour")
	fmt.Println(err)
	// Output:
	// neighbourhood concern: garbage lies for weeks in the alleys of the ward
	//  - inquiry counted the uncollected boxes on Ewing Street
	//  - deputation took the count to the city hall
	// outcome: partly-resolved - collection twice a week
	// relationship: facilitator Jane Addams may not raise concern
}

func ExampleGroup_OpenMediation() {
	g := club()
	g.Join(rosa, "Rosa", groupwork.Profile{})
	concern, _ := g.RaiseConcern(rosa, groupwork.ScopeNeighbourhood, "the police chase us off the street when we play")

	m, _ := g.OpenMediation(jane.ID(), concern,
		groupwork.Demand{Source: "the police captain", What: "no ball games in the street"},
		"somewhere safe to play after school")
	g.SettleMediation(jane.ID(), m,
		"both want the children safe and out of the traffic",
		"the settlement opens its yard after school; the club keeps it tidy")

	med, _ := g.Mediation(m)
	fmt.Println("demand:", med.Demand().What, "("+med.Demand().Source+")")
	fmt.Println("need:", med.Need())
	fmt.Println("common ground:", med.CommonGround())
	fmt.Println("agreement:", med.Agreement())
	// Output:
	// demand: no ball games in the street (the police captain)
	// need: somewhere safe to play after school
	// common ground: both want the children safe and out of the traffic
	// agreement: the settlement opens its yard after school; the club keeps it tidy
}

func ExampleLoad() {
	ctx := context.Background()
	j := journal.NewMemory()
	g := club()
	g.Join(rosa, "Rosa", groupwork.Profile{})
	if err := g.Save(ctx, j); err != nil {
		fmt.Println(err)
		return
	}

	copy1, _ := groupwork.Load(ctx, j, g.ID(), options())
	copy2, _ := groupwork.Load(ctx, j, g.ID(), options())
	copy1.Join(hannah, "Hannah", groupwork.Profile{})
	copy2.Join(maria, "Maria", groupwork.Profile{})
	fmt.Println(copy1.Save(ctx, j))
	err := copy2.Save(ctx, j)
	fmt.Println(errors.Is(err, relationship.ErrVersionConflict))

	again, _ := groupwork.Load(ctx, j, g.ID(), nil)
	for m := range again.Members() {
		fmt.Println(m.Name())
	}
	// Output:
	// <nil>
	// true
	// Rosa
	// Hannah
}

func ExampleReplay() {
	g := club()
	g.Join(rosa, "Rosa", groupwork.Profile{})
	g.RecordStage(jane.ID(), groupwork.PowerAndControl, "a fight over the piano")

	for e := range g.Record() {
		fmt.Println(e.Seq(), string(e.Act()), e.Event().EventType())
	}
	rebuilt, err := groupwork.Replay(g.Record(), nil)
	fmt.Println(err, rebuilt.Stage(), rebuilt.Size())
	// Output:
	// 1 form-group groupwork.group-formed.v1
	// 2 join groupwork.member-joined.v1
	// 3 record-stage groupwork.stage-recorded.v1
	// <nil> power-and-control 1
}

// A club that has met for years loads from a snapshot of its state and
// the few entries after it, not from its first entry.
func ExampleGroup_SaveSnapshot() {
	ctx := context.Background()
	j := journal.NewMemory()
	g := club()
	for i, name := range []string{"Rosa", "Hannah", "Maria", "Sadie"} {
		id := relationship.MustParsePartyID(fmt.Sprintf("018f0000-0000-7000-8000-0000000000e%d", i))
		if err := g.Join(id, name, groupwork.Profile{}); err != nil {
			panic(err)
		}
	}
	if err := g.SaveSnapshot(ctx, j); err != nil {
		panic(err)
	}
	snap, _, _ := j.LoadSnapshot(ctx, groupwork.StreamName(g.ID()))

	// The club goes on after the snapshot.
	if err := g.Join(relationship.MustParsePartyID("018f0000-0000-7000-8000-0000000000f1"), "Lena", groupwork.Profile{}); err != nil {
		panic(err)
	}
	if err := g.Save(ctx, j); err != nil {
		panic(err)
	}

	loaded, err := groupwork.Load(ctx, j, g.ID(), options())
	if err != nil {
		panic(err)
	}
	fmt.Printf("snapshot at entry %d of %d\n", snap.Version, loaded.Version())
	fmt.Println("members:", loaded.Size())
	// Output:
	// snapshot at entry 5 of 6
	// members: 5
}
