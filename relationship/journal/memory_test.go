package journal_test

import (
	"testing"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
	"github.com/helpingwork/helping/relationship/journaltest"
)

func TestMemoryConformance(t *testing.T) {
	journaltest.Run(t, func(*testing.T) relationship.Journal { return journal.NewMemory() })
}
