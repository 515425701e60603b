package journal_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
	"github.com/helpingwork/helping/relationship/journaltest"
)

// A record outlives the program that wrote it: append, close, open again,
// and read it back.
func ExampleOpen() {
	dir, err := os.MkdirTemp("", "records")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()

	j, err := journal.Open(dir, nil)
	if err != nil {
		panic(err)
	}
	// Two entries in one append: both are saved, or neither. When Append
	// returns nil they are on disk.
	err = j.Append(ctx, relationship.Append{Stream: "case-42", Expected: 0, Entries: journaltest.Entries(1, 0, 2)})
	if err != nil {
		panic(err)
	}
	j.Close()

	j, err = journal.Open(dir, nil)
	if err != nil {
		panic(err)
	}
	defer j.Close()
	for e, err := range j.Read(ctx, "case-42", 1) {
		if err != nil {
			panic(err)
		}
		fmt.Println(e)
	}
	// Appends go on from where the record stopped; an append that expects
	// an older version is refused.
	fmt.Println(j.Append(ctx, relationship.Append{Stream: "case-42", Expected: 2, Entries: []relationship.Entry{journaltest.NoteEntry(1, 2, 3)}}))
	fmt.Println(j.Append(ctx, relationship.Append{Stream: "case-42", Expected: 2, Entries: []relationship.Entry{journaltest.NoteEntry(2, 0, 3)}}))
	// Output:
	// #1 2026-01-05T09:01:00Z 01890a5d-ac96-774b-bcce-b302099a8057: write note (journaltest.note.v1)
	// #2 2026-01-05T09:02:00Z 01890a5d-ac96-774b-bcce-b302099a8057: write note (journaltest.note.v1)
	// <nil>
	// relationship: stream "case-42" is at version 3, not 2
}

// A provision drawn from an agency's pool for a case changes two records:
// one append to both streams, each at the version its writer last saw.
// When either stream has moved on, nothing is written.
func ExampleMemory_Append() {
	ctx := context.Background()
	var j journal.Memory // the zero Memory is an empty journal
	defer j.Close()

	provision := func(agencyAt, caseAt uint64) error {
		return j.Append(ctx,
			relationship.Append{Stream: "agency-7", Expected: agencyAt, Entries: []relationship.Entry{journaltest.NoteEntry(1, 0, agencyAt+1)}},
			relationship.Append{Stream: "case-42", Expected: caseAt, Entries: []relationship.Entry{journaltest.NoteEntry(1, 0, caseAt+1)}},
		)
	}
	fmt.Println(provision(0, 0))
	fmt.Println(provision(0, 1)) // another writer drew from the pool first
	for name, err := range j.Streams(ctx) {
		v, _ := j.Version(ctx, name)
		fmt.Println(name, v, err)
	}
	// Output:
	// <nil>
	// relationship: stream "agency-7" is at version 1, not 0
	// agency-7 1 <nil>
	// case-42 1 <nil>
}

// Who read a case's confidential notes is logged at AnyVersion: readers
// never conflict with each other, and the journal numbers their entries.
func ExampleMemory_Append_anyVersion() {
	ctx := context.Background()
	j := journal.NewMemory()
	defer j.Close()
	for reader := range 3 {
		// The entry's own number does not matter; the journal renumbers it.
		read := journaltest.NoteEntry(reader, 0, 1)
		err := j.Append(ctx, relationship.Append{Stream: "reads-case-42", Expected: relationship.AnyVersion, Entries: []relationship.Entry{read}})
		if err != nil {
			panic(err)
		}
	}
	for e, err := range j.Read(ctx, "reads-case-42", 1) {
		if err != nil {
			panic(err)
		}
		fmt.Println(e.Seq(), e.Event().(journaltest.Note).Writer)
	}
	// Output:
	// 1 0
	// 2 1
	// 3 2
}

// A read model (caseloads across an agency, consents about to expire)
// follows the feed: it reads every entry after the last position it
// handled, waits for the next commit, and reads again.
func ExampleFile_Feed() {
	dir, err := os.MkdirTemp("", "records")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	j, err := journal.Open(dir, nil)
	if err != nil {
		panic(err)
	}
	defer j.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	go func() {
		for i := range 3 {
			stream := fmt.Sprintf("case-%d", i)
			if err := j.Append(ctx, relationship.Append{Stream: stream, Entries: journaltest.Entries(i, 0, 2)}); err != nil {
				panic(err)
			}
		}
	}()

	var position uint64 // a real read model keeps this with its data
	for seen := 0; seen < 6; {
		for fe, err := range j.Feed(ctx, position) {
			if err != nil {
				panic(err)
			}
			fmt.Println(fe.Position, fe.Stream, fe.Entry.Seq())
			position = fe.Position
			seen++
		}
		if seen < 6 {
			if err := j.Wait(ctx, position); err != nil {
				panic(err)
			}
		}
	}
	// Output:
	// 1 case-0 1
	// 2 case-0 2
	// 3 case-1 1
	// 4 case-1 2
	// 5 case-2 1
	// 6 case-2 2
}

// A long record loads faster from a snapshot: the state as it stood after
// some entry, and then only the entries after it.
func ExampleFile_SaveSnapshot() {
	dir, err := os.MkdirTemp("", "records")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	j, err := journal.Open(dir, nil)
	if err != nil {
		panic(err)
	}
	defer j.Close()
	if err := j.Append(ctx, relationship.Append{Stream: "case-42", Entries: journaltest.Entries(1, 0, 5)}); err != nil {
		panic(err)
	}
	state := relationship.Snapshot{Version: 4, Type: "example.case-snapshot.v1", Data: []byte(`{"phase":"treatment"}`)}
	if err := j.SaveSnapshot(ctx, "case-42", state); err != nil {
		panic(err)
	}
	// An older snapshot than the one kept is refused.
	err = j.SaveSnapshot(ctx, "case-42", relationship.Snapshot{Version: 2, Type: "example.case-snapshot.v1", Data: []byte("{}")})
	fmt.Println(errors.Is(err, relationship.ErrInvalidEntry))

	s, ok, err := j.LoadSnapshot(ctx, "case-42")
	if err != nil || !ok {
		panic(fmt.Sprint(ok, err))
	}
	fmt.Println(s.Version, s.Type, string(s.Data))
	for e, err := range j.Read(ctx, "case-42", s.Version+1) {
		if err != nil {
			panic(err)
		}
		fmt.Println("then", e.Seq())
	}
	// Output:
	// true
	// 4 example.case-snapshot.v1 {"phase":"treatment"}
	// then 5
}

// A crash in the middle of a write leaves part of a frame after the last
// whole append. Open cuts it, keeps the bytes in a file of their own, and
// reports what it did.
func ExampleFile_Recovered() {
	dir, err := os.MkdirTemp("", "records")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()

	j, err := journal.Open(dir, nil)
	if err != nil {
		panic(err)
	}
	if err := j.Append(ctx, relationship.Append{Stream: "case-42", Entries: journaltest.Entries(1, 0, 2)}); err != nil {
		panic(err)
	}
	j.Close()

	// What a crash halfway through the next write might leave: the first
	// bytes of a frame after the data (the journal writes zeros ahead of
	// its data, which mark the end).
	seg := filepath.Join(dir, "00000001.seg")
	data, err := os.ReadFile(seg)
	if err != nil {
		panic(err)
	}
	end := len(bytes.TrimRight(data, "\x00"))
	if err := os.WriteFile(seg, append(data[:end:end], "half a frame"...), 0o600); err != nil {
		panic(err)
	}

	j, err = journal.Open(dir, nil)
	if err != nil {
		panic(err)
	}
	defer j.Close()
	for _, r := range j.Recovered() {
		fmt.Println("cut", r)
	}
	v, _ := j.Version(ctx, "case-42")
	fmt.Println("case-42 is at version", v)
	// Output:
	// cut 00000001.seg at offset 528: 12 bytes, 0 intact frames (incomplete frame header: 12 of 24 bytes), saved as 00000001.seg.528.cut
	// case-42 is at version 2
}
