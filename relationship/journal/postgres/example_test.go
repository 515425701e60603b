package postgres_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/helpingwork/helping/relationship/journal/postgres"
)

// Open the journal of one agency on a server named by DATABASE_URL, and
// follow its feed. (Compiled, not run: it needs a server.)
func ExampleOpen() {
	ctx := context.Background()
	j, err := postgres.Open(ctx, os.Getenv("DATABASE_URL"), "agency-riverside", nil)
	if err != nil {
		log.Fatal(err)
	}
	defer j.Close()

	var last uint64 // a read model would keep this in its checkpoint
	for {
		for fe, err := range j.Feed(ctx, last) {
			if err != nil {
				log.Fatal(err)
			}
			fmt.Println(fe.Position, fe.Stream, fe.Entry.Act())
			last = fe.Position
		}
		if err := j.Wait(ctx, last); err != nil {
			log.Fatal(err)
		}
	}
}
