// The load generator for bench/serve.mjs: N keep-alive HTTP/1.1 connections, each sending its
// next request as soon as the previous answer is read, for a fixed time or a request cap,
// whichever comes first. It speaks just enough HTTP/1.1 by hand (Content-Length and chunked
// answers) so that it costs far less per request than any server it measures; the bench prints
// its ceiling against a trivial Go server to show that. One JSON line on stdout:
//
//	{"requests":N,"ok":N,"errors":N,"statuses":{"503":N},"seconds":S,"rps":R,"p50":ms,...}
//
// where rps counts 200 answers only and the latency percentiles are those of the 200 answers
// (a server that refuses requests quickly must not look fast).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

type result struct {
	Requests int64            `json:"requests"`
	OK       int64            `json:"ok"`
	Errors   int64            `json:"errors"`
	Statuses map[string]int64 `json:"statuses"`
	Seconds  float64          `json:"seconds"`
	RPS      float64          `json:"rps"`
	P50      float64          `json:"p50"`
	P90      float64          `json:"p90"`
	P99      float64          `json:"p99"`
	Max      float64          `json:"max"`
}

type worker struct {
	addr      string
	request   []byte
	until     time.Time
	sent      *atomic.Int64
	max       int64
	latencies []time.Duration
	// answers other than 200, by status, and failed round trips (status 0)
	others map[int]int64
}

func main() {
	target := flag.String("url", "", "http://host:port/path?query to load")
	conns := flag.Int("c", 1, "connections")
	duration := flag.Duration("d", 4*time.Second, "how long to send requests")
	maxRequests := flag.Int64("n", 200000, "stop after this many requests")
	method := flag.String("method", "GET", "request method")
	bodyFile := flag.String("body", "", "file whose bytes are the request body")
	flag.Parse()
	u, err := url.Parse(*target)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		fail("-url: give an http://host:port/path URL")
	}
	var body []byte
	if *bodyFile != "" {
		if body, err = os.ReadFile(*bodyFile); err != nil {
			fail(err.Error())
		}
	}
	request := buildRequest(*method, u, body)
	// one connection first, so that a server that is not there fails fast and clearly
	if c, err := net.Dial("tcp", u.Host); err != nil {
		fail(err.Error())
	} else {
		c.Close()
	}

	var sent atomic.Int64
	workers := make([]*worker, *conns)
	start := time.Now()
	until := start.Add(*duration)
	var wg sync.WaitGroup
	for i := range workers {
		w := &worker{addr: u.Host, request: request, until: until, sent: &sent, max: *maxRequests, latencies: make([]time.Duration, 0, 1<<14), others: map[int]int64{}}
		workers[i] = w
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.run()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start).Seconds()

	var all []time.Duration
	var errs, other int64
	statuses := map[string]int64{}
	for _, w := range workers {
		all = append(all, w.latencies...)
		for status, n := range w.others {
			if status == 0 {
				errs += n
			} else {
				other += n
				statuses[strconv.Itoa(status)] += n
			}
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	pct := func(p float64) float64 {
		if len(all) == 0 {
			return 0
		}
		i := int(p / 100 * float64(len(all)))
		if i >= len(all) {
			i = len(all) - 1
		}
		return float64(all[i]) / 1e6
	}
	ok := int64(len(all))
	out := result{Requests: ok + other, OK: ok, Errors: errs + other, Statuses: statuses, Seconds: elapsed, RPS: float64(ok) / elapsed, P50: pct(50), P90: pct(90), P99: pct(99), Max: pct(100)}
	_ = json.NewEncoder(os.Stdout).Encode(out)
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "loadgen:", msg)
	os.Exit(2)
}

func buildRequest(method string, u *url.URL, body []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: lgw-bench\r\nAccept: */*\r\n", method, u.RequestURI(), u.Host)
	if body != nil || method == "POST" || method == "PUT" {
		fmt.Fprintf(&b, "Content-Type: application/json\r\nContent-Length: %d\r\n", len(body))
	}
	b.WriteString("\r\n")
	b.Write(body)
	return b.Bytes()
}

// run sends requests back to back on one connection, reconnecting after an error or a close.
func (w *worker) run() {
	var conn net.Conn
	var r *bufio.Reader
	for time.Now().Before(w.until) && w.sent.Add(1) <= w.max {
		if conn == nil {
			c, err := net.Dial("tcp", w.addr)
			if err != nil {
				w.others[0]++
				time.Sleep(10 * time.Millisecond)
				continue
			}
			c.(*net.TCPConn).SetNoDelay(true)
			conn, r = c, bufio.NewReaderSize(c, 64<<10)
		}
		t0 := time.Now()
		status, keep, err := w.roundTrip(conn, r)
		switch {
		case err != nil:
			w.others[0]++
		case status == 200:
			w.latencies = append(w.latencies, time.Since(t0))
		default:
			w.others[status]++
		}
		if err != nil || !keep {
			conn.Close()
			conn = nil
		}
	}
	if conn != nil {
		conn.Close()
	}
}

func (w *worker) roundTrip(conn net.Conn, r *bufio.Reader) (status int, keepAlive bool, err error) {
	if _, err = conn.Write(w.request); err != nil {
		return 0, false, err
	}
	line, err := r.ReadSlice('\n')
	if err != nil {
		return 0, false, err
	}
	// "HTTP/1.1 200 OK"
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) {
		return 0, false, errors.New("not an HTTP response")
	}
	status, _ = strconv.Atoi(string(line[9:12]))
	keepAlive = line[7] == '1'
	length := int64(-1)
	chunked := false
	for {
		h, err := r.ReadSlice('\n')
		if err != nil {
			return status, false, err
		}
		h = bytes.TrimRight(h, "\r\n")
		if len(h) == 0 {
			break
		}
		colon := bytes.IndexByte(h, ':')
		if colon < 0 {
			continue
		}
		name, value := h[:colon], bytes.TrimSpace(h[colon+1:])
		switch {
		case bytes.EqualFold(name, []byte("content-length")):
			length, _ = strconv.ParseInt(string(value), 10, 64)
		case bytes.EqualFold(name, []byte("transfer-encoding")):
			chunked = bytes.Contains(bytes.ToLower(value), []byte("chunked"))
		case bytes.EqualFold(name, []byte("connection")):
			keepAlive = !bytes.EqualFold(value, []byte("close"))
		}
	}
	switch {
	case chunked:
		err = discardChunked(r)
	case length >= 0:
		_, err = r.Discard(int(length))
	default:
		// no length: the body runs to the end of the connection
		_, err = io.Copy(io.Discard, r)
		keepAlive = false
	}
	return status, keepAlive, err
}

func discardChunked(r *bufio.Reader) error {
	for {
		line, err := r.ReadSlice('\n')
		if err != nil {
			return err
		}
		line = bytes.TrimRight(line, "\r\n")
		if semi := bytes.IndexByte(line, ';'); semi >= 0 {
			line = line[:semi]
		}
		size, err := strconv.ParseInt(string(line), 16, 64)
		if err != nil {
			return err
		}
		if size == 0 {
			// trailers, then the blank line
			for {
				t, err := r.ReadSlice('\n')
				if err != nil {
					return err
				}
				if len(bytes.TrimRight(t, "\r\n")) == 0 {
					return nil
				}
			}
		}
		if _, err := r.Discard(int(size) + 2); err != nil {
			return err
		}
	}
}
