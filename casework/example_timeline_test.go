package casework_test

import (
	"fmt"
	"strings"

	"github.com/helpingwork/helping/casework"
)

// A picture of a case over time: the phases as bars, and a marker for each
// provision and consent. The title names the case, not the client, unless
// the caller asks; the description is what a screen reader says.
func ExampleCase_WriteTimelineSVG() {
	_, c := openCase()
	toTreatment(c)
	coal, err := c.ProposeProvision(agent.ID(), "coal", 2, "heat through January")
	check(err)
	check(c.AuthoriseProvision(agent.ID(), coal))
	check(c.MoveTo(agent.ID(), casework.PhaseEvaluation))

	var b strings.Builder
	check(c.WriteTimelineSVG(&b, nil))
	for _, line := range strings.Split(b.String(), "\n")[2:4] {
		fmt.Println(strings.TrimSpace(line))
	}

	b.Reset()
	check(c.WriteTimelineSVG(&b, &casework.TimelineOptions{ShowClientName: true}))
	fmt.Println(strings.TrimSpace(strings.Split(b.String(), "\n")[2]))
	// Output:
	// <title id="svg-title">The Kowalski family: the case over time</title>
	// <desc id="svg-desc">The Kowalski family, from 7 Jan 1895 to 7 Jan 1895. Phases: intake, study, diagnosis, treatment, evaluation. 1 provision given, 1 consent decision of the client; still open, in evaluation.</desc>
	// <title id="svg-title">The Kowalski family (client: Anna Kowalski): the case over time</title>
}
