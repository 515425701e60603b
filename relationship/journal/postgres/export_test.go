package postgres

// SetBeforeCommit makes every append of a journal opened with o call f
// inside its transaction, just before it commits.
func SetBeforeCommit(o *Options, f func(first, last uint64)) { o.beforeCommit = f }
