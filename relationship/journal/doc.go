// Package journal holds the implementations of [relationship.Journal] that
// ship with the library: [Memory], which keeps records in memory for tests,
// examples and short-lived programs, and [File], the durable journal, which
// keeps them in a directory of files.
//
// # Why a record must be durable
//
// A case record is a legal and ethical document. It says what a worker
// knew, decided and did, what the client agreed to and when, which
// resources changed hands and on whose authority; a group's record says who
// decided what under which rule. People rely on it long after the moment:
// a client who asks to read their file, a supervisor who reviews a refusal,
// a court. So once the library says an entry is saved, it must still be
// there after a crash or a power cut, and nothing may be lost, altered or
// overwritten without anyone noticing.
//
// The [File] journal keeps that promise with four habits: it appends and
// never rewrites; it checksums every entry; it waits for the disk to
// confirm each write (fsync) before an append returns; and when it opens a
// record whose last write was interrupted, it cuts the unfinished write
// away, keeps the bytes it cut in a file of their own, and says so.
//
// # Using the file journal
//
// [Open] a directory, append, read, close:
//
//	j, err := journal.Open("records", nil)
//	if err != nil { ... }
//	defer j.Close()
//	err = j.Append(ctx, "case-42", 0, entries...) // synced when it returns
//	for e, err := range j.Read(ctx, "case-42", 1) { ... }
//	for _, r := range j.Recovered() { log.Print("journal repaired: ", r) }
//
// One [File] may have a directory open at a time: Open takes a lock, and a
// second Open, from this process or another, fails with [ErrLocked]. A File
// is safe for concurrent use: many goroutines may append and read at once.
// Reads see every append that returned before they started, and may run
// while appends go on.
//
// # The format
//
// The directory holds numbered segment files, 00000001.seg, 00000002.seg
// and on, a LOCK file, and, after a repair, files ending in .cut that hold
// what was cut. Segments are append-only. When the last one has grown past
// [FileOptions.SegmentSize] (64 MiB by default) the next append starts a new
// one; an append never spans two segments.
//
// Every segment begins with a 24-byte header (all integers little-endian):
//
//	offset size
//	0      8    magic "HLPJRNL\x00"
//	8      4    format version, 1
//	12     8    segment number, as in the file name
//	20     4    CRC-32C (Castagnoli) of bytes 0 to 20
//
// Then come frames, one per entry, each a 24-byte header, the stream name
// and the payload:
//
//	offset size
//	0      4    CRC-32C of the segment number (8 bytes), then of every
//	            byte of the frame from offset 4 to its end
//	4      4    payload length (1 to MaxEntrySize)
//	8      2    stream name length (1 to MaxStreamName)
//	10     1    flags: 1 marks the last frame of an append
//	11     1    reserved, 0
//	12     8    the entry's sequence number in its stream
//	20     4    commit offset: where in this segment the write that
//	            carried this frame began
//	24     n    the stream name
//	24+n   m    the payload: the entry as [relationship.Entry.MarshalJSON]
//	            writes it
//
// The checksum covers the header fields, so a damaged length is caught as
// surely as a damaged payload, and it starts from the segment number, so a
// frame copied into another segment does not check. Every byte a frame
// holds is covered. After the last frame of the last segment the file may
// hold zeros: the journal writes them ahead of its data (see below), and
// they mark the end.
//
// A new version of the format gets a new version number; this package
// refuses segments of a version it does not know with [ErrFormat] rather
// than misread them.
//
// # Appends, group commit and syncs
//
// An append is atomic: its entries are framed together, the last frame
// flagged, and written with one write. [File.Append] returns only after the
// data is synced: fdatasync on Linux, fsync elsewhere (F_FULLFSYNC on
// macOS, as [os.File.Sync] does). A new segment is created with its header,
// synced, and its directory synced, before any frame goes into it.
//
// Syncing costs the same for one entry as for a hundred, so the journal
// commits in groups. One append leads: it takes every append queued at that
// moment, judges each one's expected version in the order they queued (a
// later append to the same stream sees the earlier ones), writes the
// accepted ones with one write, syncs once, and hands the lead to the first
// append that queued while it was syncing. Each caller gets its own result:
// nil, or a [*relationship.VersionConflictError] if another writer came
// first.
//
// Syncing data into a file that must grow also writes the file's new size
// and block map, which on common file systems costs several times more
// than the data. So the journal keeps the last segment filled with zeros up
// to 1 MiB ahead of its data, and an append overwrites zeros in place. A
// segment is cut to its data when the journal moves on to the next.
//
// If a write or a sync fails, what reached the disk is unknown. The append
// fails with an error wrapping [ErrBroken], and so does every later one; the
// journal must be closed and opened again, which recovers whatever was
// written whole.
//
// # Recovery
//
// [Open] reads every segment, checks every frame and rebuilds the index of
// streams (the position of each entry; the entries themselves stay on disk
// and are read, and checked again, by [File.Read]). A sealed segment must
// be perfect. In the last segment, a frame that does not check may be the
// torn end of the write a crash interrupted: an incomplete frame, a bad
// length, a bad checksum, a payload that is not JSON, or the start of an
// append whose last frame never arrived. Which is it?
//
// Writes are strictly ordered: a commit is written only after the previous
// one was synced. So damage is a torn write only if nothing written after
// it survives. Open looks past the bad frame for intact frames, which it
// recognises by their checksum; each records where its write began. If one
// records a write that began after the bad frame, the bad frame was
// already synced when that write happened: that is damage to an
// acknowledged record, and Open fails with an error wrapping [ErrCorrupt]
// (a [*CorruptError] naming the segment and the offset) and changes
// nothing. If none does, the bad frame belongs to the last write, and Open
// cuts the segment back to the end of the last whole append before it.
//
// A cut is never silent. The bytes cut are first copied to a file beside
// the segment, named like 00000003.seg.4096.cut, and synced; then the
// segment is truncated and synced. [File.Recovered] returns a [Recovery]
// report for each cut: the segment, the offset, how many bytes, how many
// intact frames went with them, why, and the file that holds them. A
// program that would rather have a person look first sets
// [FileOptions.NoRepair]: Open then fails with a [*RepairError] that holds
// the report, and changes nothing.
//
// Entries whose event type the program does not register (it does not
// import the package that defines them) are not damage: Open keeps them,
// and Read reports them with [relationship.ErrUnknownEvent].
//
// # What survives a crash
//
// On a disk that honours its sync (the drive's cache is flushed or backed
// by power, and the file system keeps its journal):
//
//   - An append that returned nil survives, whole.
//   - An append that had not returned when the crash came is either there
//     whole or not there at all: its frames were written with one write and
//     the last is flagged, so recovery keeps all of an append or none.
//   - Data written but not synced may reach the disk in any part and any
//     order. Whatever part did is found by recovery as a torn tail, cut,
//     reported and saved; nothing acknowledged is cut with it, because
//     everything acknowledged was synced before the interrupted write began.
//   - A segment created but whose directory entry was not yet synced may be
//     missing, empty or have half a header after the crash. It held no
//     frames (none are written before that sync), so a missing one loses
//     nothing, and one with a torn header is set aside (renamed to .cut)
//     with a report.
//   - A cut that a crash interrupts is done again at the next Open: the
//     saved copy is written and synced before the segment is truncated.
//   - Damage to data that was synced, found by Open or by Read, is an error
//     wrapping [ErrCorrupt] that names the segment and the offset. The
//     journal does not guess at a repair; a person decides, with the bytes
//     still on disk.
//
// An append that failed with an error wrapping [ErrBroken] may or may not
// be found after the next Open. With [FileOptions.UnsafeNoSync] none of
// these promises hold past a crash of the machine; it exists to measure
// what syncing costs.
//
// On systems without flock(2) (Windows, Plan 9, Solaris, WebAssembly) the
// lock is a LOCK file created exclusively and removed by Close; a crash
// leaves it behind, and it must be removed by hand once no program has the
// journal open. Those systems also offer no portable way to sync a
// directory, so there a new segment is durable once the system writes the
// directory back on its own.
//
// # Limits
//
// A stream name is at most [MaxStreamName] bytes, an encoded entry at most
// [MaxEntrySize], one append at most 256 MiB. The index holds 12 bytes for
// each entry in memory, and each segment keeps a file open. Opening reads
// every segment once, so it takes time in proportion to the record.
package journal
