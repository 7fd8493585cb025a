package interp

import (
	"go/scanner"
	"go/token"
	"strings"

	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/interp/internal/cells"
)

var _ engine.CompletenessChecker = (*Interpreter)(nil)

// indentUnit is the indent added per open bracket of an incomplete cell.
const indentUnit = "    "

// IsComplete tells whether code is ready to run, from Go's own scanner
// and parser: incomplete while a bracket, a string or a comment is open
// or the code stops where more must follow (after an operator or a
// comma); invalid when it cannot parse whatever follows; complete
// otherwise. For incomplete code it returns the indent of the next line:
// four spaces per open bracket.
func (in *Interpreter) IsComplete(code string) (status, indent string) {
	defer func() {
		if recover() != nil {
			status, indent = engine.Unknown, ""
		}
	}()
	if strings.TrimSpace(code) == "" {
		return engine.Complete, ""
	}
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(code))
	var s scanner.Scanner
	open := false // an unterminated string or comment
	s.Init(file, []byte(code), func(_ token.Position, msg string) {
		// A raw string or a comment may span lines; a "..." string or a
		// rune literal may not.
		if strings.Contains(msg, "raw string literal not terminated") || strings.Contains(msg, "comment not terminated") {
			open = true
		}
	}, 0)
	var stack []token.Token
	for {
		_, tok, _ := s.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.LPAREN, token.LBRACE, token.LBRACK:
			stack = append(stack, tok)
		case token.RPAREN, token.RBRACE, token.RBRACK:
			if len(stack) == 0 || !matches(stack[len(stack)-1], tok) {
				return engine.Invalid, ""
			}
			stack = stack[:len(stack)-1]
		}
	}
	if open {
		return engine.Incomplete, ""
	}
	if len(stack) > 0 {
		return engine.Incomplete, strings.Repeat(indentUnit, len(stack))
	}
	if _, err := cells.ParseItems(token.NewFileSet(), cells.CellItems(code, 1), cells.CellContext{Symbols: packages()}); err != nil {
		if perr, ok := err.(cells.ParseErrors); ok && len(perr) > 0 && (strings.Contains(perr[0].Msg, "EOF") || pastEnd(code, perr[0].Pos)) {
			return engine.Incomplete, ""
		}
		return engine.Invalid, ""
	}
	return engine.Complete, ""
}

func matches(open, close token.Token) bool {
	return open == token.LPAREN && close == token.RPAREN || open == token.LBRACE && close == token.RBRACE ||
		open == token.LBRACK && close == token.RBRACK
}

// pastEnd tells whether an error position lies after the cell's last
// token, that is, in the wrapper the parser saw around the cell.
func pastEnd(code string, p token.Position) bool {
	_, line := cells.DecodeLine(p.Line)
	lines := strings.Split(strings.TrimRight(code, " \t\r\n"), "\n")
	return line > len(lines) || line == len(lines) && p.Column > len(lines[len(lines)-1])
}
