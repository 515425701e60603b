// Package restarttest holds the test that a whole agency comes back after
// its program restarts: a process writes an agency, its cases and a
// settlement house's groups to a file journal and ends; a new process,
// given only the journal and their identifiers, loads them and finds
// everything as it was. The package has no code of its own: it is where a
// test that needs both casework and groupwork lives, since neither of
// those packages imports the other.
package restarttest
