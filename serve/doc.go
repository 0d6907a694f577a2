// Package serve is saywho's HTTP front end: a REST API over one
// [saywho.Analyzer] and the who-said-what page, hardened for a network.
// Like every front end it computes nothing itself: each route calls the
// Analyzer and writes its Result, whose JSON is the command's contract.
//
// # Getting started
//
//	h, err := serve.New(serve.Config{Analyzer: an, Log: logger})
//	if err != nil { … }
//	ln, err := net.Listen("tcp", "127.0.0.1:8080")
//	if err != nil { … }
//	err = h.Serve(ctx, ln) // until ctx is done, then a graceful shutdown
//
// `saywho serve` does this, with ctx ended by SIGINT or SIGTERM. A
// [Handler] is an [http.Handler], so it also runs under
// [net/http/httptest] or any server.
//
// # Routes
//
//	POST /v1/analyze        {"id", "text", …} as application/json, or the text as text/plain
//	                        (id from ?id=); the Result JSON; ?offsets=bytes|chars (default bytes)
//	POST /v1/analyze/batch  JSON Lines in (application/x-ndjson), JSON Lines out, one line per
//	                        non-blank input line in input order, each flushed as soon as it and
//	                        those before it are done; a bad line gives {"line": N, "error": …}
//	GET  /v1/health         {"status": "ready", models and build, requests in flight}
//	GET  /                  the page; GET /assets/app.js and /assets/app.css its assets
//
// Every error is JSON, {"error": message, "status": code}, with its status:
// 400 bad JSON or parameters, 404, 405 (with Allow), 408 body too slow, 413
// body over the limit, 415 wrong Content-Type, 403 a cross-origin request
// not allowed, 503 too many requests at once (with Retry-After), the
// analysis over its deadline, or the server shutting down.
//
// # Hardening
//
//   - Request bodies are read through [http.MaxBytesReader]: over
//     Config.MaxBytes (a document) or Config.MaxBatchBytes (a batch), the
//     answer is 413; a batch line over MaxBytes is reported in-band.
//   - Each request's context gets a deadline (Config.Timeout; a batch's
//     whole run Config.BatchTimeout, each document still Config.Timeout)
//     and is passed to Analyze, which checks it between its stages; the
//     body's read deadline is the same.
//   - At most Config.MaxInFlight analyses run at once: a request that would
//     exceed it is answered 503 with Retry-After at once; nothing queues,
//     so memory is bounded by MaxInFlight documents of MaxBytes (about 20
//     times that while analysed) whatever the load.
//   - No cross-origin use: [http.CrossOriginProtection] refuses non-safe
//     cross-origin browser requests, and no CORS header is sent, unless
//     Config.AllowOrigins names the origin.
//   - No DNS rebinding: a request whose Host header names neither
//     localhost, an IP address nor one of Config.AllowHosts gets 421, so a
//     page on a domain that resolves to 127.0.0.1 cannot read the API.
//   - Every response has X-Content-Type-Options: nosniff, X-Frame-Options
//     and frame-ancestors 'none', Referrer-Policy: no-referrer; the page's
//     Content-Security-Policy allows its own script, style sheet and API
//     only (no inline code) and requires Trusted Types.
//   - The page escapes by construction (html/template; the script builds
//     the highlighted text from text nodes only): an article holding
//     <script> or <img onerror=…> runs nothing.
//   - One access-log line per request (Config.Log): method, path, status,
//     bytes, duration, remote address.
//   - [Handler.Serve] shuts down gracefully when its context ends.
//
// # Concurrency
//
// A Handler is safe for concurrent use; it never changes after New except
// for its counters ([Handler.Stats]).
package serve
