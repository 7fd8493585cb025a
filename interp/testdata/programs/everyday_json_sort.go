package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

type Person struct {
	Name string   `json:"name"`
	Age  int      `json:"age,omitempty"`
	Tags []string `json:"tags"`
}

type ByAge []Person

func (a ByAge) Len() int           { return len(a) }
func (a ByAge) Swap(i, j int)      { a[i], a[j] = a[j], a[i] }
func (a ByAge) Less(i, j int) bool { return a[i].Age < a[j].Age }

func main() {
	ps := []Person{{"Ann", 31, nil}, {"Bob", 25, []string{"x"}}, {"Cy", 0, nil}}
	sort.Sort(ByAge(ps))
	b, _ := json.Marshal(ps)
	fmt.Println(string(b))
	var back []Person
	if err := json.Unmarshal(b, &back); err != nil {
		panic(err)
	}
	fmt.Printf("%+v\n", back[1])
	var sb strings.Builder
	for i, p := range back {
		fmt.Fprintf(&sb, "%d:%s;", i, p.Name)
	}
	fmt.Println(sb.String())
	m := map[string]int{"b": 2, "a": 1, "c": 3}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Println(keys, len(m))
}

// Output:
// [{"name":"Cy","tags":null},{"name":"Bob","age":25,"tags":["x"]},{"name":"Ann","age":31,"tags":null}]
// {Name:Bob Age:25 Tags:[x]}
// 0:Cy;1:Bob;2:Ann;
// [a b c] 3
