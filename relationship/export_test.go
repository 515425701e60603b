package relationship

// SetAppendLimit lowers the size of the appends a Save makes, for a test,
// and returns what restores it.
func SetAppendLimit(n int) (restore func()) {
	old := appendLimit
	appendLimit = n
	return func() { appendLimit = old }
}
