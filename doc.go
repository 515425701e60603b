// Package helping models helping relationships as social work knows them:
// casework, where one worker helps one client, and group work, where members
// help one another. Its measures show the difference between the two.
//
// # A first story
//
// A friendly visitor brings a family coal three times; three members of a
// mothers' club help one another. Each helping relationship keeps a ledger
// of who gave what kind of help to whom, and the ledger's measures tell the
// two apart:
//
//	src := &relationship.Sources{} // the system clock and time-ordered ids
//	give := func(l *relationship.Ledger, from, to relationship.PartyID,
//		kind relationship.SupportKind, what string) {
//		s, err := relationship.NewSupport(kind, what)
//		if err != nil {
//			panic(err)
//		}
//		x, err := relationship.NewExchange(src.NewID(), from, to, s, src.Now())
//		if err != nil {
//			panic(err)
//		}
//		if err := l.Record(x); err != nil {
//			panic(err)
//		}
//	}
//
//	var visit relationship.Ledger // the zero Ledger is ready to use
//	visitor, family := src.NewPartyID(), src.NewPartyID()
//	for range 3 {
//		give(&visit, visitor, family, relationship.Material, "a hundredweight of coal")
//	}
//
//	var club relationship.Ledger
//	ann, bea, cora := src.NewPartyID(), src.NewPartyID(), src.NewPartyID()
//	give(&club, ann, bea, relationship.Companionship, "walked her home")
//	give(&club, bea, ann, relationship.Informational, "how to write to the landlord")
//	give(&club, bea, cora, relationship.Emotional, "listened")
//	give(&club, cora, bea, relationship.Material, "lent a shawl")
//
//	for _, l := range []struct {
//		name   string
//		ledger *relationship.Ledger
//	}{{"the visitor and the family", &visit}, {"the mothers' club", &club}} {
//		fmt.Printf("%-26s reciprocity %.2f, concentration of giving %.2f\n",
//			l.name, l.ledger.Reciprocity(), l.ledger.Concentration())
//	}
//
// It prints:
//
//	the visitor and the family reciprocity 0.00, concentration of giving 1.00
//	the mothers' club          reciprocity 1.00, concentration of giving 0.25
//
// In the case help flows one way (reciprocity 0) and one party does all the
// giving (concentration 1); in the club every helping tie is returned and
// the giving is shared. The package example below runs this story.
//
// # Longer stories, and pictures
//
// Four example programs tell whole stories, and their output is kept beside
// them, so it can be read without running anything:
//
//   - examples/compare (output in examples/compare/testdata/output.golden): a
//     charity-organisation case and a settlement-house club in one Chicago
//     neighbourhood in the winter of 1894-95, side by side, and the contrast
//     the library computes from the two.
//   - examples/charityorg (examples/charityorg/testdata/output.golden): a
//     Baltimore family and a charity organisation society in 1895, from
//     application to closure, with its case record.
//   - examples/settlementhouse (examples/settlementhouse/testdata/output.golden):
//     a girls' club at Hull House over the season of 1910-11, with its
//     meetings, its mutual aid and its votes.
//   - examples/ledger (examples/ledger/testdata/output.golden): a week of
//     help, casework beside group work, as a table.
//
// examples/compare also draws pictures; the ones it draws today are kept in
// the docs directory of the repository: docs/comparison.svg (the measures of
// the case and the club as a chart), docs/case-timeline.svg (the case's
// phases, provisions and consents over time) and docs/club-sociogram.svg (who
// helped whom in the club). Run "go run ./examples/compare -out DIR" to draw
// them yourself.
//
// # Reading order
//
//  1. The stories above: run examples/compare, then read the charityorg and
//     settlementhouse stories.
//  2. Package casework (github.com/helpingwork/helping/casework): its
//     documentation opens with a short case, then tells where casework comes
//     from (Richmond's process, Biestek's principles); its examples go from
//     opening a case to closing it.
//  3. Package groupwork (github.com/helpingwork/helping/groupwork): a short
//     club first, then the settlement houses, Papell and Rothman's models, the
//     Boston model of group development, mutual aid, mediation, and "Deciding
//     together" for the voting rules.
//  4. Package relationship (github.com/helpingwork/helping/relationship): what
//     the two share: parties, kinds of support, the ledger and what its
//     measures depend on, rights, the record, and
//     [github.com/helpingwork/helping/relationship.Compare], which computes
//     the contrast table below from a case and a group.
//  5. Package relationship/journal: how a record is kept so that nothing is
//     lost; relationship/journaltest if you write a journal of your own.
//
// # Two traditions
//
// Modern social work grew from two movements of the late nineteenth century.
//
// The charity organisation societies (London, 1869; Buffalo, 1877) set out to
// make charity scientific. Volunteer "friendly visitors", and later paid
// agents, called on families who asked for relief, investigated their
// circumstances, judged whether they were "worthy", and coordinated the
// city's charities so that no family received help twice. Mary Richmond,
// General Secretary (the head) of the Charity Organization Society of
// Baltimore from 1891 and of the Philadelphia Society for Organizing Charity
// from 1900, built casework from their case records: Social Diagnosis
// (1917) gave it a method of gathering social evidence and reaching a
// diagnosis, and What Is Social Case Work? (1922) turned to treatment, the
// work of helping that follows. Helen Harris Perlman later recast it as
// problem-solving (the person, the problem, the place, the process).
// Casework is one worker and one client, and a sharp difference in
// expertise, power and resources.
//
// The settlement houses (Toynbee Hall, London, 1884; Hull House, Chicago,
// 1889) sent educated residents to live among the poor as neighbours. Their
// clubs, classes, camps and campaigns, led by residents and volunteer club
// leaders, became group work: people of a neighbourhood meeting as members,
// not clients, enjoying and learning and acting together, with a worker who
// enables rather than directs. Grace Coyle (Social Process in Organized
// Groups, 1930) and Gisela Konopka (Social Group Work: A Helping Process,
// 1963) gave the method its theory of the group and of the worker's
// enabling role; William Schwartz (1961) described the group as "an
// enterprise in mutual aid" and the worker as a mediator between the
// members and the demands of society, and Lawrence Shulman (The Skills of
// Helping, 1979) worked out the skills and the processes of mutual aid.
//
// # The historical contrast
//
// The table sets the two traditions side by side as they began, around
// 1900. It is a contrast of history, not a picture of social work today:
// modern casework is collaborative, and the client takes part in the
// assessment and the plan.
//
//	dimension          casework (c. 1900)                     group work (c. 1900)
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
// exchanges in a ledger. Reciprocity (the share of helping ties returned)
// and concentration of giving do not depend on the number of parties, and
// tell a casework case (reciprocity 0, concentration near 1) from a
// mutual-aid group (high reciprocity, low concentration). Density (the share
// of possible ties that exist) falls as a group grows, since each member can
// keep up only so many ties: compare it only between relationships of
// similar size, or use
// [github.com/helpingwork/helping/relationship.Metrics.TiesPerParty], the
// mean number of parties each party helped, which does not fall with size.
//
// # References
//
// The history above, and the types of the packages, follow these works:
//
//   - Mary E. Richmond, Friendly Visiting Among the Poor (1899); Social
//     Diagnosis (1917); What Is Social Case Work? (1922). Her posts: "Richmond,
//     Mary E. (1861-1928)", Women in World History (encyclopedia.com).
//   - Zilpha Drew Smith, General Secretary of the Associated Charities of
//     Boston, 1886-1903: Encyclopaedia Britannica, "Zilpha Drew Smith"; the
//     VCU Social Welfare History Project.
//   - Helen Harris Perlman, Social Casework: A Problem-Solving Process (1957).
//   - Felix P. Biestek, The Casework Relationship (1957).
//   - Grace L. Coyle, Social Process in Organized Groups (1930).
//   - Gisela Konopka, Social Group Work: A Helping Process (1963).
//   - William Schwartz, "The Social Worker in the Group", in The Social
//     Welfare Forum (1961).
//   - Lawrence Shulman, The Skills of Helping Individuals and Groups (1979).
//   - Catherine P. Papell and Beulah Rothman, "Social Group Work Models:
//     Possession and Heritage", Journal of Education for Social Work 2
//     (1966).
//   - James A. Garland, Hubert E. Jones and Ralph L. Kolodny, "A Model for
//     Stages of Development in Social Work Groups" (1965): the Boston model.
//   - Irvin D. Yalom, The Theory and Practice of Group Psychotherapy (1970).
//   - James S. House, Work Stress and Social Support (1981): emotional,
//     instrumental, informational and appraisal support.
//   - Thomas A. Wills, "Supportive Functions of Interpersonal Relationships",
//     in Cohen and Syme (eds.), Social Support and Health (1985), and
//     Sheldon Cohen and Thomas A. Wills, "Stress, Social Support, and the
//     Buffering Hypothesis", Psychological Bulletin 98 (1985): social
//     companionship.
//   - Jacob L. Moreno, Who Shall Survive? (1934): the sociogram.
//   - School attendance in the charityorg story: Maryland's first attendance
//     law is Laws of Maryland 1902, chapter 269, for Baltimore City and two
//     counties (Archives of Maryland; Maryland State Board of Education, One
//     Year of Compulsory School Attendance in Maryland, 1917), so the story's
//     family of 1895 deals with a school principal, not a truant officer.
//
// # Glossary
//
// Each term of the field, and the Go type that models it. The links lead to
// the packages' documentation.
//
// Shared by both traditions (package relationship):
//
//   - party, role: a person or organisation in a relationship, and the position
//     they hold: [github.com/helpingwork/helping/relationship.Party],
//     [github.com/helpingwork/helping/relationship.Role].
//   - social support: emotional, material, informational, appraisal,
//     companionship: [github.com/helpingwork/helping/relationship.SupportKind],
//     [github.com/helpingwork/helping/relationship.Support].
//   - exchange: one act of help, from a giver to a receiver:
//     [github.com/helpingwork/helping/relationship.Exchange].
//   - helping network and its measures (reciprocity, density, balance,
//     concentration of giving):
//     [github.com/helpingwork/helping/relationship.Ledger],
//     [github.com/helpingwork/helping/relationship.Metrics].
//   - power, rights: which role may perform which act:
//     [github.com/helpingwork/helping/relationship.Rights],
//     [github.com/helpingwork/helping/relationship.Act],
//     [github.com/helpingwork/helping/relationship.ActKind].
//   - the record: [github.com/helpingwork/helping/relationship.Entry], stored by a
//     [github.com/helpingwork/helping/relationship.Journal].
//   - helping relationship: what a case and a group share:
//     [github.com/helpingwork/helping/relationship.Relationship].
//   - method, purpose: [github.com/helpingwork/helping/relationship.Method],
//     [github.com/helpingwork/helping/relationship.Purpose].
//   - the contrast table, computed:
//     [github.com/helpingwork/helping/relationship.Compare],
//     [github.com/helpingwork/helping/relationship.Comparison].
//
// Casework (package casework):
//
//   - agency, its resources: [github.com/helpingwork/helping/casework.Agency],
//     [github.com/helpingwork/helping/casework.Stock].
//   - caseworker, supervisor, client:
//     [github.com/helpingwork/helping/casework.Worker],
//     [github.com/helpingwork/helping/casework.Supervisor],
//     [github.com/helpingwork/helping/casework.Client].
//   - the case and its process (intake, study, diagnosis, treatment, evaluation,
//     closure): [github.com/helpingwork/helping/casework.Case],
//     [github.com/helpingwork/helping/casework.Phase].
//   - eligibility, and the historical test of the "worthy" poor:
//     [github.com/helpingwork/helping/casework.EligibilityPolicy],
//     [github.com/helpingwork/helping/casework.NeedsPolicy],
//     [github.com/helpingwork/helping/casework.WorthinessPolicy].
//   - social evidence (real, testimonial, circumstantial) and social diagnosis:
//     [github.com/helpingwork/helping/casework.Evidence],
//     [github.com/helpingwork/helping/casework.Diagnosis].
//   - the plan and its goals: [github.com/helpingwork/helping/casework.Goal],
//     [github.com/helpingwork/helping/casework.GoalState].
//   - informed consent and self-determination:
//     [github.com/helpingwork/helping/casework.Consent],
//     [github.com/helpingwork/helping/casework.Scope].
//   - relief in kind or in money:
//     [github.com/helpingwork/helping/casework.Provision].
//   - the confidential record: [github.com/helpingwork/helping/casework.Note],
//     [github.com/helpingwork/helping/casework.Access].
//   - referral to another agency:
//     [github.com/helpingwork/helping/casework.Referral].
//   - termination: [github.com/helpingwork/helping/casework.TerminationReason].
//
// Group work (package groupwork):
//
//   - the group, its model (social goals, remedial, reciprocal) and its members:
//     [github.com/helpingwork/helping/groupwork.Group],
//     [github.com/helpingwork/helping/groupwork.Model],
//     [github.com/helpingwork/helping/groupwork.Member].
//   - the group worker: [github.com/helpingwork/helping/groupwork.Facilitator].
//   - strengths and needs, and who can help whom:
//     [github.com/helpingwork/helping/groupwork.Strength],
//     [github.com/helpingwork/helping/groupwork.Need],
//     [github.com/helpingwork/helping/groupwork.Group.WhoCanHelp].
//   - meetings, attendance and the programme:
//     [github.com/helpingwork/helping/groupwork.Meeting],
//     [github.com/helpingwork/helping/groupwork.Attendance],
//     [github.com/helpingwork/helping/groupwork.Activity].
//   - mutual aid (Shulman's processes) and therapeutic factors (Yalom):
//     [github.com/helpingwork/helping/groupwork.Aid],
//     [github.com/helpingwork/helping/groupwork.MutualAidProcess],
//     [github.com/helpingwork/helping/groupwork.TherapeuticFactor].
//   - group development (the Boston model):
//     [github.com/helpingwork/helping/groupwork.Stage].
//   - shared concerns and social action:
//     [github.com/helpingwork/helping/groupwork.Concern],
//     [github.com/helpingwork/helping/groupwork.ActionKind].
//   - the worker's mediating function (Schwartz):
//     [github.com/helpingwork/helping/groupwork.Mediation].
//   - deciding together: [github.com/helpingwork/helping/groupwork.Proposal],
//     [github.com/helpingwork/helping/groupwork.Rule],
//     [github.com/helpingwork/helping/groupwork.Quorum],
//     [github.com/helpingwork/helping/groupwork.Decision], and the counts
//     themselves, in package groupwork/count, such as
//     [github.com/helpingwork/helping/groupwork/count.InstantRunoff] and
//     [github.com/helpingwork/helping/groupwork/count.Schulze].
package helping
