// Package journal holds the implementations of [relationship.Journal] that
// ship with the library: [Memory], which keeps records in memory for tests,
// examples and short-lived programs, and [File], the durable journal, which
// keeps them in a directory of files. Both pass the conformance suite in
// relationship/journaltest; [CheckAppend] and [CheckSnapshot] give other
// implementations the same checks of their arguments.
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
//	// A provision from the agency's pool: both records change, or neither.
//	err = j.Append(ctx,
//		relationship.Append{Stream: "agency-7", Expected: 12, Entries: agencyEntries},
//		relationship.Append{Stream: "case-42", Expected: 3, Entries: caseEntries},
//	) // synced when it returns
//	for e, err := range j.Read(ctx, "case-42", 1) { ... }
//	for _, r := range j.Recovered() { log.Print("journal repaired: ", r) }
//
// One [File] may have a directory open at a time: Open takes a lock, and a
// second Open, from this process or another, fails with [ErrLocked]. A File
// is safe for concurrent use: many goroutines may append and read at once.
// Reads see every append that returned before they started, and may run
// while appends go on. A File not made by Open (the zero File) is not a
// journal: its methods return an error wrapping [relationship.ErrClosed].
//
// # Appends to several streams
//
// Every change to an agency, a case or a group is an entry in that
// aggregate's stream, and one [relationship.Journal.Append] may carry
// entries for several streams: a provision drawn from an agency's pool
// adds an entry to the agency and one to the case. Each stream's part
// names the version its writer last saw; if any stream has moved on, the
// append fails with a [*relationship.VersionConflictError] naming the
// first such stream, and nothing of it is stored. A part with no entries
// only checks its stream's version, which makes it a guard: append to the
// case only if the agency is still where the decision saw it.
//
// A part at [relationship.AnyVersion] appends wherever its stream stands,
// and never conflicts: the journal numbers its entries after the stream's
// last when the append commits, with [relationship.Entry.WithSeq], and
// ignores the numbers they carried. It is for records that many write and
// no one decides on, such as the log of who read a case's notes.
//
// Both journals check an append before they look at any stream: every
// stream named, in at most [relationship.MaxStreamName] bytes, and named
// once; every entry valid, and numbered on from its stream's expected
// version ([CheckAppend]). Each entry is encoded, to check it against
// [relationship.MaxEntrySize] and the append against
// [relationship.MaxAppendSize], all streams together: too large is a
// [*relationship.EntryError] wrapping [relationship.ErrTooLarge]. The
// entries of a part at AnyVersion are measured as they are stored, with
// their final numbers.
//
// # The feed
//
// [File.Feed] yields every entry of every stream in the order it was
// committed, each with its position, and [File.Wait] waits until there is
// an entry after a position. A read model (the caseloads of an agency,
// the consents about to expire) keeps the position of the last entry it
// handled beside its own data, reads the feed on from there, waits, and
// reads again; after a restart it resumes from the position it kept.
//
// In both journals positions are consecutive and count from 1: the first
// entry ever appended is at position 1. In the file journal the position
// of an entry is the ordinal of its frame in the journal (the frames of
// segment 1 in order, then those of segment 2, and so on), rebuilt by Open
// and the same after every Open. The entries of one append are side by
// side, in the order the append gave them. Commits are written one after
// another, and readers see a commit only once it is synced, so a reader
// that has seen position p has seen every position before it: the feed
// never skips an entry that commits late.
//
// # Snapshots
//
// A snapshot ([relationship.Snapshot]) is the state of an aggregate as it
// stood after some entry of its stream, encoded by the package that
// defines the aggregate, so that a long record loads from a recent state
// instead of from its first entry. A journal keeps the latest snapshot of
// each stream: its version must be at least 1, at most the stream's
// version, and not older than the one kept (an equal version replaces
// it); it must have a Type and Data of 1 to [relationship.MaxSnapshotSize]
// bytes ([CheckSnapshot]). Snapshots are a cache of the record, never a
// replacement for it: the entries stay, and a program that cannot use a
// snapshot replays the record in full.
//
// The file journal keeps each snapshot in a file of its own in the
// directory "snapshots" (see the format below). [File.SaveSnapshot] writes
// the new one to a temporary file, syncs it, renames it over the old one
// and syncs the directory, so that a crash leaves the old snapshot or the
// new one, never a mix. [File.LoadSnapshot] reads the whole file and
// checks it; a damaged one is an error wrapping [ErrCorrupt], and the
// caller falls back to replaying the record, then saves a new snapshot,
// which replaces it.
//
// # The format
//
// The directory holds numbered segment files, 00000001.seg, 00000002.seg
// and on, a LOCK file, the identity file IDENTITY and the index
// checkpoint INDEX (see below), after a
// repair files ending in .cut that hold what was cut, and, once a snapshot
// is saved, the directory snapshots. Segments
// are append-only. When the last one has grown past
// [FileOptions.SegmentSize] (64 MiB by default) the next commit starts a
// new one; an append never spans two segments.
//
// Every segment begins with a header (all integers little-endian). In
// format version 3, which this package writes, it is 84 bytes:
//
//	offset size
//	0      8    magic "HLPJRNL\x00"
//	8      4    format version: 3
//	12     8    segment number, as in the file name
//	20     16   the journal's identity (see IDENTITY below)
//	36     4    flags: 1 marks a keyed segment, whose frames carry MACs
//	40     8    the size at which the segment before this one was
//	            sealed, or 0 in segment 1
//	48     32   in a keyed segment, HMAC-SHA256 of the 48 bytes before
//	            it; zeros otherwise
//	80     4    CRC-32C (Castagnoli) of the 80 bytes before it
//
// In versions 2 and 1, which this package still reads, it is 24 bytes:
// magic (8), format version (4), segment number (8), and CRC-32C of the
// 20 bytes before it (4).
//
// Then come frames, one per entry, each a 24-byte header, the stream name
// and the payload, and in a keyed segment a MAC:
//
//	offset size
//	0      4    CRC-32C of the segment number (as 8 little-endian
//	            bytes) and, in version 3, the journal's identity, then
//	            of every byte of the frame from offset 4 to its end
//	4      4    payload length (1 to relationship.MaxEntrySize)
//	8      2    stream name length (1 to relationship.MaxStreamName)
//	10     1    flags: 1 marks the last frame of an append
//	11     1    reserved, 0
//	12     8    the entry's sequence number in its stream
//	20     4    commit offset: where in this segment the write that
//	            carried this frame began
//	24     n    the stream name
//	24+n   m    the payload: the entry as [relationship.Entry.MarshalJSON]
//	            writes it, its "seq" the number at offset 12
//	24+n+m 32   keyed segments only: HMAC-SHA256 of the byte 'F', the
//	            segment number (8), the frame's offset in the segment
//	            (8), and the frame's bytes from offset 4 to here
//
// The checksum covers the header fields, so a damaged length is caught as
// surely as a damaged payload, and it starts from the segment number, so a
// frame copied into another segment does not check. Every byte a frame
// holds is covered. After the last frame of the last segment the file may
// hold zeros: the journal writes them ahead of its data (see below), and
// they mark the end.
//
// The frames of one append follow one another: for each stream the append
// names, in the order it names them, the frames of that stream's entries,
// in order. Only the last frame of the whole append is flagged. The frames
// of a stream carry its sequence numbers on from the stream's last, each
// stream its own; an entry appended at [relationship.AnyVersion] is
// framed, and encoded, with the number the commit gave it.
//
// Format version 2 differs from version 1 in one rule: in version 1 the
// frames of an append all belong to one stream, in version 2 they may
// belong to several. The layout is the same. Format version 3 keeps the
// frames of version 2 and adds what the trust model below needs: the
// header names the journal and the size of the segment before, the frame
// checksums start from the journal's identity, and keyed segments carry
// MACs. This package reads all three and writes only version 3. It never
// adds frames to a segment of an older version, nor to a segment without
// MACs once the journal is keyed: the first commit after opening such a
// journal starts a new segment, and the old segments stay as they were
// (the zeros written ahead of the last one's data are cut when it is
// sealed). A program that knows only an older version refuses a newer
// segment as a format it does not know, rather than misread it; this
// package refuses segments of a version it does not know with [ErrFormat].
//
// The file IDENTITY holds the journal's identity, 16 random bytes fixed
// when this package first opens the journal, and, once the journal is
// keyed, its MAC key and the first keyed segment:
//
//	offset size
//	0      8    magic "HLPJID\x00\x00"
//	8      4    identity format version: 1
//	12     8    the first keyed segment, or 0 for a journal without a key
//	20     16   the journal's identity
//	36     2    length n of the sealed MAC key (0 without a key)
//	38     n    the MAC key (32 random bytes), sealed with
//	            [FileOptions.Key] (see [keyring.Key.Seal]), bound to
//	            "helping journal MAC key " and the identity
//	38+n   32   HMAC-SHA256 of the byte 'I' and the 38+n bytes before it;
//	            zeros without a key
//	70+n   4    CRC-32C of the 70+n bytes before it
//
// It is replaced whole, by a file renamed over it, when the journal is
// keyed.
//
// The directory snapshots holds one file for each stream that has a
// snapshot, named by the SHA-256 of the stream's name in lowercase
// hexadecimal and ".snap" (stream names may hold any byte, file names may
// not). Its layout, all integers little-endian:
//
//	offset      size
//	0           8    magic "HLPSNAP\x00"
//	8           4    snapshot format version, 1
//	12          4    stream name length n (1 to relationship.MaxStreamName)
//	16          4    type length t (at least 1)
//	20          8    the snapshot's version: the entry it follows
//	28          8    data length d (1 to relationship.MaxSnapshotSize)
//	36          4    CRC-32C of the 36 bytes before it
//	40          n    the stream name
//	40+n        t    the snapshot's Type
//	40+n+t      d    the snapshot's Data
//	40+n+t+d    4    CRC-32C of bytes 0 to 35, then of bytes 40 to
//	                 40+n+t+d-1: every byte of the file but the two
//	                 checksums
//
// The file is exactly 44+n+t+d bytes long. A snapshot being saved is
// written first under the name of its file followed by a dot, a random
// number and ".tmp"; Open removes such files, which only a crash leaves.
// A snapshot file of a version this package does not know is an error
// wrapping [ErrFormat].
//
// # The index checkpoint
//
// A record of decades should not take longer to open each year. So the
// journal keeps an index checkpoint, the file INDEX: which segments it
// covers and how far, and for each stream its number of entries and where
// each one's frame is. [File.Close] writes it, and so does the commit that
// seals a segment once the frames committed since the last checkpoint are
// at least as many as it covered (and at least 65,536): after a crash,
// Open reads at most about half the journal again, and checkpoints cost a
// constant amount of work per entry. It is written to INDEX.tmp, synced,
// renamed over INDEX, and the directory synced, so a crash leaves the old
// checkpoint or the new one.
//
// Open trusts a checkpoint only for segment files that are as they were
// when it was written: for each segment covered it records the file's
// device, inode, size, modification time and change time (on systems
// other than Linux, size and modification time), and every write to a
// file moves its change time. Open then reads only what the checkpoint
// does not cover: the rest of the last segment it covers (normally zeros)
// and any later segment, checking them as described under Recovery. If
// the last segment covered has changed (appends after the checkpoint,
// then a crash), Open reads that segment whole; if an earlier one has
// changed or is missing, or the checkpoint is missing, damaged, of
// another version or disagrees with itself, Open reads every segment, as
// without one. Either way nothing is lost: the checkpoint is a cache of
// what the segments say. The streams' locations are read from the
// checkpoint when a stream is first read, and checked then; if they fail
// their checks, the journal finds them again in the segments. When the
// journal closes, the zeros it wrote ahead of its data are given back to
// the file system as a hole (on Linux), which Open skips without reading.
//
// Its layout, all integers little-endian:
//
//	offset  size
//	0       8    magic "HLPINDX\x00"
//	8       4    checkpoint format version, 1
//	12      4    reserved, 0
//	16      8    directory length d
//	24      4    CRC-32C of the 24 bytes before it
//	28      d    the directory (below)
//	28+d    4    CRC-32C of the directory
//	...          the locations of each stream's entries, in the order of
//	             the directory, then the marks; each array is followed by
//	             the CRC-32C of its bytes
//
// The directory holds: the number of segments covered (4 bytes) and for
// each, from segment 1 on, its format version (4), how far its frames
// were verified (8), and its device, inode, size, modification time and
// change time in nanoseconds (8 each); the number of frames covered (8)
// and of those in segments before the last covered (8); where the marks
// begin (8); the number of streams (4) and for each, its name's length
// (2), its name, its number of entries (8), of those in segments before
// the last covered (8), and where its locations begin (8). A location is
// 12 bytes: the segment's index (its number less one), the frame's
// offset and its size, 4 bytes each. The marks are the locations of the
// frames at feed positions 1, 1025, 2049 and so on, from which
// [File.Feed] finds a position by stepping over frame headers.
//
// # Who can change the record, and who would notice
//
// A record is only as trustworthy as the checks that stand between it and
// a change nobody meant or nobody admits to. The file journal has three
// layers of them, and it matters to know what each one catches.
//
// The checksums (CRC-32C) catch accidents: a disk that returns a flipped
// bit, a write cut short by a crash, a file copied in from another
// segment or another journal by mistake (every frame checksum starts from
// the segment number and the journal's identity, and every segment header
// names its journal, so such a segment is an error wrapping [ErrForeign]).
// They do not stop a person: anyone who can write the files and knows this
// format can change an entry and compute its checksum again.
//
// A key ([FileOptions.Key]) adds a check that a person cannot forge
// without it. Every frame then carries an HMAC-SHA256 (a keyed checksum,
// from the standard library's crypto/hmac) over its header, its payload
// and its place (segment and offset); every segment header carries one
// over the journal's identity and the size of the segment before it. An
// entry edited with its checksum recomputed, a frame moved to another
// place, a segment's MACs stripped, or a sealed segment cut short, even at
// a frame boundary and even if its streams are never written again, is
// then an error wrapping [ErrTampered] (and [ErrCorrupt]) that names the
// file and the offset. The index checkpoint and every snapshot file then
// end with a MAC too: a checkpoint whose MAC does not check is not used
// (Open reads and checks every frame instead, which costs only time; a
// keyed Open reads the whole checkpoint to check it, 12 bytes an entry),
// and a snapshot whose MAC does not check is an error wrapping
// [ErrTampered], after which the record loads from its first entry.
// Without a key a sealed segment cut short is still found, by the size
// the next header records, but someone who rewrites that header too is
// not.
//
// What neither does: a person who holds the key, or can run the program
// that holds it, can write a record that checks, so keep the key in a
// keyring apart from the journal's directory and its backups, and give
// the journal a subject of its own in it. Neither check can tell that the
// newest appends were removed by cutting the end of the last segment, or
// by deleting the last segments whole: nothing after them records them
// (a copy of the feed position kept elsewhere, by a projection or a
// backup, does). Nor do the checks keep anything secret: they say whether
// the record was changed, not who may read it; what identifies a client is
// sealed by the keyring before it reaches the journal (see
// [keyring.Sealed]).
//
// The lock is part of the same care: two programs writing one journal
// would corrupt it. [Open] takes an flock(2) on the journal's directory
// itself (and on the LOCK file, for older versions of this package), so
// deleting the LOCK file does not let a second program in.
//
// # Appends, group commit and syncs
//
// An append is atomic: the frames of every stream it names are framed
// together, the last one flagged, and written with one write.
// [File.Append] returns only after the data is synced: fdatasync on Linux,
// fsync elsewhere (F_FULLFSYNC on macOS, as [os.File.Sync] does). A new
// segment is created with its header, synced, and its directory synced,
// before any frame goes into it.
//
// Syncing costs the same for one entry as for a hundred, so the journal
// commits in groups. One append leads: it takes every append queued at that
// moment and judges each in the order they queued, every stream of it
// against its expected version (a later append sees the streams as the
// earlier ones of the same commit leave them), numbering the entries of
// parts at AnyVersion after the stream's last. It writes the accepted
// appends with one write, syncs once, publishes them to readers and to the
// feed, and hands the lead to the first append that queued while it was
// syncing. Each caller gets its own result: nil, a
// [*relationship.VersionConflictError] if another writer came first, or,
// for an append at AnyVersion whose renumbered entries no longer fit the
// limits, a [*relationship.EntryError] wrapping [relationship.ErrTooLarge].
// A refused append takes no numbers and writes nothing.
//
// Syncing data into a file that must grow also writes the file's new size
// and block map, which on common file systems costs several times more
// than the data. So the journal keeps the last segment filled with zeros up
// to 1 MiB ahead of its data, and an append overwrites zeros in place. A
// segment is cut to its data when the journal moves on to the next. The
// zeros are an economy, never a condition: on a disk with no room for
// them, the data is written without them.
//
// An append whose data does not fit on the disk (the write fails with
// ENOSPC) fails with an error wrapping [ErrNoSpace]: the journal cuts back
// what it wrote of it, so nothing of it is stored, and it goes on taking
// appends, which succeed once space is freed. A sync that fails is another
// matter (after a failed sync the kernel may have dropped the data), and
// breaks the journal as below.
//
// If a write or a sync fails, what reached the disk is unknown. The append
// fails with an error wrapping [ErrBroken], and so does every later one; the
// journal must be closed and opened again, which recovers whatever was
// written whole.
//
// # Recovery
//
// [Open] reads every segment the index checkpoint does not cover (see
// above), checks every frame and rebuilds the index of streams and the feed (the position of each entry; the entries themselves
// stay on disk and are read, and checked again, by [File.Read] and
// [File.Feed]). It adds the frames of an append to the index only at the
// append's flagged last frame, whichever streams they belong to, and
// checks that each frame carries the next sequence number of its stream,
// that the frames of an append record the same write, and, in a segment of
// version 1, the same stream. A sealed segment must be perfect. In the
// last segment, a frame that does not check may be the torn end of the
// write a crash interrupted: an incomplete frame, a bad length, a bad
// checksum, a payload that is not JSON, or the start of an append whose
// last frame never arrived. Which is it?
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
// cuts the segment back to the end of the last whole append before it: an
// append to several streams is kept in all of them or in none.
//
// Looking past a bad frame takes time in proportion to the bytes that
// follow it, however they were damaged or crafted: a frame header that
// claims a long payload is checked against running checksums of the tail,
// summed once, without reading the payload again (CRC-32C ranges combine
// as in zlib's crc32_combine).
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
// and Read and Feed report them with [relationship.ErrUnknownEvent].
//
// # What survives a crash
//
// On a disk that honours its sync (the drive's cache is flushed or backed
// by power, and the file system keeps its journal):
//
//   - An append that returned nil survives, whole, in every stream it
//     named, at the feed positions it had.
//   - An append that had not returned when the crash came is either there
//     whole or not there at all: its frames were written with one write and
//     the last is flagged, so recovery keeps all of an append or none.
//   - Data written but not synced may reach the disk in any part and any
//     order. Whatever part did is found by recovery as a torn tail, cut,
//     reported and saved; nothing acknowledged is cut with it, because
//     everything acknowledged was synced before the interrupted write began.
//     No position a reader has seen is cut either: readers see only what
//     was synced.
//   - A segment created but whose directory entry was not yet synced may be
//     missing, empty or have half a header after the crash. It held no
//     frames (none are written before that sync), so a missing one loses
//     nothing, and one with a torn header is set aside (renamed to .cut)
//     with a report.
//   - A cut that a crash interrupts is done again at the next Open: the
//     saved copy is written and synced before the segment is truncated.
//   - A snapshot saved survives; one being saved when the crash came is
//     there whole or not at all, the one before it in its place.
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
// directory, so there a new segment, and a renamed snapshot, is durable
// once the system writes the directory back on its own.
//
// # Limits
//
// The limits are relationship's, which every journal keeps: a stream name
// is at most [relationship.MaxStreamName] bytes, an encoded entry at most
// [relationship.MaxEntrySize], the entries of one append at most
// [relationship.MaxAppendSize] all streams together, a snapshot's data at
// most [relationship.MaxSnapshotSize]; the file journal also keeps a
// snapshot's Type below 4 GiB. The file journal's index holds 24 bytes in
// memory for each entry appended since the checkpoint it opened from
// (where its frame is, for its stream and for the feed), and 12 for each
// entry of a stream that was read. It keeps the last segment's file open,
// and at most 8 others, opened when they are read and closed least
// recently used first (a segment being read stays open until the read
// moves on): a journal of thousands of segments holds about a dozen file
// descriptors.
// Open with a checkpoint takes time in proportion to the number of
// streams and segments and to what the checkpoint does not cover, not to
// the number of entries; without one it reads every segment. Snapshot
// files are read only when loaded.
package journal
