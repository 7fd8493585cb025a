package main

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
)

type Rec struct {
	Name  string
	Score float64
	Age   int
}

func main() {
	data := "ann,9.5,30\nbob,7.25,25\ncy,9.5,22\n"
	var recs []Rec
	for _, line := range strings.Split(strings.TrimSpace(data), "\n") {
		f := strings.Split(line, ",")
		s, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			panic(err)
		}
		a, _ := strconv.Atoi(f[2])
		recs = append(recs, Rec{f[0], s, a})
	}
	sort.Slice(recs, func(i, j int) bool {
		if recs[i].Score != recs[j].Score {
			return recs[i].Score > recs[j].Score
		}
		return recs[i].Age < recs[j].Age
	})
	// (Into a buffer: what a cell writes to os.Stdout and what fmt.Print
	// writes can arrive out of order in gocalc.)
	var buf bytes.Buffer
	w := tabwriter.NewWriter(&buf, 0, 4, 1, ' ', 0)
	for _, r := range recs {
		fmt.Fprintf(w, "%s\t%.2f\t%d\n", r.Name, r.Score, r.Age)
	}
	w.Flush()
	fmt.Print(buf.String())
	slices.SortFunc(recs, func(a, b Rec) int { return cmp.Compare(a.Name, b.Name) })
	fmt.Println(recs[0].Name, strings.Fields("  a b   c "), strings.Repeat("-", 3))
	ages := map[string]int{}
	for _, r := range recs {
		ages[r.Name] = r.Age
	}
	fmt.Println(slices.Sorted(maps.Keys(ages)))
	idx, found := slices.BinarySearch([]int{1, 3, 5}, 4)
	fmt.Println(idx, found, slices.Max([]float64{1, 9, 3}), strings.EqualFold("Go", "GO"))
}

// Output:
// cy  9.50 22
// ann 9.50 30
// bob 7.25 25
// ann [a b c] ---
// [ann bob cy]
// 2 false 9 true
