package notebook

import "strings"

// splitLines splits s after each line boundary, keeping the boundaries, as
// Python's str.splitlines(True) does (nbformat writes with it): "\n", "\r",
// "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", U+0085, U+2028 and U+2029.
// An empty string gives an empty (non-nil) slice.
func splitLines(s string) []any {
	lines := []any{}
	start := 0
	for i, r := range s {
		if i < start {
			continue // the "\n" of a "\r\n" already taken
		}
		end := -1
		switch r {
		case '\r':
			end = i + 1
			if strings.HasPrefix(s[i+1:], "\n") {
				end = i + 2
			}
		case '\n', '\v', '\f', '\x1c', '\x1d', '\x1e':
			end = i + 1
		case '\u0085', '\u2028', '\u2029':
			end = i + len(string(r))
		}
		if end >= 0 {
			lines = append(lines, s[start:end])
			start = end
		}
	}
	if start < len(s) {
		lines = append(lines, s[start:])
	}
	return lines
}

// joinLines returns v as one string when it is a string or an array of
// strings, the two forms nbformat allows for multi-line text.
func joinLines(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case []any:
		var b strings.Builder
		for _, l := range v {
			s, ok := l.(string)
			if !ok {
				return "", false
			}
			b.WriteString(s)
		}
		return b.String(), true
	}
	return "", false
}

// applyControl applies backspaces and carriage returns to stream text the
// way nbclient's coalesce_streams does: a backspace erases the character
// before it on the same line, and a carriage return followed by more text
// on the same line erases what came before it on that line.
func applyControl(s string) string {
	if !strings.ContainsAny(s, "\r\b") {
		return s
	}
	for {
		t := eraseBackspaces(s)
		if len(t) == len(s) {
			break
		}
		s = t
	}
	segs := strings.Split(s, "\n")
	for i, seg := range segs {
		// The last "\r" followed by another character on the line.
		if j := strings.LastIndex(seg[:max(len(seg)-1, 0)], "\r"); j >= 0 {
			segs[i] = seg[j+1:]
		}
	}
	return strings.Join(segs, "\n")
}

// eraseBackspaces removes every non-overlapping pair of a character other
// than "\n" followed by "\b", scanning left to right as re.sub does.
func eraseBackspaces(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if i+1 < len(rs) && rs[i] != '\n' && rs[i+1] == '\b' {
			i++
			continue
		}
		b.WriteRune(rs[i])
	}
	return b.String()
}
