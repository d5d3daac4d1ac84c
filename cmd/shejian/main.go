// Command shejian runs the food-safety supervision platform: the web UI and API, the demo
// city, migrations and maintenance commands. Everything lives under internal/.
package main

import (
	"os"

	"github.com/shejian/shejian/internal/app"
)

func main() {
	os.Exit(app.Main(os.Args[1:], os.Stdout, os.Stderr))
}
