package serve

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// DefaultGrace is how long Serve lets requests in flight finish after its
// context ends.
const DefaultGrace = 30 * time.Second

// Serve serves h on ln until ctx is done, then shuts down gracefully: it
// stops accepting connections, answers 503 to GET /v1/health, and lets the
// requests in flight finish for up to grace (DefaultGrace when 0). Past
// grace it cancels what remains (their analyses stop at the next stage and
// answer 503), waits a moment for those answers, and closes every
// connection. It returns nil after a graceful shutdown, the error of the
// listener otherwise, and closes ln either way.
//
// The server reads request headers within 10 s and closes idle
// connections after 2 minutes; request bodies and answers have the
// deadlines of Config.Timeout and Config.BatchTimeout.
func (h *Handler) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	if grace <= 0 {
		grace = DefaultGrace
	}
	base, stop := context.WithCancelCause(context.Background())
	defer stop(nil)
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return base },
	}
	if h.cfg.Log != nil {
		srv.ErrorLog = slog.NewLogLogger(h.cfg.Log.Handler(), slog.LevelWarn)
	}
	srv.RegisterOnShutdown(func() { h.draining.Store(true) })
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	h.draining.Store(true)
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := srv.Shutdown(sctx)
	if errors.Is(err, context.DeadlineExceeded) {
		// Out of grace: stop the analyses, give their 503s a moment, close.
		if h.cfg.Log != nil {
			h.cfg.Log.Warn("shutdown: requests still running after the grace period are stopped", slog.Duration("grace", grace))
		}
		stop(errShuttingDown)
		last, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if srv.Shutdown(last) != nil {
			srv.Close()
		}
		err = nil
	}
	if serr := <-served; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}
