// Package projection keeps read models up to date from a journal's feed,
// and ships three that agencies and groups ask for every week.
//
// # Why read models
//
// A record is kept one case, one group, one agency at a time, because that
// is how decisions are made: each against the state of its own record.
// Supervision asks other questions, across records: which cases does each
// worker carry (caseload management is a supervisor's first tool against
// burn-out and neglect), which clients' consents run out this week, which
// proposals are waiting for their groups to decide. Loading every record
// to answer them costs more each year the agency keeps records. A read
// model answers them from a summary kept up to date as entries are
// committed: in the language of event sourcing, a projection of the
// journal's feed ([relationship.Journal.Feed]).
//
// # The API
//
// A [Model] folds feed entries, one at a time, into what it answers. A
// [Projection] pairs a model with the position of the last entry it
// applied: [Projection.CatchUp] applies what the feed holds after it,
// [Projection.Follow] goes on applying entries as they are committed, and
// [Projection.Checkpoint] saves the position and the model together, so
// that after a restart [Restore] reads on from where the projection was,
// rather than from the start. Since a model depends only on the feed, a
// projection rebuilt from scratch ([New], then CatchUp) gives the same
// answers as one that has been followed, stopped and restored any number
// of times; the package's tests check exactly that.
//
//	caseloads, _ := projection.New(projection.NewCaseloads())
//	go caseloads.Follow(ctx, j, &projection.FollowOptions{Checkpoint: save})
//	caseloads.View(func(m *projection.Caseloads) { fmt.Println(m.Cases(worker)) })
//
// # The three that ship
//
//   - [Caseloads]: the open cases of every worker, across all agencies.
//   - [ExpiringConsents]: consents that expire within a window.
//   - [OpenProposals]: each group's open proposals and their closing times.
package projection
