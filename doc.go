// Package helping models helping relationships as social work knows them,
// and makes the difference between its two founding traditions executable.
//
// This package holds no code: it is the overview. The models live in its
// packages, listed under "Reading order" below.
//
// # Two traditions
//
// Modern social work grew from two movements of the late nineteenth century.
//
// The charity organisation societies (London, 1869; Buffalo, 1877) set out to
// make charity scientific. "Friendly visitors", later paid agents, called on
// families who asked for relief, investigated their circumstances, judged
// whether they were "worthy", and coordinated the city's charities so that no
// family received help twice. From their case records Mary Richmond built
// casework: Social Diagnosis (1917) gave it a method of study, diagnosis and
// treatment; Helen Harris Perlman later recast it as problem-solving (the
// person, the problem, the place, the process). Casework is one worker and one
// client, and a sharp difference in expertise, power and resources.
//
// The settlement houses (Toynbee Hall, London, 1884; Hull House, Chicago,
// 1889) sent educated residents to live among the poor as neighbours. Their
// clubs, classes, camps and campaigns became group work: people of a
// neighbourhood meeting as members, not clients, enjoying and learning and
// acting together, with a group worker who enables rather than directs.
// Grace Coyle, Gisela Konopka, William Schwartz and Lawrence Shulman gave it
// its theory: the group as a system of mutual aid, the worker as mediator
// between the members and the demands of society.
//
// # The contrast
//
//	dimension          casework                               group work
//	who is helped      a client, chosen for need              members, not only the poorest;
//	                   (historically: judged "worthy")        strengths first
//	direction of help  one way: worker/agency -> client       many ways: member <-> member,
//	                                                          worker <-> group
//	power              asymmetric: the worker holds           shared: members own the activities
//	                   expertise, decisions and resources     and decide together
//	medium             insight, diagnosis, concrete           programme activities: camping,
//	                   resources                              singing, discussion, games, crafts
//	purpose            problem-solving, rehabilitation        enjoyment and problem-solving:
//	                                                          recreation, socialisation, education,
//	                                                          support, rehabilitation, social action
//	worker's role      expert, gatekeeper of resources,       facilitator; mediator between
//	                   example of virtue                      society's demands and members' needs
//	decisions          taken by the worker (the client        taken by members under a declared
//	                   may consent or refuse)                 democratic rule
//
// The library's purpose is that these differences come out of the models'
// behaviour and measures, not out of strings. Both traditions record help as
// exchanges in a ledger; the ledger's reciprocity, density and concentration
// then tell a casework case (reciprocity 0, concentration near 1) from a
// mutual-aid group (high reciprocity, low concentration).
//
// # Glossary
//
// Each term of the field, and the Go type that models it.
//
// Shared by both traditions (package relationship):
//
//   - party, role: a person or organisation in a relationship, and the
//     position they hold: [github.com/helpingwork/helping/relationship.Party], [github.com/helpingwork/helping/relationship.Role].
//   - social support: emotional, material, informational, appraisal,
//     companionship: [github.com/helpingwork/helping/relationship.SupportKind], [github.com/helpingwork/helping/relationship.Support].
//   - exchange: one act of help, from a giver to a receiver:
//     [github.com/helpingwork/helping/relationship.Exchange].
//   - helping network and its measures (reciprocity, density, balance,
//     concentration of giving): [github.com/helpingwork/helping/relationship.Ledger], [github.com/helpingwork/helping/relationship.Metrics].
//   - power, rights: which role may perform which act:
//     [github.com/helpingwork/helping/relationship.Rights], [github.com/helpingwork/helping/relationship.Act], [github.com/helpingwork/helping/relationship.ActKind].
//   - the record: [github.com/helpingwork/helping/relationship.Entry], stored by a [github.com/helpingwork/helping/relationship.Journal].
//   - helping relationship: what a case and a group share:
//     [github.com/helpingwork/helping/relationship.Relationship].
//   - method, purpose: [github.com/helpingwork/helping/relationship.Method], [github.com/helpingwork/helping/relationship.Purpose].
//   - the contrast table, computed: [github.com/helpingwork/helping/relationship.Compare],
//     [github.com/helpingwork/helping/relationship.Comparison].
//
// Casework (package casework):
//
//   - agency, its resources: [github.com/helpingwork/helping/casework.Agency], [github.com/helpingwork/helping/casework.Stock].
//   - caseworker, supervisor, client: [github.com/helpingwork/helping/casework.Worker],
//     [github.com/helpingwork/helping/casework.Supervisor], [github.com/helpingwork/helping/casework.Client].
//   - the case and its process (intake, study, diagnosis, treatment,
//     evaluation, closure): [github.com/helpingwork/helping/casework.Case], [github.com/helpingwork/helping/casework.Phase].
//   - eligibility, and the historical test of the "worthy" poor:
//     [github.com/helpingwork/helping/casework.EligibilityPolicy], [github.com/helpingwork/helping/casework.NeedsPolicy],
//     [github.com/helpingwork/helping/casework.WorthinessPolicy].
//   - social evidence (real, testimonial, circumstantial) and social
//     diagnosis: [github.com/helpingwork/helping/casework.Evidence], [github.com/helpingwork/helping/casework.Diagnosis].
//   - the plan and its goals: [github.com/helpingwork/helping/casework.Goal], [github.com/helpingwork/helping/casework.GoalState].
//   - informed consent and self-determination: [github.com/helpingwork/helping/casework.Consent],
//     [github.com/helpingwork/helping/casework.Scope].
//   - relief in kind or in money: [github.com/helpingwork/helping/casework.Provision].
//   - the confidential record: [github.com/helpingwork/helping/casework.Note], [github.com/helpingwork/helping/casework.Access].
//   - referral to another agency: [github.com/helpingwork/helping/casework.Referral].
//   - termination: [github.com/helpingwork/helping/casework.TerminationReason].
//
// Group work (package groupwork):
//
//   - the group, its model (social goals, remedial, reciprocal) and its
//     members: [github.com/helpingwork/helping/groupwork.Group], [github.com/helpingwork/helping/groupwork.Model], [github.com/helpingwork/helping/groupwork.Member].
//   - the group worker: [github.com/helpingwork/helping/groupwork.Facilitator].
//   - strengths and needs, and who can help whom: [github.com/helpingwork/helping/groupwork.Strength],
//     [github.com/helpingwork/helping/groupwork.Need], [github.com/helpingwork/helping/groupwork.Group.WhoCanHelp].
//   - meetings, attendance and the programme: [github.com/helpingwork/helping/groupwork.Meeting],
//     [github.com/helpingwork/helping/groupwork.Attendance], [github.com/helpingwork/helping/groupwork.Activity].
//   - mutual aid (Shulman's processes) and therapeutic factors (Yalom):
//     [github.com/helpingwork/helping/groupwork.Aid], [github.com/helpingwork/helping/groupwork.MutualAidProcess],
//     [github.com/helpingwork/helping/groupwork.TherapeuticFactor].
//   - group development (the Boston model): [github.com/helpingwork/helping/groupwork.Stage].
//   - shared concerns and social action: [github.com/helpingwork/helping/groupwork.Concern],
//     [github.com/helpingwork/helping/groupwork.ActionKind].
//   - the worker's mediating function (Schwartz): [github.com/helpingwork/helping/groupwork.Mediation].
//   - deciding together: [github.com/helpingwork/helping/groupwork.Proposal], [github.com/helpingwork/helping/groupwork.Rule],
//     [github.com/helpingwork/helping/groupwork.Quorum], [github.com/helpingwork/helping/groupwork.Decision], and the counts themselves,
//     such as [github.com/helpingwork/helping/groupwork.InstantRunoff] and [github.com/helpingwork/helping/groupwork.Schulze].
//
// # Reading order
//
//  1. This overview, then the package documentation of relationship: parties,
//     support, the ledger and its measures, rights and the record. Its
//     examples show each measure on a small ledger.
//  2. Package casework: read its documentation for Richmond's process and
//     Biestek's principles, then its examples, from opening a case to closing
//     it. Run examples/charityorg for a whole case from the 1890s.
//  3. Package groupwork: the settlement houses, Papell and Rothman's models,
//     the Boston model, mutual aid, mediation, then "Deciding together" for
//     the voting rules. Run examples/settlementhouse for a club's season.
//  4. [github.com/helpingwork/helping/relationship.Compare] and examples/compare: the two traditions side by
//     side, measured, with pictures.
//  5. Package relationship/journal: how a record is kept so that nothing is
//     lost, and relationship/journaltest if you write a journal of your own.
package helping
