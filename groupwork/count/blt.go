package count

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// MaxBLTWeight is the largest weight of a ballot line that [ReadBLT]
// accepts: a bound that keeps a mistaken weight from asking for the memory
// of billions of ballots when the file is expanded ([Election.Ballots]).
const MaxBLTWeight = 1 << 24

// ErrBLT means a ballot file that does not follow the BLT format as this
// package reads it, or an [Election] that cannot be written as one.
var ErrBLT = errors.New("count: malformed ballot file")

// BLTError reports where and why a ballot file could not be read or
// written. It unwraps to [ErrBLT]. To keep ballots private, it names the
// line and the field, never the rest of a ballot.
type BLTError struct {
	// Line is the 1-based line of the file, or 0 for an [Election] that
	// [WriteBLT] refused before writing anything.
	Line int
	// Reason says what is wrong, in plain words.
	Reason string
}

func (e *BLTError) Error() string {
	if e.Line == 0 {
		return "count: cannot write ballot file: " + e.Reason
	}
	return fmt.Sprintf("count: ballot file line %d: %s", e.Line, e.Reason)
}

// Unwrap returns [ErrBLT].
func (e *BLTError) Unwrap() error { return ErrBLT }

// Election is what a ballot file holds: the candidates, the seats, the
// withdrawn candidates and the ballots, with candidates numbered from 0
// as the counts of this package number options.
type Election struct {
	// Title names the election.
	Title string
	// Names are the candidates' names; candidate i is option i.
	Names []string
	// Seats is the number of seats to fill.
	Seats int
	// Withdrawn lists, ascending, the candidates withdrawn before the
	// count; nil when none were.
	Withdrawn []int
	// Lines are the ballot lines, in the file's order.
	Lines []BallotLine
}

// BallotLine is one line of ballots: Weight voters who ranked the same
// candidates in the same order. An empty Ranking (nil) is a blank ballot.
type BallotLine struct {
	Weight  int
	Ranking []int
}

// Ballots returns the ballots of the election as the counts of this
// package take them, a ballot per voter: each line's ranking repeated
// Weight times. The repeats share the line's ranking, so the cost is one
// slice header (24 bytes) a voter, not a copy of each ballot.
func (e *Election) Ballots() [][]int {
	total := 0
	for _, l := range e.Lines {
		total += l.Weight
	}
	out := make([][]int, 0, total)
	for _, l := range e.Lines {
		for range l.Weight {
			out = append(out, l.Ranking)
		}
	}
	return out
}

// ReadBLT reads a ballot file in BLT, the plain-text format that counting
// programs exchange: David Hill's format for the Electoral Reform
// Society's counts, read and written by OpenSTV, Droop, OpaVote and
// votelib. A file looks like this:
//
//	4 2
//	-4
//	3 1 3 0
//	1 2 - 1 0
//	2 3 1=2 0
//	0
//	"Ann"
//	"Bo"
//	"Cy"
//	"Di"
//	"Committee election"
//
// The first line gives the number of candidates and of seats. An optional
// line of negative numbers lists withdrawn candidates. Each ballot line is
// a weight (how many voters cast that ballot), the candidates ranked, by
// 1-based number, most preferred first, and a closing 0; a line holding 0
// alone ends the ballots. Then come the candidates' names, one quoted name
// a line, and the quoted title of the election. Blank lines and lines that
// begin with '#' are comments.
//
// The field's files disagree on a few marks; [ReadBLT] reads them the way
// the jurisdictions that publish such files count them (San Francisco and
// the Alameda County cities, Burlington):
//
//   - A skipped rank ("-") is passed over: the ballot moves on to its next
//     marked rank.
//   - An overvote ("2=3", several candidates marked at one rank; some
//     files write marks such as "-=-" or "2=-" too) ends the ballot: the
//     ranks before it count, nothing from it on does.
//   - A candidate ranked again is counted once, at its first rank; the
//     later marks are passed over.
//   - A withdrawn candidate is passed over wherever it is ranked; it stays
//     an option that no ballot ranks.
//   - A weight must be a whole number from 1 to [MaxBLTWeight]; a weight
//     of 3 stands for three voters who cast the same ballot.
//   - Seats must be 1 to the number of candidates, and the number of
//     candidates 1 to [MaxOptions].
//
// Errors are a [*BLTError] giving the line, or the reader's own error.
//
// [WriteBLT] writes only what the reader reads back as written: one
// ballot per line, ranks without skips, overvotes or repeats, no comments,
// so that writing, reading and writing again gives the same bytes.
func ReadBLT(r io.Reader) (*Election, error) {
	p := &bltReader{sc: bufio.NewScanner(r)}
	p.sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	e, err := p.read()
	if err != nil {
		return nil, err
	}
	return e, nil
}

type bltReader struct {
	sc   *bufio.Scanner
	line int
}

func (p *bltReader) fail(format string, args ...any) error {
	return &BLTError{Line: p.line, Reason: fmt.Sprintf(format, args...)}
}

// next returns the next line that is not blank or a comment.
func (p *bltReader) next(want string) (string, error) {
	for p.sc.Scan() {
		p.line++
		s := strings.TrimSpace(p.sc.Text())
		if s != "" && !strings.HasPrefix(s, "#") {
			return s, nil
		}
	}
	if err := p.scanErr(); err != nil {
		return "", err
	}
	p.line++
	return "", p.fail("the file ends where %s should be", want)
}

// scanErr returns the scanner's error: a [*BLTError] for a line too long
// to read, the reader's own error otherwise.
func (p *bltReader) scanErr() error {
	err := p.sc.Err()
	if errors.Is(err, bufio.ErrTooLong) {
		p.line++
		return p.fail("a line longer than 1 MiB")
	}
	return err
}

func (p *bltReader) read() (*Election, error) {
	e := &Election{}
	n, err := p.header(e)
	if err != nil {
		return nil, err
	}
	s, err := p.next("a ballot line or 0")
	if err != nil {
		return nil, err
	}
	if strings.HasPrefix(s, "-") {
		if e.Withdrawn, err = p.withdrawn(s, n); err != nil {
			return nil, err
		}
		if s, err = p.next("a ballot line or 0"); err != nil {
			return nil, err
		}
	}
	for s != "0" {
		l, err := p.ballot(s, n, e.Withdrawn)
		if err != nil {
			return nil, err
		}
		e.Lines = append(e.Lines, l)
		if s, err = p.next("a ballot line or 0"); err != nil {
			return nil, err
		}
	}
	for i := range n + 1 {
		what := fmt.Sprintf("the name of candidate %d", i+1)
		if i == n {
			what = "the title"
		}
		s, err := p.next(what)
		if err != nil {
			return nil, err
		}
		if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' || strings.Contains(s[1:len(s)-1], `"`) {
			return nil, p.fail("want %s in double quotes", what)
		}
		e.Names = append(e.Names, s[1:len(s)-1])
	}
	e.Title, e.Names = e.Names[n], e.Names[:n]
	for p.sc.Scan() {
		p.line++
		if s := strings.TrimSpace(p.sc.Text()); s != "" && !strings.HasPrefix(s, "#") {
			return nil, p.fail("text after the title")
		}
	}
	if err := p.scanErr(); err != nil {
		return nil, err
	}
	return e, nil
}

// header reads "candidates seats".
func (p *bltReader) header(e *Election) (int, error) {
	s, err := p.next("the header")
	if err != nil {
		return 0, err
	}
	f := strings.Fields(s)
	if len(f) != 2 {
		return 0, p.fail("the header must give the number of candidates and of seats")
	}
	n, err1 := strconv.Atoi(f[0])
	seats, err2 := strconv.Atoi(f[1])
	switch {
	case err1 != nil || n < 1 || n > MaxOptions:
		return 0, p.fail("the number of candidates must be 1..%d", MaxOptions)
	case err2 != nil || seats < 1 || seats > n:
		return 0, p.fail("the number of seats must be 1..%d", n)
	}
	e.Seats = seats
	return n, nil
}

// withdrawn reads a line of negative candidate numbers.
func (p *bltReader) withdrawn(s string, n int) ([]int, error) {
	var out []int
	for i, f := range strings.Fields(s) {
		c, err := strconv.Atoi(f)
		if err != nil || c > -1 || c < -n {
			return nil, p.fail("field %d: a withdrawn candidate must be -1..-%d", i+1, n)
		}
		if slices.Contains(out, -c-1) {
			return nil, p.fail("field %d: candidate %d withdrawn twice", i+1, -c)
		}
		out = append(out, -c-1)
	}
	slices.Sort(out)
	return out, nil
}

// ballot reads "weight rank rank ... 0".
func (p *bltReader) ballot(s string, n int, withdrawn []int) (BallotLine, error) {
	f := strings.Fields(s)
	if len(f) < 2 || f[len(f)-1] != "0" {
		return BallotLine{}, p.fail("a ballot line must end in 0")
	}
	w, err := strconv.Atoi(f[0])
	if err != nil || w < 1 || w > MaxBLTWeight {
		return BallotLine{}, p.fail("field 1: the weight must be a whole number 1..%d", MaxBLTWeight)
	}
	l := BallotLine{Weight: w}
	cut := false
	for i, mark := range f[1 : len(f)-1] {
		if mark == "-" {
			continue
		}
		for c := range strings.SplitSeq(mark, "=") {
			k, err := strconv.Atoi(c)
			if (c != "-" || mark == "-") && (err != nil || k < 1 || k > n) {
				return BallotLine{}, p.fail("field %d: a rank must be a candidate 1..%d, '-' or candidates joined by '='", i+2, n)
			}
		}
		switch k, _ := strconv.Atoi(mark); {
		case cut:
		case strings.Contains(mark, "="):
			cut = true
		case slices.Contains(withdrawn, k-1), slices.Contains(l.Ranking, k-1):
		default:
			l.Ranking = append(l.Ranking, k-1)
		}
	}
	return l, nil
}

// WriteBLT writes the election as a ballot file that [ReadBLT] reads back
// as e. It checks e first and writes nothing when it cannot be written: a
// [*BLTError] (Line 0) for a name or title the format cannot hold (one
// with a double quote or a line break), seats or withdrawn
// candidates out of range, a weight out of 1..[MaxBLTWeight], or a ballot
// that ranks a withdrawn candidate, a candidate out of range or one twice.
// Otherwise the error is the writer's.
func WriteBLT(w io.Writer, e *Election) error {
	if err := e.checkBLT(); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%d %d\n", len(e.Names), e.Seats)
	if len(e.Withdrawn) > 0 {
		for i, c := range e.Withdrawn {
			if i > 0 {
				bw.WriteByte(' ')
			}
			bw.WriteString(strconv.Itoa(-c - 1))
		}
		bw.WriteByte('\n')
	}
	for _, l := range e.Lines {
		bw.WriteString(strconv.Itoa(l.Weight))
		for _, c := range l.Ranking {
			bw.WriteByte(' ')
			bw.WriteString(strconv.Itoa(c + 1))
		}
		bw.WriteString(" 0\n")
	}
	bw.WriteString("0\n")
	for _, s := range append(slices.Clip(e.Names), e.Title) {
		fmt.Fprintf(bw, "\"%s\"\n", s)
	}
	return bw.Flush()
}

func (e *Election) checkBLT() error {
	bad := func(format string, args ...any) error {
		return &BLTError{Reason: fmt.Sprintf(format, args...)}
	}
	if e == nil {
		return bad("no election")
	}
	n := len(e.Names)
	if n < 1 || n > MaxOptions {
		return bad("%d candidates, want 1..%d", n, MaxOptions)
	}
	if e.Seats < 1 || e.Seats > n {
		return bad("%d seats, want 1..%d", e.Seats, n)
	}
	for i, s := range append(slices.Clip(e.Names), e.Title) {
		if strings.ContainsAny(s, "\"\r\n") {
			if i == n {
				return bad("the title holds a double quote or a line break")
			}
			return bad("the name of candidate %d holds a double quote or a line break", i+1)
		}
	}
	if !slices.IsSorted(e.Withdrawn) {
		return bad("withdrawn candidates are not in ascending order")
	}
	if err := CheckBallot(PriorityList, e.Withdrawn, n); err != nil {
		return bad("withdrawn candidates: %v", err)
	}
	for i, l := range e.Lines {
		if l.Weight < 1 || l.Weight > MaxBLTWeight {
			return bad("ballot line %d: weight %d, want 1..%d", i+1, l.Weight, MaxBLTWeight)
		}
		if err := CheckBallot(i, l.Ranking, n); err != nil {
			return bad("ballot line %d: %v", i+1, err)
		}
		for _, c := range l.Ranking {
			if slices.Contains(e.Withdrawn, c) {
				return bad("ballot line %d ranks withdrawn candidate %d", i+1, c+1)
			}
		}
	}
	return nil
}
