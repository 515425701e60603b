package casework

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

func TestEveryReadIsRecorded(t *testing.T) {
	f := newFixture(t)
	log := journal.NewMemory()
	n := f.id(f.c.WriteNote(idWorker, "Mrs. K. fears the landlord"))
	version := f.c.Version()
	for _, reader := range []relationship.PartyID{idWorker, idSupervisor, idClient} {
		note, err := f.c.ReadNote(bg, log, reader, n)
		require.NoError(t, err)
		assert.Equal(t, "Mrs. K. fears the landlord", note.Text())
		assert.Equal(t, idWorker, note.Author())
	}
	var readers []relationship.Role
	for a, err := range AccessLog(bg, log, f.c.ID()) {
		require.NoError(t, err)
		assert.Equal(t, AccessRead, a.Kind)
		assert.Equal(t, n, a.Note)
		assert.Equal(t, f.c.ID(), a.Case)
		readers = append(readers, a.Role)
	}
	assert.Equal(t, []relationship.Role{relationship.RoleWorker, relationship.RoleSupervisor, relationship.RoleClient}, readers)
	assert.Equal(t, version, f.c.Version(), "a read changes nothing in the case's own record")

	var byClient []Access
	for a, err := range AccessesBy(bg, log, idClient) {
		require.NoError(t, err)
		byClient = append(byClient, a)
	}
	require.Len(t, byClient, 1)
	assert.Equal(t, uint64(3), byClient[0].Seq)
}

func TestAReadThatCannotBeRecordedReturnsNothing(t *testing.T) {
	f := newFixture(t)
	n := f.id(f.c.WriteNote(idWorker, "Mrs. K. fears the landlord"))
	closed := journal.NewMemory()
	require.NoError(t, closed.Close())
	note, err := f.c.ReadNote(bg, closed, idWorker, n)
	assert.ErrorIs(t, err, relationship.ErrClosed)
	assert.Zero(t, note, "no text without its record")
	_, err = f.c.ReadNote(bg, nil, idWorker, n)
	assert.ErrorIs(t, err, relationship.ErrNil)
}

func TestNotesListWithoutText(t *testing.T) {
	f := newFixture(t)
	n := f.id(f.c.WriteNote(idSupervisor, "approved the plan in conference"))
	headers := collect(f.c.Notes())
	require.Len(t, headers, 1)
	assert.Equal(t, NoteHeader{ID: n, Author: idSupervisor, Written: epoch.Add(time.Hour)}, headers[0])
}

func TestPreviousWorkerLosesAccess(t *testing.T) {
	f := newFixture(t)
	n := f.id(f.c.WriteNote(idWorker, "Mrs. K. fears the landlord"))
	f.ok(f.c.Transfer(idSupervisor, testWorker2, "Miss Richmond leaves for Baltimore"))

	for _, former := range []relationship.PartyID{idWorker, idSupervisor} {
		err := f.unchanged(func() error {
			_, err := f.c.ReadNote(bg, accessLog, former, n)
			return err
		})
		assert.ErrorIs(t, err, ErrNotAssigned)
	}
	for _, current := range []relationship.PartyID{idWorker2, idSuper2, idClient} {
		_, err := f.c.ReadNote(bg, accessLog, current, n)
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
			err := f.unchanged(func() error { return f.c.DiscloseNote(bg, accessLog, idWorker, n, tt.to) })
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
	log := journal.NewMemory()
	f.ok(f.c.DiscloseNote(bg, log, idSupervisor, n, "Dr. Grey"))
	var acc []Access
	for a, err := range AccessLog(bg, log, f.c.ID()) {
		require.NoError(t, err)
		acc = append(acc, a)
	}
	require.Len(t, acc, 1)
	assert.Equal(t, Access{Seq: 1, Case: f.c.ID(), Note: n, Kind: AccessDisclosure, By: idSupervisor, Role: relationship.RoleSupervisor,
		At: epoch.Add(3 * time.Hour), To: "Dr. Grey"}, acc[0])
}

func TestNoteBadInput(t *testing.T) {
	f := newFixture(t)
	err := f.unchanged(func() error {
		_, err := f.c.WriteNote(idWorker, "\n\t ")
		return err
	})
	assert.ErrorIs(t, err, ErrBlank)
	err = f.unchanged(func() error {
		_, err := f.c.ReadNote(bg, accessLog, idWorker, uuid.Nil)
		return err
	})
	assert.ErrorIs(t, err, relationship.ErrZeroID)
	err = f.unchanged(func() error {
		_, err := f.c.ReadNote(bg, accessLog, idWorker, uuid.New())
		return err
	})
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestNotesAfterClosure(t *testing.T) {
	f := newFixture(t)
	f.ok(f.c.Withdraw(idClient, "we will manage"))
	n := f.id(f.c.WriteNote(idWorker, "closing summary: the family declined further help"))
	_, err := f.c.ReadNote(bg, accessLog, idClient, n)
	assert.NoError(t, err, "a client may read their record after closure")
}
