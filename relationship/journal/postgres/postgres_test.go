package postgres_test

import (
	"testing"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journaltest"
)

func TestConformance(t *testing.T) {
	serverURL(t)
	journaltest.Run(t, func(t *testing.T) relationship.Journal {
		return open(t, newTenant(t), nil)
	})
}

// TestDurable closes the journal and opens it again: the records are in the
// database, the tenant's (named after the subtest's directory).
func TestDurable(t *testing.T) {
	serverURL(t)
	journaltest.RunDurable(t, func(t *testing.T, dir string) relationship.Journal {
		return open(t, tenantOf(t, dir), nil)
	})
}
