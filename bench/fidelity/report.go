package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
)

// result is one program's outcomes; a runner that was not run (and not
// reused from an earlier report) is nil.
type result struct {
	File   string   `json:"file"`
	Go     *outcome `json:"go,omitempty"`
	Yaegi  *outcome `json:"yaegi,omitempty"`
	Gocalc *outcome `json:"gocalc,omitempty"`
}

// usable tells whether compiled Go passes the program; without a Go
// outcome every program counts.
func (r *result) usable() bool { return r.Go == nil || r.Go.Pass }

// report is the JSON the benchmark writes; -compare and -reuse read it.
type report struct {
	Date     string              `json:"date"`
	Go       string              `json:"go_version"`
	Yaegi    string              `json:"yaegi_version"`
	Gocalc   string              `json:"gocalc_commit"`
	Args     []string            `json:"args"`
	Timeout  string              `json:"timeout"`
	Found    int                 `json:"found"`
	Skipped  map[string][]string `json:"skipped"`
	Sampled  string              `json:"sampled,omitempty"`
	Summary  summary             `json:"summary"`
	Results  []*result           `json:"results"`
	Reused   string              `json:"reused_from,omitempty"`
	Runners  []string            `json:"runners"`
	Parallel int                 `json:"parallel"`
}

type summary struct {
	Programs       int      `json:"programs"`
	GoPass         int      `json:"go_pass"`
	Nondeterminism []string `json:"go_nondeterministic,omitempty"`
	Usable         int      `json:"usable"`
	YaegiPass      int      `json:"yaegi_pass"`
	GocalcPass     int      `json:"gocalc_pass"`
	GocalcOnly     []string `json:"gocalc_only_failures"` // yaegi passes, gocalc fails
	YaegiOnly      []string `json:"yaegi_only_failures"`  // gocalc passes, yaegi fails
	Crashes        []string `json:"gocalc_crashes"`
	Causes         []cause  `json:"gocalc_causes"`
	YaegiCauses    []cause  `json:"yaegi_causes"`
}

type cause struct {
	Cause      string `json:"cause"`
	N          int    `json:"n"`
	AlsoYaegi  int    `json:"also_yaegi"` // of those, how many plain yaegi fails too
	GocalcOnly int    `json:"gocalc_only"`
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// summarize counts over the results: rates are of the usable programs.
func summarize(rs []*result) summary {
	var s summary
	gc, yc := map[string]*cause{}, map[string]*cause{}
	for _, r := range rs {
		s.Programs++
		if r.Go != nil && r.Go.Pass {
			s.GoPass++
		}
		if r.Go != nil && r.Go.Cause == causeNondeterminal {
			s.Nondeterminism = append(s.Nondeterminism, r.File)
		}
		if !r.usable() {
			continue
		}
		s.Usable++
		yPass := r.Yaegi != nil && r.Yaegi.Pass
		if yPass {
			s.YaegiPass++
		} else if r.Yaegi != nil {
			c := yc[r.Yaegi.Cause]
			if c == nil {
				c = &cause{Cause: r.Yaegi.Cause}
				yc[r.Yaegi.Cause] = c
			}
			c.N++
			if r.Gocalc != nil && !r.Gocalc.Pass {
				c.AlsoYaegi++
			}
		}
		if r.Gocalc == nil {
			continue
		}
		if r.Gocalc.Pass {
			s.GocalcPass++
			if r.Yaegi != nil && !yPass {
				s.YaegiOnly = append(s.YaegiOnly, r.File)
			}
			continue
		}
		if r.Gocalc.Crash {
			s.Crashes = append(s.Crashes, r.File)
		}
		c := gc[r.Gocalc.Cause]
		if c == nil {
			c = &cause{Cause: r.Gocalc.Cause}
			gc[r.Gocalc.Cause] = c
		}
		c.N++
		if r.Yaegi != nil && !yPass {
			c.AlsoYaegi++
		}
		if yPass {
			c.GocalcOnly++
			s.GocalcOnly = append(s.GocalcOnly, r.File)
		}
	}
	s.Causes, s.YaegiCauses = sortCauses(gc), sortCauses(yc)
	return s
}

func sortCauses(m map[string]*cause) []cause {
	var cs []cause
	for _, c := range m {
		cs = append(cs, *c)
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].N != cs[j].N {
			return cs[i].N > cs[j].N
		}
		return cs[i].Cause < cs[j].Cause
	})
	return cs
}

// printSummary writes the human summary: rates, targets, the cause table
// (markdown, for the README) and the gocalc-only failures.
func printSummary(w io.Writer, rep *report, verbose bool) {
	s := rep.Summary
	fmt.Fprintf(w, "Go fidelity (%s): %d `// run` programs found", rep.Date, rep.Found)
	nskip := 0
	for _, fs := range rep.Skipped {
		nskip += len(fs)
	}
	fmt.Fprintf(w, ", %d skipped", nskip)
	if rep.Sampled != "" {
		fmt.Fprintf(w, "; sample: %s", rep.Sampled)
	}
	fmt.Fprintf(w, "; %d run.\n", s.Programs)
	for _, reason := range sortedKeys(rep.Skipped) {
		fmt.Fprintf(w, "  skipped, %s: %d\n", reason, len(rep.Skipped[reason]))
	}
	fmt.Fprintf(w, "compiled Go %d/%d (%.1f%%)", s.GoPass, s.Programs, pct(s.GoPass, s.Programs))
	if len(s.Nondeterminism) > 0 {
		fmt.Fprintf(w, ", %d nondeterministic", len(s.Nondeterminism))
	}
	fmt.Fprintf(w, "; of the %d it passes: plain yaegi %d (%.1f%%), gocalc %d (%.1f%%)\n",
		s.Usable, s.YaegiPass, pct(s.YaegiPass, s.Usable), s.GocalcPass, pct(s.GocalcPass, s.Usable))
	fmt.Fprintf(w, "programs yaegi passes but gocalc fails: %d; gocalc passes but yaegi fails: %d; gocalc crashes: %d\n",
		len(s.GocalcOnly), len(s.YaegiOnly), len(s.Crashes))
	mark := func(ok bool) string {
		if ok {
			return "met"
		}
		return "NOT met"
	}
	fmt.Fprintf(w, "targets: gocalc >= 85%% of usable: %s; no yaegi-passing program fails in gocalc: %s; no crash: %s\n",
		mark(pct(s.GocalcPass, s.Usable) >= 85), mark(len(s.GocalcOnly) == 0), mark(len(s.Crashes) == 0))
	if len(s.Causes) > 0 {
		fmt.Fprintf(w, "\ngocalc's failures by cause:\n\n| cause | n | also yaegi | gocalc only |\n|---|---|---|---|\n")
		for _, c := range s.Causes {
			fmt.Fprintf(w, "| %s | %d | %d | %d |\n", c.Cause, c.N, c.AlsoYaegi, c.GocalcOnly)
		}
	}
	if len(s.YaegiCauses) > 0 {
		fmt.Fprintf(w, "\nplain yaegi's failures by cause:\n\n| cause | n | also gocalc |\n|---|---|---|\n")
		for _, c := range s.YaegiCauses {
			fmt.Fprintf(w, "| %s | %d | %d |\n", c.Cause, c.N, c.AlsoYaegi)
		}
	}
	byFile := map[string]*result{}
	for _, r := range rep.Results {
		byFile[r.File] = r
	}
	list := func(title string, files []string, pick func(*result) *outcome) {
		if len(files) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s (%d):\n", title, len(files))
		for _, f := range files {
			o := pick(byFile[f])
			detail := o.Error
			if detail == "" && o.Got != "" {
				detail = "got " + strings.ReplaceAll(clip(o.Got, 120), "\n", `\n`)
			}
			if i := strings.Index(detail, ": only the standard library and the preloaded"); i > 0 {
				detail = detail[:i]
			}
			fmt.Fprintf(w, "  %-40s %s: %s\n", f, o.Cause, clip(detail, 200))
		}
	}
	gocalcOf := func(r *result) *outcome { return r.Gocalc }
	list("gocalc crashes", s.Crashes, gocalcOf)
	list("yaegi passes, gocalc fails, by cause", byCause(s.GocalcOnly, byFile, s.Causes), gocalcOf)
	if verbose {
		list("gocalc passes, yaegi fails", s.YaegiOnly, func(r *result) *outcome { return r.Yaegi })
		var fails []string
		for _, r := range rep.Results {
			if r.usable() && r.Gocalc != nil && !r.Gocalc.Pass {
				fails = append(fails, r.File)
			}
		}
		list("all gocalc failures", fails, gocalcOf)
	}
}

// byCause orders files by their gocalc failure's cause, the cause with the
// most gocalc-only failures first, then by name.
func byCause(files []string, byFile map[string]*result, causes []cause) []string {
	cs := slices.Clone(causes)
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].GocalcOnly > cs[j].GocalcOnly })
	rank := map[string]int{}
	for i, c := range cs {
		rank[c.Cause] = i
	}
	out := slices.Clone(files)
	sort.SliceStable(out, func(i, j int) bool {
		return rank[byFile[out[i]].Gocalc.Cause] < rank[byFile[out[j]].Gocalc.Cause]
	})
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func readReport(path string) (*report, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rep report
	if err := json.Unmarshal(b, &rep); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return &rep, nil
}

// change is one program whose pass/fail differs between two reports.
type change struct {
	File, Runner, Before, After string
	Improved                    bool
}

// compareReports lists, for the programs both reports ran and the new one
// counts as usable, where yaegi's or gocalc's pass/fail changed.
func compareReports(old, cur *report) []change {
	prev := map[string]*result{}
	for _, r := range old.Results {
		prev[r.File] = r
	}
	state := func(o *outcome) string {
		if o == nil {
			return ""
		}
		if o.Pass {
			return "pass"
		}
		return o.Cause
	}
	var cs []change
	for _, r := range cur.Results {
		p := prev[r.File]
		if p == nil || !r.usable() {
			continue
		}
		for _, x := range []struct {
			name     string
			old, new *outcome
		}{{"gocalc", p.Gocalc, r.Gocalc}, {"yaegi", p.Yaegi, r.Yaegi}} {
			if x.old == nil || x.new == nil || x.old.Pass == x.new.Pass {
				continue
			}
			cs = append(cs, change{File: r.File, Runner: x.name, Before: state(x.old), After: state(x.new), Improved: x.new.Pass})
		}
	}
	return cs
}

func printChanges(w io.Writer, oldPath string, cs []change) {
	var reg, imp int
	for _, c := range cs {
		if c.Improved {
			imp++
		} else {
			reg++
		}
	}
	fmt.Fprintf(w, "\nagainst %s: %d regressions, %d improvements\n", oldPath, reg, imp)
	for _, c := range cs {
		word := "REGRESSION"
		if c.Improved {
			word = "improved  "
		}
		fmt.Fprintf(w, "  %s %-6s %-40s %s -> %s\n", word, c.Runner, c.File, c.Before, c.After)
	}
}
