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
//   - case record: [relationship.Entry], [relationship.Journal].
//   - helping relationship: what a case and a group share:
//     [relationship.Relationship].
//   - method: casework or group work: [relationship.Method].
//   - purpose: recreation, socialisation, education, support, rehabilitation,
//     social action, therapy, problem-solving: [relationship.Purpose].
//
// # Reading order
//
//  1. Package relationship: parties, support, the ledger and its measures,
//     rights and the record. Start with its package documentation and its
//     examples.
//  2. Package relationship/journal: how a record is stored so that nothing is
//     lost.
//  3. The example program examples/ledger: a week of help in one
//     neighbourhood, casework beside group work.
package helping

import (
	// Imported for the documentation links above.
	_ "github.com/helpingwork/helping/relationship"
)
