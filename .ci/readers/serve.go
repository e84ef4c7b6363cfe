// Command serve serves the example blog's feeds on 127.0.0.1 for the
// browser check: at / through sitefeed's Handler, and under /static/ the
// folder the sitefeed command wrote, as a static host serves it (by
// extension: .xml as text/xml). It prints its address, then serves until
// it is stopped.
//
//	go run .ci/readers/serve.go .ci/readers/example.go examples/blog/sitefeed.yaml DIR
package main

import (
	"fmt"
	"net"
	"net/http"

	"github.com/sitefeed/sitefeed"
)

func main() { mainWith("serve", "sitefeed.yaml DIR", serve) }

func serve(config, dir string) error {
	set, err := exampleSet(config)
	if err != nil {
		return err
	}
	feeds, err := sitefeed.NewHandler(set)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fmt.Printf("http://%s/\n", ln.Addr())
	mux := http.NewServeMux()
	mux.Handle("/", feeds)
	mux.Handle("/static/", http.StripPrefix("/static/", http.FileServer(http.Dir(dir))))
	return http.Serve(ln, mux)
}
