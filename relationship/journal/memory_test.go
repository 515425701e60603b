package journal_test

import (
	"testing"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
	"github.com/helpingwork/helping/relationship/journaltest"
)

// TestMemoryConformance runs the conformance suite on the zero Memory,
// which is an empty journal ready to use (NewMemory returns one too).
func TestMemoryConformance(t *testing.T) {
	journaltest.Run(t, func(*testing.T) relationship.Journal { return &journal.Memory{} })
}
