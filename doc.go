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
//     position they hold: [relationship.Party], [relationship.Role].
//   - social support: emotional, material, informational, appraisal,
//     companionship: [relationship.SupportKind], [relationship.Support].
//   - exchange: one act of help, from a giver to a receiver:
//     [relationship.Exchange].
//   - helping network and its measures (reciprocity, density, balance,
//     concentration of giving): [relationship.Ledger], [relationship.Metrics].
//   - power, rights: which role may perform which act:
//     [relationship.Rights], [relationship.Act], [relationship.ActKind].
//   - the record: [relationship.Entry], stored by a [relationship.Journal].
//   - helping relationship: what a case and a group share:
//     [relationship.Relationship].
//   - method, purpose: [relationship.Method], [relationship.Purpose].
//   - the contrast table, computed: [relationship.Compare],
//     [relationship.Comparison].
//
// Casework (package casework):
//
//   - agency, its resources: [casework.Agency], [casework.Stock].
//   - caseworker, supervisor, client: [casework.Worker],
//     [casework.Supervisor], [casework.Client].
//   - the case and its process (intake, study, diagnosis, treatment,
//     evaluation, closure): [casework.Case], [casework.Phase].
//   - eligibility, and the historical test of the "worthy" poor:
//     [casework.EligibilityPolicy], [casework.NeedsPolicy],
//     [casework.WorthinessPolicy].
//   - social evidence (real, testimonial, circumstantial) and social
//     diagnosis: [casework.Evidence], [casework.Diagnosis].
//   - the plan and its goals: [casework.Goal], [casework.GoalState].
//   - informed consent and self-determination: [casework.Consent],
//     [casework.Scope].
//   - relief in kind or in money: [casework.Provision].
//   - the confidential record: [casework.Note], [casework.Access].
//   - referral to another agency: [casework.Referral].
//   - termination: [casework.TerminationReason].
//
// Group work (package groupwork):
//
//   - the group, its model (social goals, remedial, reciprocal) and its
//     members: [groupwork.Group], [groupwork.Model], [groupwork.Member].
//   - the group worker: [groupwork.Facilitator].
//   - strengths and needs, and who can help whom: [groupwork.Strength],
//     [groupwork.Need], [groupwork.Group.WhoCanHelp].
//   - meetings, attendance and the programme: [groupwork.Meeting],
//     [groupwork.Attendance], [groupwork.Activity].
//   - mutual aid (Shulman's processes) and therapeutic factors (Yalom):
//     [groupwork.Aid], [groupwork.MutualAidProcess],
//     [groupwork.TherapeuticFactor].
//   - group development (the Boston model): [groupwork.Stage].
//   - shared concerns and social action: [groupwork.Concern],
//     [groupwork.ActionKind].
//   - the worker's mediating function (Schwartz): [groupwork.Mediation].
//   - deciding together: [groupwork.Proposal], [groupwork.Rule],
//     [groupwork.Quorum], [groupwork.Decision], and the counts themselves,
//     in package [github.com/helpingwork/helping/groupwork/count], such as
//     [count.InstantRunoff] and [count.Schulze].
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
//  4. [relationship.Compare] and examples/compare: the two traditions side by
//     side, measured, with pictures.
//  5. Package relationship/journal: how a record is kept so that nothing is
//     lost, and relationship/journaltest if you write a journal of your own.
package helping

import (
	// Imported for the documentation links above.
	_ "github.com/helpingwork/helping/casework"
	_ "github.com/helpingwork/helping/groupwork"
	_ "github.com/helpingwork/helping/relationship"
)
