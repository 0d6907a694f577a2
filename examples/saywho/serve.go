package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"

	"github.com/saywho/saywho"
	"github.com/saywho/saywho/extract"
	"github.com/saywho/saywho/serve"
)

const serveUsage = `usage: saywho serve [flags]

Serves the who-said-what page and the REST API until SIGINT or SIGTERM,
then shuts down gracefully (requests in flight get -grace to finish).

  GET  /                  the page: paste or drop an article, read who said what
  POST /v1/analyze        {"id", "text"} as application/json, or text/plain (?id=);
                          the Result JSON of saywho -format jsonl; ?offsets=bytes|chars
  POST /v1/analyze/batch  JSON Lines in (application/x-ndjson), JSON Lines out in input
                          order, streamed; a bad line gives {"line": N, "error": …}
  GET  /v1/health         {"status": "ready", the model versions, requests in flight}

Errors are JSON {"error", "status"}. One access-log line per request goes to
standard error.

Flags:
`

// runServe is `saywho serve`: it serves until SIGINT or SIGTERM.
func runServe(args []string, errw io.Writer) int { return serveOnSignal(args, errw, nil) }

// serveOnSignal serves until SIGINT or SIGTERM; ready is as for serveUntil.
func serveOnSignal(args []string, errw io.Writer, ready func(addr string)) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveUntil(ctx, args, errw, ready)
}

// serveUntil serves until ctx is done; ready, when not nil, is told the
// address once the server listens.
func serveUntil(ctx context.Context, args []string, errw io.Writer, ready func(addr string)) int {
	fl := flag.NewFlagSet("saywho serve", flag.ContinueOnError)
	fl.SetOutput(errw)
	addr := fl.String("addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	maxBytes := fl.Int64("max-bytes", serve.DefaultMaxBytes, "largest document (a body of /v1/analyze, a line of a batch), in bytes")
	maxBatch := fl.Int64("max-batch-bytes", serve.DefaultMaxBatchBytes, "largest batch body, in bytes")
	timeout := fl.Duration("timeout", serve.DefaultTimeout, "deadline of one document: reading its body and analysing it")
	batchTimeout := fl.Duration("batch-timeout", serve.DefaultBatchTimeout, "deadline of one batch request")
	inflight := fl.Int("max-inflight", 4*runtime.GOMAXPROCS(0), "documents analysed at once; more requests get 503 with Retry-After")
	workers := fl.Int("batch-workers", runtime.GOMAXPROCS(0), "documents of one batch analysed at once (each counts against -max-inflight)")
	origins := fl.String("allow-origin", "", "comma-separated browser origins (https://host[:port]) allowed to call the API; none by default")
	hosts := fl.String("allow-host", "", "comma-separated host names (news.example) the server answers to besides localhost and IP addresses; * for any")
	nerName := fl.String("ner", "model", "named-entity recognizer: model, prose (baseline) or none")
	grace := fl.Duration("grace", serve.DefaultGrace, "on SIGINT/SIGTERM, how long requests in flight may take to finish")
	fl.Usage = func() {
		fmt.Fprint(errw, serveUsage)
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(errw, "saywho serve: unexpected arguments %q (serve takes flags only)\n", fl.Args())
		return exitUsage
	}
	if *maxBytes <= 0 || *maxBatch <= 0 || *inflight <= 0 || *workers <= 0 || *timeout <= 0 || *batchTimeout <= 0 || *grace <= 0 {
		fmt.Fprintln(errw, "saywho serve: -max-bytes, -max-batch-bytes, -max-inflight, -batch-workers, -timeout, -batch-timeout and -grace must be positive")
		return exitUsage
	}
	ner, err := extract.ParseNER(*nerName)
	if err != nil {
		fmt.Fprintf(errw, "saywho serve: %v\n", err)
		return exitUsage
	}
	an, err := saywho.New(saywho.WithNER(ner))
	if err != nil {
		fmt.Fprintf(errw, "saywho serve: %v\n", err)
		return exitInput
	}
	var allow []string
	for _, o := range strings.Split(*origins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			allow = append(allow, o)
		}
	}
	var allowHosts []string
	for _, h := range strings.Split(*hosts, ",") {
		if h = strings.TrimSpace(h); h != "" {
			allowHosts = append(allowHosts, h)
		}
	}
	logger := slog.New(slog.NewTextHandler(errw, nil))
	h, err := serve.New(serve.Config{Analyzer: an, MaxBytes: *maxBytes, MaxBatchBytes: *maxBatch, Timeout: *timeout,
		BatchTimeout: *batchTimeout, MaxInFlight: *inflight, BatchWorkers: *workers, AllowOrigins: allow, AllowHosts: allowHosts, Log: logger})
	if err != nil {
		fmt.Fprintf(errw, "saywho serve: %s\n", errText(err))
		return exitUsage
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(errw, "saywho serve: %v\n", err)
		return exitInput
	}
	url := "http://" + ln.Addr().String()
	logger.Info("listening", slog.String("url", url+"/"), slog.String("api", url+"/v1/"),
		slog.Int("max_inflight", *inflight), slog.Int64("max_bytes", *maxBytes), slog.Duration("timeout", *timeout))
	if ready != nil {
		ready(ln.Addr().String())
	}
	if err := h.Serve(ctx, ln, *grace); err != nil {
		fmt.Fprintf(errw, "saywho serve: %v\n", err)
		return exitInput
	}
	logger.Info("stopped", slog.Duration("grace", *grace), slog.Int64("requests", h.Stats().Requests))
	return exitOK
}
