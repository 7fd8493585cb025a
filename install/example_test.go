package install_test

import (
	"encoding/json"
	"fmt"

	"github.com/gocalc/gocalc/install"
)

func ExampleNewSpec() {
	b, _ := json.MarshalIndent(install.NewSpec("/usr/local/bin/gocalc", ""), "", " ")
	fmt.Println(string(b))
	// Output:
	// {
	//  "argv": [
	//   "/usr/local/bin/gocalc",
	//   "kernel",
	//   "{connection_file}"
	//  ],
	//  "display_name": "Go (gocalc)",
	//  "language": "go",
	//  "interrupt_mode": "message",
	//  "metadata": {
	//   "debugger": true
	//  }
	// }
}
