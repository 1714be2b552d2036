package main

// PB_PPROF=127.0.0.1:6060 exposes Go's profiler (/debug/pprof/) on a separate
// loopback listener, for the deadline-rush benchmark's CPU profile. Off unless
// set; refused on anything but loopback, never on the public port.

import (
	"log"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
)

func init() {
	addr := os.Getenv("PB_PPROF")
	if addr == "" {
		return
	}
	host, _, err := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); err != nil || (host != "localhost" && (ip == nil || !ip.IsLoopback())) {
		log.Fatalf("PB_PPROF must be a loopback address such as 127.0.0.1:6060, not %q", addr)
	}
	go func() {
		log.Println(http.ListenAndServe(addr, nil))
	}()
}
