package relationship_test

import (
	"context"
	"fmt"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
	"github.com/helpingwork/helping/relationship/journaltest"
)

// Two workers write to one case record. The first loads it at version 1;
// before it saves, a colleague saves an entry of her own. The first save
// fails with a version conflict, so Retry runs the pass again: it loads
// the record at version 2, decides again with what the colleague wrote in
// view, and saves.
func ExampleRetry() {
	ctx := context.Background()
	j := journal.NewMemory()
	_ = j.Append(ctx, relationship.Append{Stream: "case-7", Entries: journaltest.Entries(1, 0, 1)})

	attempt := 0
	err := relationship.Retry(ctx, 3, func(ctx context.Context) error {
		attempt++
		v, err := j.Version(ctx, "case-7") // load
		if err != nil {
			return err
		}
		if attempt == 1 { // meanwhile, a colleague saves first
			_ = j.Append(ctx, relationship.Append{Stream: "case-7", Expected: v, Entries: journaltest.Entries(2, v, 1)})
		}
		err = j.Append(ctx, relationship.Append{Stream: "case-7", Expected: v, Entries: journaltest.Entries(1, v, 1)}) // save
		fmt.Printf("attempt %d at version %d: %v\n", attempt, v, err)
		return err
	})
	fmt.Println("result:", err)
	// Output:
	// attempt 1 at version 1: relationship: stream "case-7" is at version 2, not 1
	// attempt 2 at version 2: <nil>
	// result: <nil>
}
