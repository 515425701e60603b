// Package keyring keeps the keys that keep a client's confidences: one
// secret key per subject (a client, a case, a secret vote), outside the
// record it protects, so that what is written in confidence can be read by
// those entitled to it and, when the time comes, erased by destroying the
// key.
//
// # The social-work ground
//
// Confidentiality is one of the seven principles of the casework
// relationship Felix Biestek set out in The Casework Relationship (Loyola
// University Press, 1957): "the preservation of secret information
// concerning the client which is disclosed in the professional
// relationship". Biestek grounds it in the client's natural right to their
// own secrets and in the trust that makes help possible: a client who fears
// their words will travel does not tell the worker what matters. The
// duty is not absolute (the client may consent to a disclosure; the law may
// require one; others in the agency share the record), which is why this
// module records every read and every disclosure of a note, and why the
// keys live apart from the record: the record may be copied for a backup or
// an audit without copying the power to read it.
//
// Law has since written parts of the principle down:
//
//   - The EU General Data Protection Regulation (Regulation (EU) 2016/679)
//     gives a person the right of access to their data (Art. 15), to have
//     it in a structured, commonly used, machine-readable format (Art. 20,
//     data portability) and to erasure (Art. 17, "the right to be
//     forgotten"), and asks for security appropriate to the risk, naming
//     encryption as a measure (Art. 32). Data concerning health, which a
//     case record often holds, is one of its special categories (Art. 9).
//   - In the United States the HIPAA Security Rule (45 CFR Part 164,
//     Subpart C) treats encryption of health information at rest as an
//     "addressable" safeguard (45 CFR 164.312(a)(2)(iv)) and asks for
//     audit controls that record access (164.312(b)); the Privacy Rule
//     gives individuals a right of access to their record (164.524) and
//     to an accounting of disclosures (164.528).
//
// # What a keyring does
//
// A [Keyring] creates, returns and destroys one 256-bit key per subject.
// Keys come from crypto/rand; a [Key] seals (encrypts and authenticates)
// with AES-256-GCM from the standard library, under a fresh random nonce
// each time, binding each sealed value to associated data (such as the
// stream and field it belongs to) so that a sealed value moved elsewhere
// does not open. There is no cryptography of this module's own.
//
// [Memory] keeps keys in memory, for tests; [File] keeps them in a
// directory of their own, one file of mode 0600 per key. Any other keyring
// (a key-management service, a database table) implements the three
// methods and proves it behaves the same by running the conformance suite
// in package keyringtest.
//
// # Erasure in an append-only record (crypto-shredding)
//
// A record that is never rewritten cannot delete a line. What it can do is
// keep the confidential parts of each line sealed under the subject's key,
// and destroy the key: the sealed bytes stay in the record, but no one,
// the agency included, can read them again. This is called
// crypto-shredding. It is erasure only if no copy of the key survives: a
// backup of the keyring directory taken before the erasure can still open
// the record, so keyring backups must be kept short-lived or erased the
// same way. [File.Destroy] overwrites and removes the key's file and
// records that it did; see [File] for what storage below may still keep.
//
// # One key per person
//
// Whose key seals a record decides what can be erased together. A
// journal made with [NewSealed] names a stream's subject from the
// stream's name: one key per case, say. A person may have several cases
// over the years, and forgetting the person then means finding every one.
// A journal made with [NewSealedAnchored] names the subject from what the
// record says: its [Anchors] read the first entry of a stream (a case's
// opening, which names the client by identifier) and seal the stream, and
// the streams that belong to it, under that person's key. Destroying one
// key then erases everything about the person, in every case, and
// nothing about anyone else. Texts sealed earlier under a stream's own
// key still open; [Sealed.StreamSubjects] lists every key that seals a
// stream, all of which must be destroyed for the stream to be erased.
//
// # Who can read what
//
// Whoever holds the journal alone sees what the record must show to be
// measured and audited: identifiers, phases, roles, kinds of act, times,
// amounts. Whoever holds the journal and the keyring can read everything,
// which is why the keyring belongs to the agency's most trusted system and
// not to every server that runs reports. After a subject's key is
// destroyed, no one can read what was sealed under it.
//
// # What a secret ballot protects against, and what not
//
// A group's secret vote keeps how each member voted from everyone,
// facilitator included: while the vote is open the group shows who has
// voted, never a running count (a count that changes with each vote tells
// whoever watches it how the newest voter chose). It cannot protect a
// member from a vote that is unanimous, or from a group so small that the
// result itself tells, or from members who tell each other.
package keyring
