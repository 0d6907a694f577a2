package saywho

import (
	"context"
	"iter"
	"sync"
)

// Ordered calls work on every item of items, up to workers at a time (1 when
// workers < 1), and passes the results to emit in the order of items, each
// as soon as it and every result before it are done. Memory is bounded: at
// most workers items are worked on and at most workers+2 results wait for
// emit, however many items flow through. emit runs in the calling
// goroutine, items in a goroutine of its own, work in goroutines of their
// own.
//
// Ordered returns when every item has been emitted, or at the first error
// of emit, which it returns: it then stops taking items, tells the running
// work through its context (canceled) and waits for it, emitting nothing
// more. When ctx ends first, Ordered stops the same way and returns
// ctx.Err(). An items iterator blocked in a read is left to notice the end
// on its next yield.
//
// It is the worker pool of the saywho command, and suits any front end
// that must stream results in input order (an HTTP batch, a pipeline).
func Ordered[T, R any](ctx context.Context, workers int, items iter.Seq[T], work func(context.Context, T) R, emit func(R) error) error {
	workers = max(workers, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	queue := make(chan chan R, workers)
	sem := make(chan struct{}, workers)
	var running sync.WaitGroup
	go func() {
		defer close(queue)
		for it := range items {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			done := make(chan R, 1)
			select {
			case queue <- done:
			case <-ctx.Done():
				<-sem
				return
			}
			running.Add(1)
			go func() {
				defer running.Done()
				r := work(ctx, it)
				<-sem
				done <- r
			}()
		}
	}()
	var err error
	for done := range queue {
		r := <-done
		if err != nil || ctx.Err() != nil {
			continue
		}
		if err = emit(r); err != nil {
			cancel()
		}
	}
	running.Wait()
	if err != nil {
		return err
	}
	return context.Cause(ctx)
}
