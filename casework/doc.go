// Package casework models social casework: one client (a person or a
// family), a worker who helps them on behalf of an agency, and the
// supervisor who oversees the worker. It is the charity-organisation side of
// this library; package groupwork is the settlement-house side, and package
// relationship is the vocabulary both speak.
//
// # A first case
//
// A society appoints a supervisor and a worker; the worker opens a family's
// case and listens to the mother's account of the winter (the package's
// example "FirstCase" runs this code):
//
//	src := &relationship.Sources{} // the system clock and time-ordered ids
//	richmond := casework.MustSupervisor(src.NewPartyID(), "Mary E. Richmond")
//	whitman := casework.MustWorker(src.NewPartyID(), "Miss Alice Whitman", richmond, 0)
//	doyle := casework.MustClient(src.NewPartyID(), "Margaret Doyle",
//		casework.Intake{PresentingProblem: "no wages for five weeks; no coal"})
//	society := casework.MustAgency(casework.AgencySpec{
//		ID: src.NewPartyID(), Name: "Charity Organization Society of Baltimore"}, nil)
//	if err := errors.Join(society.AppointSupervisor(society.ID(), richmond),
//		society.AppointWorker(society.ID(), whitman)); err != nil {
//		panic(err)
//	}
//
//	app := casework.Application{Client: doyle, Worker: whitman}
//	c, err := casework.NewCase(whitman.ID(), society, app, nil)
//	if err != nil {
//		panic(err)
//	}
//	if _, err := c.Counsel(whitman.ID(), relationship.Emotional,
//		"heard Mrs. Doyle's account of the winter"); err != nil {
//		panic(err)
//	}
//	m := c.Ledger().Metrics()
//	fmt.Printf("%s: %s, help given %d time(s), reciprocity %.0f\n",
//		c.Name(), c.Phase(), m.Exchanges, m.Reciprocity)
//
//	_, err = casework.NewCase(doyle.ID(), society, app, nil)
//	fmt.Println("may the client open her own case?", !errors.Is(err, relationship.ErrNotPermitted))
//
// It prints:
//
//	Margaret Doyle: intake, help given 1 time(s), reciprocity 0
//	may the client open her own case? false
//
// The help goes one way: the worker gives, the client receives. And the
// client cannot open a case for herself: the agency decides whom it takes
// on. The package example goes on from here to closure, and the program
// examples/charityorg tells a whole case of 1895 (its output is kept in
// examples/charityorg/testdata/output.golden); the picture of a case over
// time is [Case.WriteTimelineSVG].
//
// # Unequal power
//
// Casework is a relationship of unequal power. The worker holds the
// expertise, the agency's resources and most of the decisions; the client
// holds their own life. This package makes both halves real: the asymmetry
// is written into a rights table that every method obeys, and the client's
// rights (to decide for themselves, to be kept in confidence) are rules the
// code enforces, not advice. The record of every case can be measured, and
// the numbers show the asymmetry.
//
// # Where casework comes from
//
// The charity organisation societies (London, 1869; Buffalo, 1877; soon most
// American cities) set out to replace "indiscriminate" alms with "scientific
// charity". They registered applicants so that no family was helped twice,
// sent volunteer "friendly visitors" (later paid agents) to investigate every
// application, and gave relief, when they gave it at all, as part of a plan
// to make the family self-supporting: "not alms, but a friend".
//
// Their investigation served a test. The societies sorted the poor into the
// "worthy", brought low by sickness, widowhood or unemployment through no
// fault of their own, and the "unworthy", whose poverty they put down to
// drink, idleness or improvidence. Families were examined through landlords,
// employers, neighbours, clergy and relatives; the neighbours' gossip counted
// as evidence; relief was refused for a husband's drinking, for having had
// relief before, or because relatives were judged able to help. Poverty made
// by low wages and closed mills was read as a failing of character, and many
// people stopped asking rather than be examined. The package keeps this test
// as one [EligibilityPolicy] among others, [WorthinessPolicy], so that what
// it did can be run and measured; the default is [NeedsPolicy], which asks
// only what the applicant needs.
//
// Out of the visiting came a method. Mary Richmond, General Secretary (the
// head) of the Charity Organization Society of Baltimore from 1891 and of
// the Philadelphia Society for Organizing Charity from 1900, taught workers
// to gather and weigh evidence like a court and to reach a diagnosis
// (Friendly Visiting Among the Poor, 1899; Social Diagnosis, 1917, which
// covers the steps before a plan of treatment). In What Is Social Case
// Work? (1922) she turned to treatment, and defined casework as "those
// processes which develop personality through adjustments consciously
// effected, individual by individual, between men and their social
// environment". Her posts: "Richmond, Mary E. (1861-1928)", Women in World
// History (encyclopedia.com); the scope of Social Diagnosis: its preface.
//
// # The process
//
// A case moves through the phases of the casework process ([Phase]), one at
// a time, by [Case.MoveTo]:
//
//	intake -> study -> diagnosis -> treatment -> evaluation -> closed
//	                      ^                         |
//	                      +------ (re-study) -------+--> treatment (continue)
//
// Intake takes the application ([NewCase], [Application]) and applies the
// agency's eligibility policy ([Case.AssessEligibility]). Study gathers
// evidence. Diagnosis defines the problem and makes a plan. Treatment carries
// the plan out. Evaluation asks whether it worked, and may send the case back
// to treatment or to study. Any open case may be closed, always with a reason
// ([Case.Close], [TerminationReason]); the client may leave at any time
// ([Case.Withdraw]); a closed case may be reopened ([Case.Reopen]), and
// begins again at intake. A skipped phase is a [*PhaseError] naming both
// phases; a phase that is not ready (no evidence before diagnosis, no agreed
// plan before treatment) is a [*ReadinessError].
//
// # Richmond's social diagnosis
//
// Study records evidence ([Case.RecordEvidence], [Evidence]) of Richmond's
// three kinds ([EvidenceKind]): real evidence the worker observed,
// testimonial evidence a person gave, and circumstantial evidence inferred
// from facts. Testimony of what the speaker did not witness is hearsay, and
// the item says so. Evidence may show circumstances of the client's life
// ([Circumstance]): misfortunes, or judgements of character
// ([Circumstance.IsCharacter]).
//
// The diagnosis ([Case.Diagnose], [Diagnosis]) names the difficulties, their
// causes, and the client's assets and liabilities: what there is to work
// with, and against.
//
// # Perlman's four Ps
//
// Helen Harris Perlman (Social Casework: A Problem-Solving Process, 1957)
// described every case by four Ps, and each is a part of this package:
//
//   - the person: [Client], with their household, needs and strengths;
//   - the problem: the client's presenting problem, and the [Diagnosis];
//   - the place: the [Agency], with its resources, its thresholds and its
//     [EligibilityPolicy], which decide what help is possible;
//   - the process: the phases, and the plan of goals ([Goal]) the worker and
//     client make together (proposed, agreed by the client, active, then achieved or
//     abandoned).
//
// Perlman's name for casework's purpose, problem-solving, is the default
// purpose of every case ([relationship.PurposeProblemSolving]).
//
// # Power: who may do what
//
// Every method that changes a case takes the acting party first. The case
// finds the actor among its parties (a stranger gets a
// [*relationship.PartyError]), checks the rights table [Rights] (a forbidden
// act is a [*relationship.PermissionError] naming actor, role and act), and
// then the rules beyond the table: only the worker assigned to the case and
// that worker's supervisor hold power over it, so a worker or supervisor who
// has handed the case on loses it ([ErrNotAssigned]); no one approves their
// own proposal ([ErrSelfApproval]); only the client withdraws in the
// client's name. Each of these is a [*relationship.PermissionError] and, like every power
// error, wraps [relationship.ErrNotPermitted]. A call that fails changes nothing.
//
// The table, read by role:
//
//	worker      open case, assess eligibility, change phase, record evidence,
//	            diagnose, propose/activate/achieve/abandon goals, counsel,
//	            propose/authorise/withdraw provisions, write/read/disclose
//	            notes, refer, update/revoke referrals, close, reopen
//	supervisor  open case, assess eligibility, propose/approve/decline/
//	            withdraw provisions, override a refusal, write/read/disclose
//	            notes, transfer, revoke referrals, close, reopen
//	client      propose/agree/abandon goals, give/refuse/revoke consent,
//	            read notes (their own record), withdraw
//	agency      nothing: the agency acts through its staff
//
// Each act has a kind ([relationship.ActKind]), and the comparison of
// casework with group work counts the kinds each role performed, from the
// record. In a typical case
// the staff perform every decision, provision and record act and the client
// every consent act: who decides, in numbers.
//
// # Help, in the ledger
//
// Help given in a case enters its ledger ([Case.Ledger]). Concrete help is a
// [Provision]: coal, food, rent money from the agency's pool. A worker
// proposes it; above the agency's threshold for the resource a supervisor
// must approve it first; then the worker authorises it, the resources leave
// the pool (which never goes negative: [ErrInsufficientResources]) and the
// ledger records a material exchange from the worker, who gives on the
// agency's behalf, to the client. The help of the relationship itself, a
// counselling contact ([Case.Counsel]), is an emotional, informational or
// appraisal exchange. Help flows one way, and the ledger says so:
// reciprocity 0, and concentration 1 while one worker gives.
//
// # Eligibility
//
// The agency decides whom it helps by its [EligibilityPolicy], and records
// each decision with the policy's name and its reasons ([Assessment]). The
// case cannot reach diagnosis until the client is found eligible. Two
// policies ship: [NeedsPolicy] (eligible when a need is stated; character is
// not asked) and [WorthinessPolicy] (the historical test above). A
// program may plug in its own.
//
// # Biestek's seven principles
//
// Felix Biestek (The Casework Relationship, 1957) named seven principles of
// the relationship between worker and client. Two of them can be rules, and
// here they are; the others are attitudes of the worker that no code can
// enforce, but the package gives each a place, and says which.
//
//  1. Individualisation: each client is a particular person in a particular
//     situation. Modelled, not enforced: every [Client] carries their own
//     household, needs and strengths; every case has its own evidence,
//     diagnosis and plan.
//  2. Purposeful expression of feelings: the client needs to express
//     feelings, and the worker to listen on purpose. Modelled, not enforced:
//     a counselling contact of kind [relationship.Emotional]
//     ([Case.Counsel]) is help in the ledger, recorded like coal.
//  3. Controlled emotional involvement: the worker responds to feelings
//     without being taken over by them. Not enforceable; the package keeps
//     the roles apart (no party holds two roles in a case, and counselling
//     flows from worker to client only).
//  4. Acceptance: the worker accepts the client as they are, strengths and
//     weaknesses. Modelled: strengths are recorded beside needs in every
//     [Client], and [NeedsPolicy], the default, accepts anyone in need.
//  5. Non-judgemental attitude: the worker does not assign guilt. Modelled
//     by contrast: [Circumstance.IsCharacter] marks the judgements, which
//     [NeedsPolicy] ignores and [WorthinessPolicy] turns into refusals. The
//     choice of policy is the agency's, and is in the record.
//  6. Client self-determination: the client makes their own choices.
//     Enforced. Only the client gives, refuses or revokes consent, agrees to
//     a goal, or withdraws; no one consents on the client's behalf. Treatment
//     cannot start, goals cannot be activated and provisions cannot be given
//     without the client's consent to the plan (a policy that defaults to on;
//     see [Application.WithoutPlanConsent] for the historical practice
//     without it). Consent is scoped to one purpose ([Scope]), dated,
//     revocable and may expire; revoking consent to a referral calls the
//     referral off. A supervisor may override a refusal ([Case.OverrideRefusal])
//     only with a reason, which stays in the record, and the client's next
//     decision governs again. The client may withdraw at any time and owes
//     no reason.
//  7. Confidentiality: what the client shares stays within the agency.
//     Enforced. A [Note] may be read only by the assigned worker, that
//     worker's supervisor and the client, whose record it is; every read is
//     written to the case's access log before the text is returned
//     ([AccessLog] tells the client who read what, when and in which role);
//     a former worker loses access with the case; a note passes to a third
//     party only with the client's consent to disclosure to that party
//     ([Case.DiscloseNote]). Every type that carries what identifies or
//     describes a client redacts it from logs and printed values, whatever
//     the slog handler or fmt verb ([Client.LogValue], [Note.LogValue],
//     [Case.LogValue]). The record itself holds the notes, as a paper file
//     holds its pages; kept in a journal wrapped by [NewSealedJournal],
//     the texts are sealed under the client's own key, kept in a keyring
//     apart from the journal, so that whoever holds the journal alone sees
//     phases, acts, amounts and times but no names or words. One key
//     serves every case of the client (a need that returns, a second case
//     years later): the key belongs to the person, not the file. The
//     client may ask for everything held about them ([Case.Export], GDPR
//     Art. 15 and 20) and, once their cases are closed, have it erased
//     ([ForgetClient], Art. 17): their key is destroyed, every text about
//     them in every case reads as erased, the measures stay, and each case
//     records that it was erased and by whom. A record sealed earlier one
//     key per case (keyring.NewSealed with [KeySubject]) still opens, and
//     forgetting the client destroys those keys too. See package keyring
//     for the trust model.
//
// # The record
//
// Every change to a case is a [relationship.Entry] in its record: who
// acted, when, which act, and the event that resulted ([CaseOpened],
// [PhaseChanged], [ProvisionAuthorised], ...). Events are plain structs with
// stable, versioned JSON type names, such as "casework.provision-authorised.v1".
// Every change, made now or replayed, runs through the record engine of
// package relationship ([relationship.Engine]): the actor, the rights
// table, the event's own fields, the rules of casework, and only then the
// change. [Replay] rebuilds a case from its record, running every check
// again, so a forged or corrupted record is an error, never an invalid
// case; a case rebuilt from its record equals the original. [Case.Save]
// appends what is new to a [relationship.Journal] with optimistic
// concurrency, and [Load] reads a case back; the stream of a case is named
// by [StreamName]. [Case.Version] counts its entries and [Case.Unsaved]
// those not yet saved, as for an agency and a group.
//
// An [Agency] keeps a record too ([AgencyStreamName]): its roster of staff
// ([Agency.AppointSupervisor], [Agency.AppointWorker],
// [Agency.EndAppointment]), its pool ([Agency.Receive],
// [Agency.SetResourceTerms]), the caseload limits of its workers
// ([Agency.SetCaseloadLimit]; a full caseload is an [ErrCaseloadFull]),
// its policies ([Agency.SetPolicy]; one open case per client, unless the
// policy allows more: [ErrSecondCase]), and the caseloads its cases make.
// Only staff on the roster act in its cases. A change that concerns a case
// and its agency (opening, closing, withdrawing, reopening and transferring
// a case, giving a provision) is one change of both records: both are
// checked before either changes, and both are saved in one atomic append,
// whichever of the two is saved. Two servers that hold copies of the same
// agency cannot both give its last hundredweight of coal: the second to
// save is told of the conflict, loads again and decides again.
//
// Reads and disclosures of notes change nothing in the case, and two
// readers must never conflict: they go to the case's access log
// ([AccessStreamName]), appended at [relationship.AnyVersion], before the
// note is returned ([Case.ReadNote], [Case.DiscloseNote]). [AccessLog] and
// [AccessesBy] examine it per case and per reader.
//
// # When the program restarts
//
// A program loads its agency first, with nothing but the journal and the
// agency's identifier ([LoadAgency]): the roster, the pool and every
// worker's caseload come back as they stood, without a single case loaded.
// It then loads each case when it needs it, bound to the agency ([Load]
// with [Options.Agency]); the agency's [Agency.Cases] and [Agency.Caseload]
// say which there are. The example of [Load] shows the whole story. A case
// loaded without its agency is detached: fully checked, readable, and able
// to do everything that concerns the case alone, but not what changes the
// agency too ([ErrDetached]).
//
// An agency that has run for decades need not replay its whole record at
// every start. [Agency.SaveSnapshot] and [Case.SaveSnapshot] write down
// the state as it stands, in the journal beside the record, and the next
// load starts from there and replays only the entries after it;
// [AgencyOptions.SnapshotEvery] and [Options.SnapshotEvery] do it as the
// record grows. A snapshot is a cache, never the truth: one the program
// cannot read (written by an older version, or damaged) is passed over,
// the record replayed in full, and the [Options.Logger] told so. A loaded
// agency or case holds its state, not its history: [Case.Record] reads the
// entries before the load back from the journal.
//
// # The case in a picture
//
// [Case.WriteTimelineSVG] draws the record as a timeline: every stay in a
// phase a labelled bar, so that a return from evaluation to treatment or to
// study, and a case closed and reopened, show as they ran; below the bars,
// a marker for each provision given, each consent given, refused or revoked,
// each refusal overridden, each referral and what became of it, each
// transfer, each closure and reopening; a legend; and a description for
// screen readers. It is the process of Richmond and Perlman seen at a
// glance: how long the study took, when the relief came, and where the
// client's consent was asked, refused or set aside.
//
// # Choices this package makes
//
// Where the practice leaves room, the package decides, and says so:
//
//   - Provisions are proposed and given during treatment only: the
//     societies gave relief as part of a plan, after investigation.
//   - The approval thresholds and units of the agency's resources are
//     recorded when a case opens and hold for its life.
//   - A supervisor may propose a provision, and then may not approve it.
//   - The client may propose and abandon goals, as well as agree to them.
//   - For each consent scope, the client's latest decision governs; only the
//     refusal that governs can be overridden.
//   - Reopening returns a case to intake, and the client must be assessed
//     again.
//   - Closing for goals achieved needs the evaluation phase and an achieved
//     goal; for ineligibility, an assessment that found it; for a referral,
//     an accepted or completed one.
//   - Reading a note is an act, recorded in the access log, but not a
//     change to the case. [Case.Notes] lists notes without their text.
//   - The timeline picture is meant to be shown, so it holds no note,
//     evidence or household detail, and its title names the case by
//     [Case.Name], not the client: the client's name appears only when
//     [TimelineOptions.ShowClientName] asks for it. (A case opened without a
//     name of its own is named after the client; give it one, such as "The
//     Doyle family", where that matters.)
//
// # Concurrency
//
// A [Case] and an [Agency] are safe for concurrent use; a case's iterators
// are snapshots, and the case is not locked while a loop body runs. Values
// such as [Client], [Goal] and [Provision] are immutable copies.
package casework
