package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
)

// encoding/json and encoding/xml leave a cell type's unexported fields
// out, as they do for compiled types.
type Person struct {
	Name  string   `json:"name" xml:"name"`
	Email string   `json:"email,omitempty"`
	Tags  []string `json:"tags"`
	age   int
	note  string `db:"note"`
}

func main() {
	p := Person{Name: "Ann", Tags: []string{"x"}, age: 7, note: "n"}
	b, err := json.Marshal(p)
	fmt.Println(string(b), err)
	var q Person
	err = json.Unmarshal([]byte(`{"name":"Bo","tags":["a"],"age":3,"Xage":4}`), &q)
	fmt.Println(q.Name, q.Tags, q.age, err)
	x, err := xml.Marshal(struct {
		XMLName xml.Name `xml:"p"`
		Name    string   `xml:"name"`
		secret  string
	}{Name: "C", secret: "s"})
	fmt.Println(string(x), err)
}

// Output:
// {"name":"Ann","tags":["x"]} <nil>
// Bo [a] 0 <nil>
// <p><name>C</name></p> <nil>
