package svg

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func renderDOT(t *testing.T, s Sociogram) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, s.WriteDOT(&buf))
	return buf.String()
}

func TestDOTGolden(t *testing.T) {
	golden(t, "sociogram-8.dot", []byte(renderDOT(t, sampleSociogram(8))))
}

// dotToken is one token of DOT text: a quoted string (unquoted and
// unescaped), an identifier or number, or a punctuation mark.
type dotToken struct {
	quoted bool
	text   string
}

// lexDOT splits DOT text into tokens, failing on an unterminated string.
func lexDOT(t *testing.T, src string) []dotToken {
	t.Helper()
	var toks []dotToken
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case c == '"':
			var b strings.Builder
			i++
			for ; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' && i+1 < len(src) {
					i++
					switch src[i] {
					case 'n':
						b.WriteByte('\n')
					default:
						b.WriteByte(src[i])
					}
					continue
				}
				b.WriteByte(src[i])
			}
			require.Less(t, i, len(src), "unterminated string")
			i++
			toks = append(toks, dotToken{true, b.String()})
		case c == '-' && strings.HasPrefix(src[i:], "->"):
			toks = append(toks, dotToken{false, "->"})
			i += 2
		case strings.ContainsRune("{}[];,=", rune(c)):
			toks = append(toks, dotToken{false, string(c)})
			i++
		default:
			j := i
			for j < len(src) && !strings.ContainsRune(" \t\n\"{}[];,=", rune(src[j])) {
				j++
			}
			toks = append(toks, dotToken{false, src[i:j]})
			i = j
		}
	}
	return toks
}

// checkDOT asserts the structure of a digraph: balanced braces and brackets
// outside strings, and every node used by an edge declared before it.
func checkDOT(t *testing.T, src string) (declared map[string]string) {
	t.Helper()
	require.True(t, utf8.ValidString(src))
	toks := lexDOT(t, src)
	require.GreaterOrEqual(t, len(toks), 4)
	assert.Equal(t, "digraph", toks[0].text)
	depth, brackets := 0, 0
	declared = map[string]string{}
	for i, tok := range toks {
		if tok.quoted {
			continue
		}
		switch tok.text {
		case "{":
			depth++
		case "}":
			depth--
			require.GreaterOrEqual(t, depth, 0, "unbalanced braces")
		case "[":
			brackets++
		case "]":
			brackets--
		case "->":
			require.True(t, toks[i-1].quoted && toks[i+1].quoted, "edge ends are quoted")
			assert.Contains(t, declared, toks[i-1].text, "giver declared")
			assert.Contains(t, declared, toks[i+1].text, "receiver declared")
		}
		if tok.text == ";" && i+3 < len(toks) && toks[i+1].quoted && toks[i+2].text == "[" {
			declared[toks[i+1].text] = labelOf(toks[i+2:])
		}
	}
	assert.Zero(t, depth, "balanced braces")
	assert.Zero(t, brackets, "balanced brackets")
	assert.Equal(t, "}", toks[len(toks)-1].text)
	return declared
}

// labelOf returns the label attribute of an attribute list.
func labelOf(toks []dotToken) string {
	for i := 0; i+2 < len(toks) && toks[i].text != "]"; i++ {
		if !toks[i].quoted && toks[i].text == "label" && toks[i+1].text == "=" {
			return toks[i+2].text
		}
	}
	return ""
}

func TestDOTStructure(t *testing.T) {
	tests := []struct {
		name string
		s    Sociogram
	}{
		{"sample of 40", sampleSociogram(40)},
		{"awkward names", Sociogram{Title: `Quotes "and" \back\slashes`, Nodes: []Node{
			{ID: `a"b`, Label: `Fay "Red" O'Neil`},
			{ID: `c\`, Label: `back\slash \N`},
			{ID: "李", Label: "李小龍", Kind: Facilitator},
			{ID: "two\nlines", Label: "Zoë\nMüller", Former: true},
		}, Edges: []Edge{
			{From: `a"b`, To: `c\`, Weight: 2},
			{From: `c\`, To: `a"b`, Weight: 1},
			{From: "李", To: "two\nlines", Weight: 3},
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := renderDOT(t, tt.s)
			declared := checkDOT(t, src)
			assert.Len(t, declared, len(tt.s.Nodes))
			for _, n := range tt.s.Nodes {
				assert.Equal(t, nodeLabel(n), declared[n.ID], "node %q is declared with its label", n.ID)
			}
		})
	}
}

func TestDOTStyles(t *testing.T) {
	src := renderDOT(t, sampleSociogram(8))
	assert.Contains(t, src, `"p00" [label="Jane Addams", tooltip="Jane Addams (facilitator): gave 13, received 0", shape="box", penwidth=3, style="rounded,filled", fillcolor="#E69F00"];`)
	assert.Contains(t, src, `style="filled,dashed"`, "a former member is dashed")
	assert.Contains(t, src, `penwidth=7, color="#D55E00", style="dashed"`, "the heaviest one-way tie")
	assert.Contains(t, src, `color="#0072B2", style="solid"`, "mutual ties are solid blue")
}

// TestDOTGraphviz feeds the output to Graphviz when it is installed.
func TestDOTGraphviz(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("Graphviz is not installed")
	}
	for _, n := range []int{2, 8, 40} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			cmd := exec.Command(dot, "-Tsvg")
			cmd.Stdin = strings.NewReader(renderDOT(t, sampleSociogram(n)))
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, string(out))
			assert.NotContains(t, string(out), "Warning")
		})
	}
}
