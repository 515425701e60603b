package helping_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLicense checks that the module carries the BSD-3-Clause licence in the
// form licence detectors (pkgsite's among them) recognise: the copyright line,
// the three conditions and the disclaimer, and that the README names it.
func TestLicense(t *testing.T) {
	b, err := os.ReadFile("LICENSE")
	require.NoError(t, err, "the module must carry a LICENSE file")
	text := strings.Join(strings.Fields(string(b)), " ")
	assert.True(t, strings.HasPrefix(text, "Copyright 2026 The helping Authors."), "copyright line")
	for _, clause := range []string{
		"Redistribution and use in source and binary forms, with or without modification, are permitted provided that the following conditions are met:",
		"1. Redistributions of source code must retain the above copyright notice, this list of conditions and the following disclaimer.",
		"2. Redistributions in binary form must reproduce the above copyright notice, this list of conditions and the following disclaimer in the documentation and/or other materials provided with the distribution.",
		"3. Neither the name of the copyright holder nor the names of its contributors may be used to endorse or promote products derived from this software without specific prior written permission.",
		`THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"`,
		"EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.",
	} {
		assert.Contains(t, text, clause)
	}

	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	assert.Contains(t, string(readme), "BSD-3-Clause")
	assert.Contains(t, string(readme), "(LICENSE)", "the README links the licence")
}
