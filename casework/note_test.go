package casework

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

func TestEveryReadIsRecorded(t *testing.T) {
	f := newFixture(t)
	n := f.id(f.c.WriteNote(idWorker, "Mrs. K. fears the landlord"))
	for _, reader := range []relationship.PartyID{idWorker, idSupervisor, idClient} {
		note, err := f.c.ReadNote(reader, n)
		require.NoError(t, err)
		assert.Equal(t, "Mrs. K. fears the landlord", note.Text())
		assert.Equal(t, idWorker, note.Author())
	}
	var readers []relationship.Role
	for a := range f.c.Accesses() {
		assert.Equal(t, AccessRead, a.Kind)
		assert.Equal(t, n, a.Note)
		readers = append(readers, a.Role)
	}
	assert.Equal(t, []relationship.Role{relationship.RoleWorker, relationship.RoleSupervisor, relationship.RoleClient}, readers)

	var reads int
	for e := range f.c.Record() {
		if e.Act() == ActReadNote {
			reads++
		}
	}
	assert.Equal(t, 3, reads, "each read is an entry of the record")
}

func TestNotesListWithoutText(t *testing.T) {
	f := newFixture(t)
	n := f.id(f.c.WriteNote(idSupervisor, "approved the plan in conference"))
	headers := collect(f.c.Notes())
	require.Len(t, headers, 1)
	assert.Equal(t, NoteHeader{ID: n, Author: idSupervisor, Written: epoch.Add(time.Hour)}, headers[0])
	assert.Empty(t, collect(f.c.Accesses()), "listing notes reads none")
}

func TestPreviousWorkerLosesAccess(t *testing.T) {
	f := newFixture(t)
	n := f.id(f.c.WriteNote(idWorker, "Mrs. K. fears the landlord"))
	f.ok(f.c.Transfer(idSupervisor, testWorker2, "Miss Richmond leaves for Baltimore"))

	for _, former := range []relationship.PartyID{idWorker, idSupervisor} {
		err := f.unchanged(func() error {
			_, err := f.c.ReadNote(former, n)
			return err
		})
		assert.ErrorIs(t, err, ErrNotAssigned)
	}
	for _, current := range []relationship.PartyID{idWorker2, idSuper2, idClient} {
		_, err := f.c.ReadNote(current, n)
		assert.NoError(t, err)
	}
}

func TestDisclosureNeedsConsentInScope(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(f *fixture)
		to      string
		reason  string
	}{
		{"never given", func(*fixture) {}, "Dr. Grey", "never given"},
		{"another party", func(f *fixture) {
			f.id(f.c.GiveConsent(idClient, DisclosureScope("Dr. Grey"), time.Time{}))
		}, "the police", "never given"},
		{"refused", func(f *fixture) { f.id(f.c.RefuseConsent(idClient, DisclosureScope("Dr. Grey"))) }, "Dr. Grey", "refused"},
		{"revoked", func(f *fixture) {
			id := f.id(f.c.GiveConsent(idClient, DisclosureScope("Dr. Grey"), time.Time{}))
			f.ok(f.c.RevokeConsent(idClient, id))
		}, "Dr. Grey", "revoked"},
		{"consent to a referral", func(f *fixture) {
			f.id(f.c.GiveConsent(idClient, ReferralScope("Dr. Grey"), time.Time{}))
		}, "Dr. Grey", "never given"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			n := f.id(f.c.WriteNote(idWorker, "Jan coughs at night"))
			tt.prepare(f)
			err := f.unchanged(func() error { return f.c.DiscloseNote(idWorker, n, tt.to) })
			var ce *ConsentError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, DisclosureScope(tt.to), ce.Scope)
			assert.Equal(t, tt.reason, ce.Reason)
		})
	}
}

func TestDisclosureIsRecorded(t *testing.T) {
	f := newFixture(t)
	n := f.id(f.c.WriteNote(idWorker, "Jan coughs at night"))
	f.id(f.c.GiveConsent(idClient, DisclosureScope("Dr. Grey"), time.Time{}))
	f.ok(f.c.DiscloseNote(idSupervisor, n, "Dr. Grey"))
	acc := collect(f.c.Accesses())
	require.Len(t, acc, 1)
	assert.Equal(t, Access{Note: n, Kind: AccessDisclosure, By: idSupervisor, Role: relationship.RoleSupervisor,
		At: epoch.Add(3 * time.Hour), To: "Dr. Grey"}, acc[0])
}

func TestNoteBadInput(t *testing.T) {
	f := newFixture(t)
	err := f.unchanged(func() error {
		_, err := f.c.WriteNote(idWorker, "\n\t ")
		return err
	})
	assert.ErrorIs(t, err, ErrEmpty)
	err = f.unchanged(func() error {
		_, err := f.c.ReadNote(idWorker, uuid.Nil)
		return err
	})
	assert.ErrorIs(t, err, relationship.ErrZeroID)
	err = f.unchanged(func() error {
		_, err := f.c.ReadNote(idWorker, uuid.New())
		return err
	})
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestNotesAfterClosure(t *testing.T) {
	f := newFixture(t)
	f.ok(f.c.Withdraw(idClient, "we will manage"))
	n := f.id(f.c.WriteNote(idWorker, "closing summary: the family declined further help"))
	_, err := f.c.ReadNote(idClient, n)
	assert.NoError(t, err, "a client may read their record after closure")
}
