package projection_test

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
	"github.com/helpingwork/helping/relationship/projection"
)

// A supervisor's view of caseloads, kept from the feed: two cases are
// assigned, one is transferred, one is closed; a restart resumes from the
// checkpoint and gives the same answer.
func Example() {
	ctx := context.Background()
	j := journal.NewMemory()
	mary := relationship.MustParsePartyID("01890a5d-ac96-774b-bcce-b302099a8001")
	jane := relationship.MustParsePartyID("01890a5d-ac96-774b-bcce-b302099a8002")
	case1 := uuid.MustParse("01890a5d-ac96-774b-bcce-b302099a8101")
	case2 := uuid.MustParse("01890a5d-ac96-774b-bcce-b302099a8102")
	agency := casework.AgencyStreamName(relationship.MustParsePartyID("01890a5d-ac96-774b-bcce-b302099a8099"))
	record := func(act relationship.Act, ev relationship.Event) {
		v, _ := j.Version(ctx, agency)
		e, _ := relationship.NewEntry(v+1, time.Date(1895, 1, 7, 9, int(v), 0, 0, time.UTC), mary, act, ev)
		_ = j.Append(ctx, relationship.Append{Stream: agency, Expected: v, Entries: []relationship.Entry{e}})
	}
	record("assign-case", casework.CaseAssigned{Case: case1, Client: jane, Worker: mary})
	record("assign-case", casework.CaseAssigned{Case: case2, Client: jane, Worker: mary})

	caseloads, _ := projection.New(projection.NewCaseloads())
	_, _ = caseloads.CatchUp(ctx, j)
	caseloads.View(func(m *projection.Caseloads) { fmt.Println("open cases:", len(m.Cases(mary))) })
	checkpoint, _ := caseloads.Checkpoint()

	record("release-case", casework.CaseReleased{Case: case1})
	restarted, _ := projection.Restore(projection.NewCaseloads(), checkpoint)
	applied, _ := restarted.CatchUp(ctx, j)
	restarted.View(func(m *projection.Caseloads) {
		fmt.Println("after a restart, applied", applied, "entry; open cases:", len(m.Cases(mary)))
	})
	// Output:
	// open cases: 2
	// after a restart, applied 1 entry; open cases: 1
}
