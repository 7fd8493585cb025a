package notebook

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Notebook is an nbformat 4 notebook.
type Notebook struct {
	Metadata map[string]any // notebook metadata: kernelspec, language_info, ...
	Minor    int            // nbformat_minor
	Cells    []*Cell
	Extra    map[string]any // other top-level fields, kept as read
}

// Cell is one notebook cell.
type Cell struct {
	ID       string // empty when the notebook predates cell ids (nbformat_minor < 5)
	Type     string // "code", "markdown" or "raw"
	Source   string
	Metadata map[string]any
	// ExecutionCount is the code cell's prompt number; 0 is written as null.
	ExecutionCount int
	Outputs        []Output       // code cells only
	Extra          map[string]any // attachments and any other fields, kept as read
}

// Output is one output of a code cell, as nbformat stores it: the key
// "output_type" is "stream", "display_data", "execute_result" or "error".
// Multi-line text is held as one string; Marshal splits it into lines.
type Output map[string]any

// ParseError describes a document that is not a valid nbformat 4 notebook.
type ParseError struct {
	Where string // "cell 3", "metadata", ... or "" for the whole document
	Msg   string
}

// Error returns the message with its place, prefixed with "notebook: ".
func (e *ParseError) Error() string {
	if e.Where == "" {
		return "notebook: " + e.Msg
	}
	return "notebook: " + e.Where + ": " + e.Msg
}

// Read reads and parses the notebook file at path.
func Read(path string) (*Notebook, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	nb, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return nb, nil
}

// Write writes nb to path in nbformat's layout, through a temporary file
// renamed into place so that a failed write leaves the old file whole.
func Write(path string, nb *Notebook) error {
	b, err := Marshal(nb)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Parse parses an nbformat 4 document. Numbers in metadata and unknown
// fields are kept exactly as written. Cells without an id in a notebook of
// nbformat_minor 5 or later, or with a duplicate id, get a fresh one, as
// nbformat's validator does.
func Parse(b []byte) (*Notebook, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var top map[string]any
	if err := dec.Decode(&top); err != nil {
		return nil, &ParseError{Msg: "not a JSON notebook: " + err.Error()}
	}
	if dec.More() {
		return nil, &ParseError{Msg: "trailing data after the notebook's JSON object"}
	}
	if top == nil {
		return nil, &ParseError{Msg: "the document is not a JSON object"}
	}
	major, ok := intField(top["nbformat"])
	if !ok {
		return nil, &ParseError{Msg: "missing or invalid \"nbformat\" version"}
	}
	if major != 4 {
		return nil, &ParseError{Msg: fmt.Sprintf("nbformat %d is not supported; convert it to version 4 (jupyter nbconvert --to notebook)", major)}
	}
	nb := &Notebook{Extra: map[string]any{}}
	if nb.Minor, ok = intField(top["nbformat_minor"]); !ok || nb.Minor < 0 {
		return nil, &ParseError{Msg: "missing or invalid \"nbformat_minor\""}
	}
	if nb.Metadata, ok = top["metadata"].(map[string]any); !ok {
		return nil, &ParseError{Where: "metadata", Msg: "missing or not an object"}
	}
	cells, ok := top["cells"].([]any)
	if !ok {
		return nil, &ParseError{Msg: "missing \"cells\" array"}
	}
	for k, v := range top {
		switch k {
		case "nbformat", "nbformat_minor", "metadata", "cells":
		default:
			nb.Extra[k] = v
		}
	}
	seen := map[string]bool{}
	for i, raw := range cells {
		where := fmt.Sprintf("cell %d", i+1)
		c, err := parseCell(raw, where)
		if err != nil {
			return nil, err
		}
		if nb.Minor >= 5 && (c.ID == "" || seen[c.ID]) {
			c.ID = newCellID(seen)
		}
		seen[c.ID] = true
		nb.Cells = append(nb.Cells, c)
	}
	return nb, nil
}

func parseCell(raw any, where string) (*Cell, error) {
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, &ParseError{Where: where, Msg: "not an object"}
	}
	c := &Cell{Extra: map[string]any{}}
	if c.Type, ok = m["cell_type"].(string); !ok {
		return nil, &ParseError{Where: where, Msg: "missing \"cell_type\""}
	}
	if c.Source, ok = joinLines(m["source"]); !ok {
		return nil, &ParseError{Where: where, Msg: "\"source\" must be a string or an array of strings"}
	}
	switch md := m["metadata"].(type) {
	case map[string]any:
		c.Metadata = md
	case nil:
		c.Metadata = map[string]any{}
	default:
		return nil, &ParseError{Where: where, Msg: "\"metadata\" is not an object"}
	}
	if id, present := m["id"]; present {
		if c.ID, ok = id.(string); !ok {
			return nil, &ParseError{Where: where, Msg: "\"id\" is not a string"}
		}
	}
	if c.Type == "code" {
		switch n := m["execution_count"].(type) {
		case nil:
		case json.Number:
			v, err := n.Int64()
			if err != nil || v < 0 {
				return nil, &ParseError{Where: where, Msg: "invalid \"execution_count\""}
			}
			c.ExecutionCount = int(v)
		default:
			return nil, &ParseError{Where: where, Msg: "invalid \"execution_count\""}
		}
		outs, ok := m["outputs"].([]any)
		if !ok && m["outputs"] != nil {
			return nil, &ParseError{Where: where, Msg: "\"outputs\" is not an array"}
		}
		for j, o := range outs {
			out, err := parseOutput(o)
			if err != nil {
				return nil, &ParseError{Where: fmt.Sprintf("%s, output %d", where, j+1), Msg: err.Error()}
			}
			c.Outputs = append(c.Outputs, out)
		}
	}
	for k, v := range m {
		switch k {
		case "cell_type", "source", "metadata", "id":
		case "execution_count", "outputs":
			if c.Type != "code" {
				c.Extra[k] = v
			}
		default:
			c.Extra[k] = v
		}
	}
	return c, nil
}

func parseOutput(raw any) (Output, error) {
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, errors.New("not an object")
	}
	typ, ok := m["output_type"].(string)
	if !ok {
		return nil, errors.New("missing \"output_type\"")
	}
	out := Output(m)
	switch typ {
	case "stream":
		name, _ := m["name"].(string)
		text, ok := joinLines(m["text"])
		if name == "" || !ok {
			return nil, errors.New("a stream needs a \"name\" and a \"text\"")
		}
		out["text"] = text
	case "display_data", "execute_result":
		data, ok := m["data"].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s without a \"data\" object", typ)
		}
		rejoinBundle(data)
		if _, ok := m["metadata"].(map[string]any); !ok {
			out["metadata"] = map[string]any{}
		}
	case "error":
		if _, ok := m["ename"].(string); !ok {
			return nil, errors.New("an error output needs \"ename\"")
		}
	}
	return out, nil
}

// isJSONMime reports whether mime holds JSON that is never split into lines.
func isJSONMime(mime string) bool {
	return mime == "application/json" || (strings.HasPrefix(mime, "application/") && strings.HasSuffix(mime, "+json"))
}

func rejoinBundle(data map[string]any) {
	for k, v := range data {
		if isJSONMime(k) {
			continue
		}
		if l, ok := v.([]any); ok {
			if s, ok := joinLines(l); ok {
				data[k] = s
			}
		}
	}
}

// splitBundle returns a copy of data with textual values split as nbformat
// splits them: text/*, application/javascript and image/svg+xml.
func splitBundle(data map[string]any) map[string]any {
	out := make(map[string]any, len(data))
	for k, v := range data {
		if s, ok := v.(string); ok && (strings.HasPrefix(k, "text/") || k == "application/javascript" || k == "image/svg+xml") {
			out[k] = splitLines(s)
			continue
		}
		out[k] = v
	}
	return out
}

func intField(v any) (int, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	i, err := n.Int64()
	return int(i), err == nil
}

func newCellID(seen map[string]bool) string {
	for {
		var b [4]byte
		rand.Read(b[:])
		if id := hex.EncodeToString(b[:]); !seen[id] {
			return id
		}
	}
}

// Marshal encodes nb the way nbformat.write does: sorted keys, one-space
// indent, non-ASCII kept as is, multi-line text split into arrays of lines
// and a final newline. Transient fields (cell metadata "trusted", notebook
// metadata "signature", "orig_nbformat", "orig_nbformat_minor") are left out.
func Marshal(nb *Notebook) ([]byte, error) {
	top := map[string]any{}
	for k, v := range nb.Extra {
		top[k] = v
	}
	md := copyMap(nb.Metadata)
	for _, k := range []string{"signature", "orig_nbformat", "orig_nbformat_minor"} {
		delete(md, k)
	}
	top["metadata"] = md
	top["nbformat"] = 4
	top["nbformat_minor"] = nb.Minor
	cells := make([]any, 0, len(nb.Cells))
	for _, c := range nb.Cells {
		cells = append(cells, cellJSON(c))
	}
	top["cells"] = cells

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(top); err != nil {
		return nil, fmt.Errorf("notebook: encoding: %w", err)
	}
	return unescapeLineSeparators(buf.Bytes()), nil
}

// unescapeLineSeparators turns the \u2028 and \u2029 escapes that
// encoding/json always writes back into the characters, as Python's json
// writes them with ensure_ascii=False. An escape is one only when an even
// number of backslashes precedes it.
func unescapeLineSeparators(b []byte) []byte {
	if !bytes.Contains(b, []byte(`\u202`)) {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) {
			if esc := string(b[i:min(i+6, len(b))]); esc == `\u2028` || esc == `\u2029` {
				r := '\u2028'
				if esc == `\u2029` {
					r = '\u2029'
				}
				out = utf8.AppendRune(out, r)
				i += 5
				continue
			}
			out = append(out, b[i], b[i+1]) // an escape pair: copy it whole
			i++
			continue
		}
		out = append(out, b[i])
	}
	return out
}

func cellJSON(c *Cell) map[string]any {
	m := map[string]any{}
	for k, v := range c.Extra {
		m[k] = v
	}
	if att, ok := m["attachments"].(map[string]any); ok {
		split := map[string]any{}
		for name, a := range att {
			if bundle, ok := a.(map[string]any); ok {
				a = splitBundle(bundle)
			}
			split[name] = a
		}
		m["attachments"] = split
	}
	md := copyMap(c.Metadata)
	delete(md, "trusted")
	m["cell_type"] = c.Type
	m["metadata"] = md
	m["source"] = splitLines(c.Source)
	if c.ID != "" {
		m["id"] = c.ID
	}
	if c.Type == "code" {
		if c.ExecutionCount > 0 {
			m["execution_count"] = c.ExecutionCount
		} else {
			m["execution_count"] = nil
		}
		outs := make([]any, 0, len(c.Outputs))
		for _, o := range c.Outputs {
			outs = append(outs, outputJSON(o))
		}
		m["outputs"] = outs
	}
	return m
}

func outputJSON(o Output) map[string]any {
	m := copyMap(o)
	switch m["output_type"] {
	case "stream":
		if s, ok := m["text"].(string); ok {
			m["text"] = splitLines(s)
		}
	case "display_data", "execute_result":
		if d, ok := m["data"].(map[string]any); ok {
			m["data"] = splitBundle(d)
		}
	}
	return m
}

func copyMap(m map[string]any) map[string]any {
	c := make(map[string]any, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}
