package relationship

import (
	"fmt"
	"io"
	"iter"
	"reflect"
	"slices"
	"strings"

	"github.com/helpingwork/helping/internal/stats"
)

// Helper roles are the ones that hold a profession's or an agency's
// position in a relationship: worker, supervisor, agency, facilitator. The
// helped roles are client and member. [Compare] uses the split to ask who
// decides and what the professional does.
var (
	HelperRoles = RolesOf(RoleWorker, RoleSupervisor, RoleAgency, RoleFacilitator)
	HelpedRoles = RolesOf(RoleClient, RoleMember)
)

// ActCounts counts the acts recorded in a relationship's record by the
// [ActKind] of each act. The zero ActCounts counts nothing.
type ActCounts struct {
	byKind [FacilitationAct + 1]int // indexed by kind; FacilitationAct is the last
	total  int
}

func (c *ActCounts) add(k ActKind) {
	if k.IsValid() {
		c.byKind[k]++
	}
	c.total++
}

// Of returns the number of acts of kind k.
func (c ActCounts) Of(k ActKind) int {
	if !k.IsValid() {
		return 0
	}
	return c.byKind[k]
}

// Total returns the number of acts of every kind, including acts the rights
// table does not classify.
func (c ActCounts) Total() int { return c.total }

// Kinds yields each kind with a non-zero count, most frequent first, ties in
// kind order.
func (c ActCounts) Kinds() iter.Seq2[ActKind, int] {
	return func(yield func(ActKind, int) bool) {
		kinds := slices.Collect(ActKinds())
		slices.SortStableFunc(kinds, func(a, b ActKind) int { return c.byKind[b] - c.byKind[a] })
		for _, k := range kinds {
			if c.byKind[k] > 0 && !yield(k, c.byKind[k]) {
				return
			}
		}
	}
}

// String returns the counts, most frequent first, such as
// "decision 4, record 3, provision 2", or "none".
func (c ActCounts) String() string {
	var parts []string
	for k, n := range c.Kinds() {
		parts = append(parts, fmt.Sprintf("%s %d", k, n))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// Facts are what [Compare] measures of one relationship: the facts behind
// each row of the contrast table. [FactsOf] gathers them.
type Facts struct {
	Name     string
	Method   Method
	Purposes []Purpose
	// Helped and Helpers count the parties in helped roles (clients,
	// members) and helper roles (workers, supervisors, agencies,
	// facilitators). A role says what a party may do, not what it did: a
	// member may never be helped, and in mutual aid helps others.
	Helped, Helpers int
	// Received counts the parties, in any role, who received help in the
	// ledger, and GaveAndReceived those of them who also gave help: who was
	// helped, and who helped as well as being helped. In a casework case
	// the client receives and gives nothing back; in a mutual-aid group most
	// who receive also give.
	Received, GaveAndReceived int
	// Ledger holds the measures of the help exchanged.
	Ledger Metrics
	// Support counts the exchanges by kind of support.
	Support Flow
	// Acts counts every act in the record by kind; HelperActs and
	// HelpedActs count those of the helper and the helped roles.
	Acts, HelperActs, HelpedActs ActCounts
	// ActConcentration is the concentration index of the acts of power
	// ([ActKind.ExercisesPower]) each party performed, from the record: 0
	// when all exercised power equally often, 1 when one party performed
	// every such act.
	ActConcentration float64
}

// DecisionShare returns the share of the record's decision acts that
// helper roles performed, and false if the record holds no decision.
func (p Facts) DecisionShare() (float64, bool) {
	total := p.Acts.Of(DecisionAct)
	return stats.Ratio(p.HelperActs.Of(DecisionAct), total), total > 0
}

// FactsOf measures one relationship. The record is read once; the
// ledger's measures come from its incremental aggregates. A nil
// relationship (or a nil pointer in one) is a [*FieldError] wrapping
// [ErrNil].
func FactsOf(r Relationship) (Facts, error) {
	if isNil(r) {
		return Facts{}, Nil("relationship")
	}
	p := Facts{Name: r.Name(), Method: r.Method(), Purposes: slices.Collect(r.Purposes())}
	roles := map[PartyID]Role{}
	for party := range r.Parties() {
		roles[party.ID()] = party.Role()
		switch {
		case HelperRoles.Has(party.Role()):
			p.Helpers++
		case HelpedRoles.Has(party.Role()):
			p.Helped++
		}
	}
	ledger := r.Ledger()
	p.Ledger = ledger.Metrics()
	for s := range ledger.Parties() {
		if s.Received.Total() > 0 {
			p.Received++
			if s.Given.Total() > 0 {
				p.GaveAndReceived++
			}
		}
		for k, n := range s.Given.Kinds() {
			p.Support.byKind[k-1] += n
			p.Support.total += n
		}
	}
	rights := r.Rights()
	perParty := map[PartyID]int{}
	for e := range r.Record() {
		k := rights.Kind(e.Act())
		p.Acts.add(k)
		switch role := roles[e.Actor()]; {
		case HelperRoles.Has(role):
			p.HelperActs.add(k)
		case HelpedRoles.Has(role):
			p.HelpedActs.add(k)
		}
		if k.ExercisesPower() {
			perParty[e.Actor()]++
		}
	}
	counts := make([]int, 0, len(roles))
	for id := range roles {
		counts = append(counts, perParty[id])
	}
	p.ActConcentration = stats.Gini(counts)
	return p, nil
}

// Row is one line of the contrast table: a dimension, what each relationship
// shows on it, and the measure the two cells come from.
type Row struct {
	Dimension string
	A, B      string
	Measure   string
}

// Comparison is the contrast table between two relationships, computed from
// their ledgers, records and rights tables rather than written by hand.
type Comparison struct {
	A, B Facts
	Rows []Row
}

// Compare computes the contrast table of casework and group work (or of any
// two relationships) from two live relationships. The table's dimensions
// are those of the historical contrast between the two traditions as they
// began around 1900; modern casework is collaborative, and a case modelled
// that way shows it in the numbers. Each row carries the measure behind it:
//
//   - who is helped: the parties who received help, and how many of them
//     also gave help (from the ledger, whatever their roles);
//   - direction of help: the reciprocity of the ledger, plain and weighted;
//   - power: the concentration of the acts of power actually exercised
//     (decisions, consents, provisions, programme and membership acts, from
//     the record) and of the flow of support (from the ledger);
//   - decisions: the decision acts, and the share taken by helper roles;
//   - medium: provision acts against programme acts, and the most frequent
//     kinds of support;
//   - purpose: the declared purposes;
//   - worker's role: the acts of the helper roles, by kind.
//
// Compare reads each relationship once; it does not change them. A nil
// relationship is a [*FieldError] wrapping [ErrNil].
func Compare(a, b Relationship) (Comparison, error) {
	pa, err := FactsOf(a)
	if err != nil {
		return Comparison{}, err
	}
	pb, err := FactsOf(b)
	if err != nil {
		return Comparison{}, err
	}
	c := Comparison{A: pa, B: pb}
	for _, row := range rowBuilders {
		c.Rows = append(c.Rows, Row{Dimension: row.dimension, A: row.cell(pa), B: row.cell(pb), Measure: row.measure})
	}
	return c, nil
}

var rowBuilders = []struct {
	dimension, measure string
	cell               func(Facts) string
}{
	{"who is helped", "parties who received help; of them, who also gave", func(p Facts) string {
		return fmt.Sprintf("%d received help, %d of them also gave", p.Received, p.GaveAndReceived)
	}},
	{"direction of help", "ledger reciprocity (weighted)", func(p Facts) string {
		return fmt.Sprintf("reciprocity %.2f (%.2f)", p.Ledger.Reciprocity, p.Ledger.WeightedReciprocity)
	}},
	{"power", "Gini of power acts (record), of giving", func(p Facts) string {
		return fmt.Sprintf("power acts %.2f, giving %.2f", p.ActConcentration, p.Ledger.Concentration)
	}},
	{"decisions", "decision acts; share by helper roles", func(p Facts) string {
		share, ok := p.DecisionShare()
		if !ok {
			return "none recorded"
		}
		return fmt.Sprintf("%d, %.0f%% by helpers", p.Acts.Of(DecisionAct), 100*share)
	}},
	{"medium", "provision vs programme acts; top support", func(p Facts) string {
		return fmt.Sprintf("%d provision, %d programme; %s", p.Acts.Of(ProvisionAct), p.Acts.Of(ProgrammeAct), topSupport(p.Support))
	}},
	{"purpose", "declared purposes", func(p Facts) string {
		names := make([]string, len(p.Purposes))
		for i, pu := range p.Purposes {
			names[i] = words(pu.String())
		}
		if len(names) == 0 {
			return "none declared"
		}
		return strings.Join(names, ", ")
	}},
	{"worker's role", "helper roles' acts by kind", func(p Facts) string {
		return firstKinds(p.HelperActs, 3)
	}},
}

// topSupport names the most frequent kind of support and its share.
func topSupport(f Flow) string {
	best, n := SupportKind(0), 0
	for k, c := range f.Kinds() {
		if c > n {
			best, n = k, c
		}
	}
	if n == 0 {
		return "no help recorded"
	}
	return fmt.Sprintf("%s %.0f%%", best, 100*stats.Ratio(n, f.Total()))
}

// firstKinds lists the n most frequent kinds of act.
func firstKinds(c ActCounts, n int) string {
	var parts []string
	for k, count := range c.Kinds() {
		if len(parts) == n {
			break
		}
		parts = append(parts, fmt.Sprintf("%s %d", k, count))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// TextWidth is the widest line [Comparison.WriteText] writes, in columns.
const TextWidth = 100

// WriteText writes the comparison as an aligned plain-text table with a
// header naming the two relationships, no line wider than [TextWidth]
// columns (a cell too wide for its column is wrapped), and below it the
// measure behind each row.
func (c Comparison) WriteText(w io.Writer) error {
	if w == nil {
		return Nil("writer")
	}
	rows := c.table()
	widths := make([]int, 3)
	for _, r := range rows {
		for i, cell := range r[:3] {
			widths[i] = max(widths[i], runeLen(cell))
		}
	}
	// Share what is left after the first column between the other two.
	room := TextWidth - widths[0] - 4
	for widths[1]+widths[2] > room {
		if widths[1] >= widths[2] {
			widths[1]--
		} else {
			widths[2]--
		}
	}
	var b strings.Builder
	for ri, r := range rows {
		cells := [3][]string{wrapText(r[0], widths[0]), wrapText(r[1], widths[1]), wrapText(r[2], widths[2])}
		height := max(len(cells[0]), len(cells[1]), len(cells[2]))
		for line := range height {
			var parts [3]string
			for i := range cells {
				if line < len(cells[i]) {
					parts[i] = cells[i][line]
				}
			}
			row := fmt.Sprintf("%-*s  %-*s  %s", widths[0], parts[0], widths[1], parts[1], parts[2])
			b.WriteString(strings.TrimRight(row, " ") + "\n")
		}
		if ri == 0 {
			b.WriteString(strings.Repeat("-", widths[0]) + "  " + strings.Repeat("-", widths[1]) + "  " +
				strings.Repeat("-", widths[2]) + "\n")
		}
	}
	b.WriteString("\nmeasured by:\n")
	for _, r := range rows[1:] {
		for i, line := range wrapText(r[3], TextWidth-widths[0]-4) {
			dimension := ""
			if i == 0 {
				dimension = r[0]
			}
			b.WriteString(fmt.Sprintf("  %-*s  %s\n", widths[0], dimension, line))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// wrapText breaks text at spaces into lines of at most width runes; a word
// wider than width has a line of its own.
func wrapText(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case runeLen(line)+1+runeLen(word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	return append(lines, line)
}

func runeLen(s string) int { return len([]rune(s)) }

// words returns a text form as plain words: "group-work" is "group work".
func words(token string) string { return strings.ReplaceAll(token, "-", " ") }

// WriteMarkdown writes the comparison as a Markdown table.
func (c Comparison) WriteMarkdown(w io.Writer) error {
	if w == nil {
		return Nil("writer")
	}
	var b strings.Builder
	for ri, r := range c.table() {
		b.WriteString("|")
		for _, cell := range r {
			b.WriteString(" " + strings.ReplaceAll(cell, "|", `\|`) + " |")
		}
		b.WriteByte('\n')
		if ri == 0 {
			b.WriteString(strings.Repeat("|---", len(r)) + "|\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// String returns the comparison as aligned text.
func (c Comparison) String() string {
	var b strings.Builder
	_ = c.WriteText(&b) // a strings.Builder does not fail
	return b.String()
}

// table returns the header and the rows as cells.
func (c Comparison) table() [][]string {
	out := [][]string{{"dimension", label(c.A), label(c.B), "measure"}}
	for _, r := range c.Rows {
		out = append(out, []string{r.Dimension, r.A, r.B, r.Measure})
	}
	return out
}

func label(p Facts) string {
	if p.Name == "" {
		return words(p.Method.String())
	}
	return words(p.Method.String()) + ": " + p.Name
}

// isNil reports whether r is nil, or holds a nil pointer.
func isNil(r Relationship) bool {
	if r == nil {
		return true
	}
	v := reflect.ValueOf(r)
	return v.Kind() == reflect.Pointer && v.IsNil()
}
