package casework

import (
	"errors"
	"fmt"

	"github.com/helpingwork/helping/relationship"
)

// Diagnosis is Richmond's social diagnosis: "the attempt to arrive at as
// exact a definition as possible of the social situation and personality of
// a given client" (Social Diagnosis, 1917). It names the difficulties, what
// causes them, and what the client has to work with (assets) and against
// (liabilities). The difficulties are required; the rest may be empty.
type Diagnosis struct {
	Difficulties []string `json:"difficulties"` // the problems, defined
	Causes       []string `json:"causes"`       // the causal factors
	Assets       []string `json:"assets"`       // what helps: skills, relatives, health
	Liabilities  []string `json:"liabilities"`  // what hinders: debts, illness, isolation
}

func (d Diagnosis) clone() Diagnosis {
	return Diagnosis{cloneStrings(d.Difficulties), cloneStrings(d.Causes), cloneStrings(d.Assets), cloneStrings(d.Liabilities)}
}

func (d Diagnosis) trimmed() Diagnosis {
	return Diagnosis{trimAll(d.Difficulties), trimAll(d.Causes), trimAll(d.Assets), trimAll(d.Liabilities)}
}

// DiagnosisMade records the social diagnosis, or a revision of it.
type DiagnosisMade struct {
	Diagnosis
}

// EventType implements [relationship.Event].
func (DiagnosisMade) EventType() string { return "casework.diagnosis-made.v1" }

// Diagnose states the case's social diagnosis. Only the assigned worker
// diagnoses, during the diagnosis phase; a second diagnosis replaces the
// first, and the record keeps both. At least one difficulty must be named,
// and no entry may be empty; otherwise a [*InputError].
func (c *Case) Diagnose(actor relationship.PartyID, d Diagnosis) error {
	if c == nil {
		return relationship.Nil("case")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.do(actor, DiagnosisMade{d.trimmed()})
}

func (DiagnosisMade) act() relationship.Act { return ActDiagnose }

func (e DiagnosisMade) check() error {
	var errs []error
	if len(e.Difficulties) == 0 {
		errs = append(errs, empty("difficulties"))
	}
	fields := []string{"difficulties", "causes", "assets", "liabilities"}
	for f, xs := range [][]string{e.Difficulties, e.Causes, e.Assets, e.Liabilities} {
		for i, x := range xs {
			errs = append(errs, requireText(fmt.Sprintf("%s[%d]", fields[f], i), x))
		}
	}
	return errors.Join(errs...)
}

func (e DiagnosisMade) validate(t *txn) error { return t.inPhase(ActDiagnose, PhaseDiagnosis) }

func (e DiagnosisMade) apply(t *txn) {
	d := e.Diagnosis.clone()
	t.s.diagnosis = &d
}

// Diagnosis returns the case's current diagnosis, and false if none has
// been made.
func (c *Case) Diagnosis() (Diagnosis, bool) {
	if c == nil {
		return Diagnosis{}, false
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.st.diagnosis == nil {
		return Diagnosis{}, false
	}
	return c.st.diagnosis.clone(), true
}
