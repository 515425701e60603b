package journal_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

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
	if err := j.Append(ctx, "case-42", 0, journaltest.Entries(1, 0, 2)...); err != nil {
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
	fmt.Println(j.Append(ctx, "case-42", 2, journaltest.NoteEntry(1, 2, 3)))
	fmt.Println(j.Append(ctx, "case-42", 2, journaltest.NoteEntry(2, 0, 3)))
	// Output:
	// #1 2026-01-05T09:01:00Z 01890a5d-ac96-774b-bcce-b302099a8057: write note (journaltest.note.v1)
	// #2 2026-01-05T09:02:00Z 01890a5d-ac96-774b-bcce-b302099a8057: write note (journaltest.note.v1)
	// <nil>
	// relationship: stream "case-42" is at version 3, not 2
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
	if err := j.Append(ctx, "case-42", 0, journaltest.Entries(1, 0, 2)...); err != nil {
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
	// cut 00000001.seg at offset 468: 12 bytes, 0 intact frames (incomplete frame header: 12 of 24 bytes), saved as 00000001.seg.468.cut
	// case-42 is at version 2
}
