// The baseline for bench/serve.mjs: a plain net/http server running the same logic as the
// scaffold's GET /hello (query parameter, JSON body, the same CORS headers), so the benchmark
// measures what lgw serve adds on top of the handler itself. GET /ping answers "ok" and
// nothing else: the load generator's ceiling.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
)

func hello(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/ping" {
		// the trivial server the bench measures its load generator's ceiling against
		_, _ = w.Write([]byte("ok"))
		return
	}
	if r.Method != http.MethodGet || r.URL.Path != "/hello" {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "not found"})
		return
	}
	name := r.URL.Query().Get("name")
	if name == "" {
		name = "world"
	}
	writeJSON(w, http.StatusOK, map[string]string{"message": "Hello, " + name + "!"})
}

func writeJSON(w http.ResponseWriter, status int, value any) {
	body, _ := json.Marshal(value)
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
	h.Set("Access-Control-Allow-Headers", "Content-Type, Authorization")
	h.Set("Access-Control-Max-Age", "600")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// the benchmark reads the URL from this line
	fmt.Printf("listening on http://%s\n", ln.Addr())
	_ = http.Serve(ln, http.HandlerFunc(hello))
}
