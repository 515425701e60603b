// Package groupwork models social group work: members who help one another,
// a group worker who facilitates and mediates, the programme activities
// through which they do it, the stages they pass through together, and the
// concerns they take up in the world.
//
// It is one of the two methods of the helping library. Its sibling,
// casework, models one worker and one client; this package models the
// tradition that set itself against that asymmetry. After a first club, read
// the history: the rules the code enforces come from it.
//
// # A first club
//
// A settlement worker forms a club, two girls from the block join, and they
// help one another (the package's example "FirstClub" runs this code):
//
//	src := &relationship.Sources{} // the system clock and time-ordered ids
//	lane := relationship.MustParty(src.NewPartyID(), "Ellen Lane", relationship.RoleFacilitator)
//	g, err := groupwork.NewGroup(lane, groupwork.Spec{
//		Name:     "Ewing Street Girls' Club",
//		Purposes: []relationship.Purpose{relationship.PurposeRecreation},
//		Model:    groupwork.SocialGoals,
//		Settings: groupwork.Settings{Membership: groupwork.OpenMembership, Capacity: 12},
//	}, &groupwork.Options{Sources: src})
//	if err != nil {
//		panic(err)
//	}
//	rosa, hannah := src.NewPartyID(), src.NewPartyID()
//	english, _ := relationship.NewSupport(relationship.Informational, "a letter in English")
//	sewing, _ := relationship.NewSupport(relationship.Material, "mended a coat")
//	if err := errors.Join(g.Join(rosa, "Rosa Bianchi", groupwork.Profile{}),
//		g.Join(hannah, "Hannah Levin", groupwork.Profile{})); err != nil {
//		panic(err)
//	}
//	if _, err := g.GiveAid(rosa, groupwork.Aid{To: hannah, Support: english,
//		Process: groupwork.SharingData}); err != nil {
//		panic(err)
//	}
//	if _, err := g.GiveAid(hannah, groupwork.Aid{To: rosa, Support: sewing,
//		Process: groupwork.MutualSupport}); err != nil {
//		panic(err)
//	}
//	for m := range g.Members() {
//		fmt.Println("member:", m.Name())
//	}
//	fmt.Printf("reciprocity %.2f, concentration of giving %.2f\n",
//		g.Ledger().Reciprocity(), g.Ledger().Concentration())
//
// It prints:
//
//	member: Rosa Bianchi
//	member: Hannah Levin
//	reciprocity 1.00, concentration of giving 0.00
//
// Unlike a case, the help goes both ways and no one does all the giving.
// The package example goes on to meetings, concerns and votes; the program
// examples/settlementhouse tells a club's whole season at Hull House (its
// output is kept in examples/settlementhouse/testdata/output.golden), and
// [Group.WriteSociogramSVG] draws who helped whom.
//
// # The settlement houses
//
// In 1884 Samuel and Henrietta Barnett opened Toynbee Hall in Whitechapel,
// in the East End of London: university men came to live among the poor as
// neighbours, not as visitors bearing alms. Jane Addams and Ellen Gates
// Starr visited it and in 1889 opened Hull House on Halsted Street in
// Chicago, among Italian, Greek, Russian-Jewish and Irish immigrant
// families. The settlement houses ran clubs, classes, kindergartens,
// theatres, gymnasiums and summer camps; their residents surveyed the
// neighbourhood and campaigned for clean streets, playgrounds, juvenile
// courts and laws against child labour.
//
// The charity organisation societies, the cradle of casework, asked whether
// a family was "worthy" of relief and sent a visitor to study and advise it.
// The settlements asked what neighbours could do together. Their clubs were
// for everyone on the block, not only the poorest; they began from what
// people could do, not from what was wrong with them; and members ran them:
// they elected officers, kept minutes, chose their programme and decided by
// vote. Social group work grew out of these clubs, and out of the youth and
// recreation movements, into a method with a theory (Grace Coyle's Social
// Process in Organized Groups, 1930; the first group work courses at Western
// Reserve University in Cleveland, 1923).
//
// In this package that inheritance is a set of rules, not a mood: members
// join and leave for themselves ([Group.Join], [Group.Leave]); they name
// their own strengths and needs ([Profile]); they choose the programme
// ([Group.ChooseActivity]), raise concerns and decide when a concern is
// settled ([Group.RaiseConcern], [Group.CloseConcern]); they decide by a
// rule they declare ([Group.Propose]); help flows every way
// ([Group.GiveAid]); and the worker convenes, records and mediates but does
// not decide for the group ([Rights]).
//
// # Three models of group work
//
// Catherine Papell and Beulah Rothman (1966) saw three models in the field,
// each with its own idea of what a group is for and who the worker is; a
// group declares its [Model]:
//
//   - [SocialGoals], the settlement tradition: groups for citizenship and
//     social change, where responsibility for the wider society grows out of
//     doing things together. The worker is an enabler and a model of the
//     democratic citizen; groups are often open, their purposes recreation,
//     education and social action.
//   - [Remedial], the treatment tradition: the group is a means to change
//     its members, the worker a change agent who assesses each member, sets
//     goals and directs the programme toward them; groups are small and
//     closed, for therapy and rehabilitation.
//   - [Reciprocal], William Schwartz's model: the group is a system of
//     mutual aid and the worker a mediator between members and the society
//     they need. Neither the worker nor a set goal leads; the members'
//     shared concerns do.
//
// The rights table is the same in all three: this library takes the
// settlement stance that the group's decisions are its members'. What the
// model changes is how the worker uses the acts the table gives them, which
// the record shows: a remedial group's record holds more of the worker's
// notes and stage assessments, a social goals group's more of the members'
// programme choices and actions.
//
// # Stages of development
//
// James Garland, Hubert Jones and Ralph Kolodny's Boston model (1965)
// traces groups through five stages of closeness: [Preaffiliation]
// (approach and avoidance), [PowerAndControl] (the struggle over status and
// rules), [Intimacy] (a family-like closeness), [Differentiation] (a mature
// group that holds differences) and [Separation] (the ending). Groups do
// not march through them: a new member, a conflict or the end in sight
// sends a group back to an earlier stage, and the model treats that
// regression as expected. The facilitator records each change with its
// evidence ([Group.RecordStage]); a move back is marked as a
// [StageChange.Regression]; and a group ends ([Group.EndGroup]) only from
// separation, because an ending is worked through with the members, not
// announced to them.
//
// # The mediating function
//
// Schwartz ("The Social Worker in the Group", 1961) defined the worker's
// function as mediation: individuals and their society need each other,
// but the need is obscured by the demands each makes of the other. The
// worker stands between them, searches out the common ground, challenges
// the obstacles, contributes data, lends a vision and defines the limits of
// the work. A [Mediation] records one such piece of work: a [Demand] of
// society or the agency, the members' need, and, once found, the common
// ground and the agreement ([Group.OpenMediation], [Group.SettleMediation]).
//
// # Mutual aid
//
// Lawrence Shulman named the processes by which members help one another:
// sharing data, the dialectical process, discussing a taboo area, the "all
// in the same boat" phenomenon, developing a universal perspective, mutual
// support, mutual demand, individual problem-solving, rehearsal, and
// strength in numbers ([MutualAidProcess]). Every exchange of aid is
// recorded in the group's [relationship.Ledger] with the process it shows
// ([Group.GiveAid], [Group.MutualAid]); the ledger's reciprocity, ties per
// party and concentration then measure how far help in the group really
// flows many ways (its density falls as a group grows, so compare it only
// between groups of similar size). The facilitator may give and receive help too: a worker who is
// never helped by the group holds a power the group cannot return.
//
// [Group.WhoCanHelp] matches a [Need] to the members whose strengths
// ([Strength] values) fit it, in a deterministic best-first order that
// spreads the helping role.
//
// Jacob Moreno drew the first sociograms in the 1930s, to show the ties of
// choice in a group at a glance: who is sought out, who is mutual with whom,
// who stands alone. [Group.WriteSociogramSVG] draws the group's ledger that
// way, as a picture of who helps whom: everyone who took part, with the
// facilitator set apart, and an arrow from each giver to each receiver as
// wide as the help that passed, solid where help flows both ways and
// dashed where it flows one way. [Group.WriteSociogramDOT] writes the same
// graph for Graphviz.
//
// # Therapeutic factors
//
// Irvin Yalom's eleven therapeutic factors ([TherapeuticFactor]) name what
// it is about a group that helps: hope, universality, information,
// altruism, the corrective recapitulation of the family, socialising
// techniques, imitation, interpersonal learning, cohesiveness, catharsis
// and existential factors. Group notes ([Group.RecordNote]) are tagged with
// the factors and the mutual-aid processes they show, so that a season's
// record can be read for them.
//
// # Programme and concerns
//
// Programme activities ([Activity]: camping, singing, discussion, games,
// arts and crafts, drama, sports, outings, classes, service projects, ...)
// are the medium of group work: each [ProgrammeItem] records the purposes
// it serves. Members raise concerns ([Concern]), from private troubles to
// public issues ([ConcernScope]), act on them ([ActionKind]: a letter, a
// petition, a deputation) and settle them with an [Outcome].
//
// # Deciding together
//
// What most separates group work from casework is who decides. In a case
// the worker decides and the client consents or refuses; in a group the
// members decide together, under a rule they declared beforehand. But
// "decide together" takes many forms, and the form shapes the group. A
// rule answers three questions: whose voice is needed (those who vote, or
// every member?), how much agreement is enough (more yes than no, two
// thirds, no one opposed?), and what happens to a minority (outvoted,
// heard, or given a share?).
//
//   - Majority rule, as Robert's Rules of Order set it down for clubs and
//     societies: a [count.SimpleMajority] of the votes cast for everyday business,
//     an [count.AbsoluteMajority] of all members for what binds everyone, a
//     [count.Supermajority] (two thirds, say) to protect members from hasty
//     change. It is quick and it always decides, and it can leave a large
//     minority behind.
//   - [count.Consensus]: the group looks for a proposal everyone can live with.
//     A member who cannot support it may stand aside, or record a
//     disagreement, and still let it pass; a block says "this goes against
//     what we are for; if it passes I cannot stay", and one block stops it.
//     A block is a serious act, rarely used, and it tells the group that it
//     has not yet found its answer. Consensus is slow, and nobody is left
//     behind, which is why self-help and activist groups use it.
//   - [count.Consent], from sociocracy, asks a different question: not "do you
//     agree?" but "is there an objection, a reason this would harm our
//     aim?" A proposal "good enough for now, safe enough to try" passes, and
//     objections are worked into it rather than voted down.
//   - When the group chooses among several options, a single cross per
//     member ([count.Plurality]) is easily split: in the classic Tennessee example
//     (a state choosing its capital), Memphis wins with 42% of the first
//     choices although 58% rank it last. Ranked ballots let members say
//     more. [count.InstantRunoff] eliminates the weakest option round by round
//     until one holds a majority of the ballots still counting (Knoxville,
//     in Tennessee). [count.Schulze] compares every pair of options and elects the
//     one the members prefer to each of the others one to one, the
//     Condorcet winner, when there is one (Nashville, the compromise); when
//     preferences run in a cycle, the strongest paths between options settle
//     it. [count.Approval] lets each member name every option they could accept.
//   - Electing several people (a committee, delegates), the single
//     transferable vote ([count.STV]) gives each sizeable part of the group its
//     share of the seats, where a majority would take them all.
//
// Ties are never broken by chance at count time: the policy ([count.TieBreak])
// looks back through earlier rounds, then at a priority order the group
// declared before the vote; otherwise the result says [count.Tied], and the group
// settles it by a means it chooses.
//
// The rules live in package [github.com/helpingwork/helping/groupwork/count]
// as pure functions over plain ballots (options numbered 0..n-1, ranked
// ballots most preferred first), for anyone to count, check and teach
// with; each result carries everything needed to explain it, renders
// itself as text ([count.RunoffResult.Report] and the like) and exports
// itself as JSON, and that package reads and writes the BLT ballot files
// other counting programs use. A [Decision] carries those results, and
// exports as JSON too, so that anyone can recount it (the recount example
// program does). A group decides through a [Proposal]:
//
//   - a member raises it with [Group.Propose], declaring in a
//     [ProposalSpec] the question or the options, the [Rule] and its
//     parameters, the [Quorum], whether the ballot is secret or the results
//     hidden until the close, the closing time and the review date;
//   - members vote with [Group.Vote] (a later vote replaces the earlier
//     one, and the record says so); a member may give another a proxy
//     ([Group.GrantProxy], [Group.RevokeProxy]), which the holder uses with
//     [Group.VoteByProxy], within the bound [Settings.MaxProxies] sets; the
//     facilitator votes only where [Settings.FacilitatorVotes] says so;
//   - a member closes it with [Group.CloseProposal], or the proposer
//     withdraws it with [Group.WithdrawProposal];
//   - [Group.Decision] gives the running count of an open proposal (unless
//     it is hidden or secret: a running count of a secret vote, polled
//     after each vote, would link each voter to a choice) and the [Decision] of a closed one: the rule, the
//     quorum, the ballots, the full tally, the resolution and the review
//     date.
//
// # Secret ballots
//
// A secret ballot ([ProposalSpec].Secret) lets members vote as they think
// without answering for it to the others, the worker included: the
// protection the Australian ballot brought to public elections from the
// 1850s on. The record shows who voted, never how. Each ballot waits in a
// sealed box until the close, which writes the counted ballots to the
// record anonymised, sorted into a canonical order that says nothing of
// who cast them or when, with the outcome; a replay recounts them.
//
// Where the box is kept. Without a keyring the box is in memory only: a
// group loaded while a secret vote is open knows who voted but not how,
// and asks those voters to vote again ([*BallotError] wrapping [ErrBallotsMissing]). With a
// keyring ([Options.Keyring], package
// [github.com/helpingwork/helping/relationship/keyring]) each ballot is
// also written into its [VoteCast], sealed (AES-256-GCM) under a key made
// for that proposal alone ([ProposalKeySubject]) and kept in the keyring, apart
// from the journal. Every sealed ballot of a proposal has the same
// length, whatever it says. A program that restarts, or a web application
// that loads the group for each request, loses nothing, and no one votes
// again.
//
// Who can read what while the vote is open:
//
//   - Members, the worker, and anyone who uses the group's methods or
//     reads its record or journal see who has voted, when, whether they
//     changed their vote, and who holds a proxy. No method returns a
//     running count, a partial result, or anything that changes with how
//     someone voted ([Group.Decision] answers a [*BallotError] wrapping [ErrResultsHidden]).
//   - Whoever holds the journal and also the keyring could open the
//     sealed ballots: that is why the keyring belongs to the agency's most
//     trusted system, not to every server that reads the record, and why
//     the close destroys the key.
//   - The program that runs the group holds the box in its memory; that
//     program is trusted to count.
//
// What the close destroys. Once the closing entry is saved ([Group.Save];
// a [Load] finishes a destruction interrupted by a crash), the group
// destroys the proposal's key. The sealed ballots stay in the journal,
// but from then on no one, the agency included, can open them: the
// journal and the keyring together hold only who voted, and, separately,
// the anonymised ballots. Nothing links the two. A withdrawal destroys
// the key the same way, its ballots unread.
//
// What a receipt proves. A member who votes with [Group.VoteWithReceipt]
// takes home a [Receipt]. The close publishes, beside each anonymised
// ballot, a commitment made with that ballot's receipt secret
// ([Decision.Commitments]); [VerifyReceipt] lets the member check, from
// the published decision alone, that a ballot with exactly their choices
// was counted. To everyone else the commitments look like random numbers,
// and they stay the same whoever cast which ballot. A receipt does not
// show that the others' ballots were counted honestly, and it does not
// protect a member against someone who demands to see it: a member can
// prove their vote to a vote buyer with it. A group should never ask to
// see receipts.
//
// What a secret ballot cannot protect against: a unanimous result, or a
// group so small that the result tells how each voted; members who tell
// one another; and whoever controls the program while the vote is open.
//
// Members' words at rest. A group's record holds what identifies or
// describes its members: their names, notes, concerns, mediations, the
// words of each exchange of help. A journal wrapped by
// [github.com/helpingwork/helping/relationship/keyring.NewSealed] with
// [StreamKeySubject] seals those texts (AES-256-GCM) under one key for the
// group, and keeps readable what the group's measures and guards need:
// identifiers, roles, stages, attendance, kinds and amounts of help,
// members' coded strengths and needs, the facilitator's name, and each
// proposal's title and options, which are the group's public business,
// put to every member and kept in its minutes. Forgetting the group's key
// erases every member's texts at once: the group still loads, counts and
// decides the same, its texts read as erased. One member cannot yet be
// forgotten alone.
//
// # Power and the record
//
// Every method that changes a group takes the acting party's
// [relationship.PartyID] first. The group looks the actor up among its
// parties (someone who is not a current member or the facilitator, former
// members included, gets a [*relationship.PartyError]) and checks the
// package's [Rights] table: an act the actor's role may not perform returns
// a [*relationship.PermissionError] and changes nothing. Acts that concern a
// member personally (joining, leaving, naming strengths, giving help) are
// always the actor's own, so no one, the facilitator included, can act in a
// member's name.
//
// Every change is an event (such as [MemberJoined] or [AidGiven]) in an
// entry of the group's record ([Group.Record]). A group rebuilt from its
// record by [Replay] equals the original, and every entry is checked again
// as it is replayed, so a forged record is an error. [Group.Save] appends
// new entries to a [relationship.Journal], and [Load] rebuilds a group from
// one; two copies of a group saving over each other get an error wrapping
// [relationship.ErrVersionConflict] instead of a silent loss.
//
// A settlement-house club may meet for decades, and a city's ranked-choice
// vote may put two hundred thousand members in one group. [Group.SaveSnapshot]
// writes the group's state down in the journal, and [Load] then starts from
// it and replays only the entries after it ([Options.SnapshotEvery] does so
// as the record grows); a snapshot the program cannot read is passed over
// and the record replayed in full. A loaded group holds its state (members,
// meetings, open proposals), not its history: [Group.Record] reads the
// entries before the load back from the journal.
//
// A [Group] is safe for concurrent use. [Options] supplies the clock and
// the identifier source; nil means the defaults.
//
// # Choices this package makes
//
//   - A group starts when its first meeting is held, that is, when the
//     first attendance is recorded; from then on a closed group takes no new
//     members. A former member may rejoin an open group, beginning a new
//     [Period].
//   - Capacity 0 means no limit.
//   - Choosing an activity with no purposes records the activity's typical
//     purposes ([Activity.Purposes]).
//   - The exchange recorded for each aid has as its context the name of the
//     mutual-aid process it shows, so the shared ledger carries it.
//   - Stage changes may skip stages; only the stage the group is already in
//     is refused.
//   - Members propose, vote and close; the facilitator does neither,
//     except to vote where the group's settings say so. A proposal with a
//     declared closing time is closed by any member after it; one without,
//     by its proposer (or any member, once the proposer has left).
//   - Where a proposal names a meeting, the register is read when a vote is
//     cast: those present or late vote, in person or as the holder of an
//     absent member's proxy. The facilitator, who keeps the register,
//     counts as present.
//   - A member who leaves before a vote closes takes the vote with them;
//     a quorum is measured by the ballots counted, abstentions and blank
//     ballots included.
//   - Proxy voting is off unless the settings allow it; the facilitator
//     neither grants nor holds a proxy.
//   - A sociogram draws as former members only those who left before the
//     group ended; those who were members at its end are drawn as members.
package groupwork
