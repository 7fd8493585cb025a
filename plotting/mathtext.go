package plotting

import (
	"fmt"
	"strings"
	"unicode"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Mathematical text: the part of a label between two $ signs is set as
// matplotlib's mathtext sets it with its default "dejavusans" font set:
// Latin and lower-case Greek letters in italic, digits, punctuation and
// operators upright, the minus sign as U+2212 with space around binary
// operators, and sub- and superscripts at 70% of the size, raised or
// lowered by matplotlib's font constants (in x-heights).
const (
	shrinkFactor = 0.7
	scriptSpace  = 0.05
	sup1         = 0.7
	sub1         = 0.3
	sub2         = 0.5
	scriptDelta  = 0.025
	deltaSlanted = 0.2
	xHeight      = 0.5469 // DejaVu Sans, in ems
	opSpace      = 0.2    // space around a binary operator or relation, in ems
)

// glyphRun is a piece of text set in one face at one place: x along the
// baseline and y above it, in points from the start of the label.
type glyphRun struct {
	s      string
	italic bool
	size   float64
	x, y   float64
}

// mathLabel is a laid-out label: its runs, advance width, and extent
// above and below the baseline.
type mathLabel struct {
	runs          []glyphRun
	width         float64
	ascent, depth float64
}

// hasMath reports whether s holds a formula between two $ signs.
func hasMath(s string) bool { return strings.Count(s, "$") >= 2 }

// mathNode is one element of a parsed formula.
type mathNode struct {
	text     string      // a symbol, set in one run
	italic   bool        // set in the italic face
	kind     byte        // 0 plain, 'b' binary operator, 'r' relation, 'o' opening, ' ' space
	group    []*mathNode // a {...} group, when text is ""
	sup, sub *mathNode
	space    float64 // width of a space node, in ems
}

// Greek letters and symbols by their TeX names.
var texSymbols = map[string]string{
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
	"zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
	"lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
	"sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ",
	"psi": "ψ", "omega": "ω",
	"Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
	"Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
	"infty": "∞", "partial": "∂", "nabla": "∇", "int": "∫", "sum": "∑", "prod": "∏",
	"prime": "′", "ldots": "…", "dots": "…", "cdots": "⋯",
}

// texOperators are binary operators and relations by their TeX names.
var texOperators = map[string]struct {
	s    string
	kind byte
}{
	"cdot": {"·", 'b'}, "times": {"×", 'b'}, "pm": {"±", 'b'}, "mp": {"∓", 'b'}, "div": {"÷", 'b'},
	"leq": {"≤", 'r'}, "le": {"≤", 'r'}, "geq": {"≥", 'r'}, "ge": {"≥", 'r'}, "neq": {"≠", 'r'},
	"ne": {"≠", 'r'}, "approx": {"≈", 'r'}, "sim": {"∼", 'r'}, "equiv": {"≡", 'r'},
	"to": {"→", 'r'}, "rightarrow": {"→", 'r'}, "leftarrow": {"←", 'r'}, "mapsto": {"↦", 'r'},
	"in": {"∈", 'r'},
}

// texFunctions are set upright, as \sin is.
var texFunctions = map[string]bool{
	"sin": true, "cos": true, "tan": true, "exp": true, "log": true, "ln": true, "lim": true,
	"max": true, "min": true, "det": true, "arctan": true, "sinh": true, "cosh": true, "tanh": true,
}

// texSpaces are TeX's spacing commands, in ems.
var texSpaces = map[string]float64{",": 1.0 / 6, ":": 2.0 / 9, ";": 5.0 / 18, " ": 1.0 / 3, "quad": 1, "qquad": 2, "!": -1.0 / 6}

// mathParser reads one formula.
type mathParser struct {
	src []rune
	pos int
}

func (p *mathParser) errorf(format string, args ...any) error {
	return fmt.Errorf("formula $%s$: %s", string(p.src), fmt.Sprintf(format, args...))
}

// parseMath parses a formula (without its $ signs).
func parseMath(s string) ([]*mathNode, error) {
	p := &mathParser{src: []rune(s)}
	nodes, err := p.list(false)
	if err != nil {
		return nil, err
	}
	return nodes, nil
}

// list parses nodes up to the end, or up to a closing brace when inGroup.
func (p *mathParser) list(inGroup bool) ([]*mathNode, error) {
	var nodes []*mathNode
	for p.pos < len(p.src) {
		r := p.src[p.pos]
		switch r {
		case '}':
			if !inGroup {
				return nil, p.errorf("unmatched }")
			}
			p.pos++
			return nodes, nil
		case '^', '_':
			p.pos++
			if len(nodes) == 0 {
				nodes = append(nodes, &mathNode{})
			}
			last := nodes[len(nodes)-1]
			arg, err := p.atom()
			if err != nil {
				return nil, err
			}
			if arg == nil {
				return nil, p.errorf("%c needs an argument", r)
			}
			if r == '^' {
				if last.sup != nil {
					return nil, p.errorf("double superscript")
				}
				last.sup = arg
			} else {
				if last.sub != nil {
					return nil, p.errorf("double subscript")
				}
				last.sub = arg
			}
		default:
			n, err := p.atom()
			if err != nil {
				return nil, err
			}
			if n != nil {
				nodes = append(nodes, n)
			}
		}
	}
	if inGroup {
		return nil, p.errorf("missing }")
	}
	return nodes, nil
}

// atom parses one symbol, command or group; it returns nil for a space
// character, which mathtext ignores.
func (p *mathParser) atom() (*mathNode, error) {
	for p.pos < len(p.src) && p.src[p.pos] == ' ' {
		p.pos++
	}
	if p.pos >= len(p.src) {
		return nil, nil
	}
	r := p.src[p.pos]
	p.pos++
	switch {
	case r == '{':
		g, err := p.list(true)
		if err != nil {
			return nil, err
		}
		return &mathNode{group: g}, nil
	case r == '}':
		return nil, p.errorf("unmatched }")
	case r == '\\':
		return p.command()
	case r == '-' || r == '+' || r == '*' || r == '/':
		m := map[rune]string{'-': "−", '+': "+", '*': "∗", '/': "/"}[r]
		kind := byte('b')
		if r == '/' {
			kind = 0
		}
		return &mathNode{text: m, kind: kind}, nil
	case r == '=' || r == '<' || r == '>':
		return &mathNode{text: string(r), kind: 'r'}, nil
	case r == '(' || r == '[':
		return &mathNode{text: string(r), kind: 'o'}, nil
	case r == '\'':
		return &mathNode{text: "′"}, nil
	case unicode.IsLetter(r) && r < 0x370, unicode.Is(unicode.Greek, r) && unicode.IsLower(r):
		return &mathNode{text: string(r), italic: true}, nil
	}
	return &mathNode{text: string(r)}, nil
}

// command parses what follows a backslash.
func (p *mathParser) command() (*mathNode, error) {
	start := p.pos
	for p.pos < len(p.src) && unicode.IsLetter(p.src[p.pos]) {
		p.pos++
	}
	if p.pos == start && p.pos < len(p.src) {
		p.pos++ // a one-character command such as \, or \{
	}
	name := string(p.src[start:p.pos])
	if w, ok := texSpaces[name]; ok {
		return &mathNode{kind: ' ', space: w}, nil
	}
	if s, ok := texSymbols[name]; ok {
		r := []rune(s)[0]
		return &mathNode{text: s, italic: unicode.Is(unicode.Greek, r) && unicode.IsLower(r)}, nil
	}
	if op, ok := texOperators[name]; ok {
		return &mathNode{text: op.s, kind: op.kind}, nil
	}
	if texFunctions[name] {
		return &mathNode{text: name}, nil
	}
	switch name {
	case "{", "}", "$", "%", "_", "#":
		return &mathNode{text: name}, nil
	case "mathrm", "text", "mathdefault":
		g, err := p.atom()
		if err != nil {
			return nil, err
		}
		if g == nil {
			return nil, p.errorf(`\%s needs an argument`, name)
		}
		upright(g)
		return g, nil
	case "left", "right":
		return p.atom()
	}
	if name == "" {
		return nil, p.errorf(`lone \ at the end`)
	}
	return nil, p.errorf(`unknown command \%s`, name)
}

// upright sets every symbol of n in the upright face.
func upright(n *mathNode) {
	n.italic = false
	for _, c := range n.group {
		upright(c)
	}
}

// mathFace returns the DejaVu Sans face of the given size, upright or
// oblique.
func mathFace(italic bool, size float64) font.Face {
	f := font.Font{Typeface: "DejaVu", Variant: "Sans", Size: vg.Points(size)}
	if italic {
		f.Style = xfont.StyleItalic
	}
	return fonts.Lookup(f, f.Size)
}

// mathWidth is the advance width of s in points.
func mathWidth(s string, italic bool, size float64) float64 {
	f := mathFace(italic, size)
	return float64(f.Width(s))
}

// layoutLabel sets a label holding formulas between $ signs: the text
// outside them in the upright face, as matplotlib does.
func layoutLabel(s string, size float64) (mathLabel, error) {
	parts := strings.Split(s, "$")
	if len(parts)%2 == 0 {
		return mathLabel{}, fmt.Errorf("label %q has an odd number of $ signs", s)
	}
	var l mathLabel
	var x float64
	for i, part := range parts {
		if part == "" {
			continue
		}
		if i%2 == 0 {
			l.runs = append(l.runs, glyphRun{s: part, size: size, x: x})
			x += mathWidth(part, false, size)
			continue
		}
		nodes, err := parseMath(part)
		if err != nil {
			return mathLabel{}, err
		}
		lay := &mathLayout{label: &l}
		x = lay.list(nodes, x, 0, size)
	}
	l.width = x
	// As matplotlib: the box of "lp", or the formula's ink with the
	// margin mathtext leaves around it (two pixels at 192 dpi) if larger.
	var top, bottom float64
	for _, r := range l.runs {
		t, b := inkExtent(r.s, r.italic, r.size)
		top, bottom = max(top, r.y+t), max(bottom, b-r.y)
	}
	// matplotlib takes the larger height and the larger depth, and puts
	// the baseline the depth above the bottom.
	h := max((lAscent+pDescent)*size, top+bottom+2*mathMargin)
	l.depth = max(pDescent*size, bottom+mathMargin)
	l.ascent = h - l.depth
	return l, nil
}

// mathMargin is the room mathtext leaves above and below a formula's ink,
// in points.
const mathMargin = 0.75

// lastRune returns the last character of s.
func lastRune(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return ""
	}
	return string(r[len(r)-1])
}

// inkExtent returns how far the glyphs of s rise above and fall below
// the baseline, in points.
func inkExtent(s string, italic bool, size float64) (top, bottom float64) {
	f := mathFace(italic, size)
	var buf sfnt.Buffer
	upem := f.Face.UnitsPerEm()
	for _, r := range s {
		i, err := f.Face.GlyphIndex(&buf, r)
		if err != nil {
			continue
		}
		b, _, err := f.Face.GlyphBounds(&buf, i, fixed.Int26_6(upem), xfont.HintingNone)
		if err != nil {
			continue
		}
		top = max(top, -float64(b.Min.Y)/float64(upem)*size)
		bottom = max(bottom, float64(b.Max.Y)/float64(upem)*size)
	}
	return top, bottom
}

// mathLayout places the runs of one formula.
type mathLayout struct {
	label *mathLabel
}

// list sets nodes from x on the baseline raised by y, at size, and
// returns the x after them.
func (m *mathLayout) list(nodes []*mathNode, x, y, size float64) float64 {
	for i, n := range nodes {
		if n.kind == 'b' || n.kind == 'r' {
			// A binary operator at the start or after an operator or
			// an opening bracket is unary: no space, as in mathtext.
			spaced := n.kind == 'r' || (i > 0 && nodes[i-1].kind != 'b' && nodes[i-1].kind != 'r' && nodes[i-1].kind != 'o')
			if spaced {
				x += opSpace * size
				x = m.node(n, x, y, size)
				x += opSpace * size
				continue
			}
		}
		x = m.node(n, x, y, size)
	}
	return x
}

// node sets one node with its scripts.
func (m *mathLayout) node(n *mathNode, x, y, size float64) float64 {
	switch {
	case n.kind == ' ':
		x += n.space * size
	case n.group != nil:
		x = m.list(n.group, x, y, size)
	case n.text != "":
		m.label.runs = append(m.label.runs, glyphRun{s: n.text, italic: n.italic, size: size, x: x, y: y})
		x += mathWidth(n.text, n.italic, size)
	}
	if n.sup == nil && n.sub == nil {
		return x
	}
	xh := xHeight * size
	slanted := n.italic && n.group == nil
	superkern, subkern := scriptDelta*xh, scriptDelta*xh
	if slanted {
		// mathtext's kerning for a slanted nucleus: the superscript moves
		// right by the slant at the letter's height, the subscript not.
		top, _ := inkExtent(lastRune(n.text), true, size)
		superkern += scriptDelta*xh + deltaSlanted*(top-xh*2/3)
		subkern = 0
	}
	small := size * shrinkFactor
	end := x
	if n.sup != nil {
		end = max(end, m.node(n.sup, x+superkern, y+sup1*xh, small))
	}
	if n.sub != nil {
		down := sub1 * xh
		if n.sup != nil {
			down = sub2 * xh
		}
		end = max(end, m.node(n.sub, x+subkern, y-down, small))
	}
	return end + scriptSpace*xh
}
