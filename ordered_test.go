package saywho

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func count(n int) func(yield func(int) bool) {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

// TestOrderedOrderAndBound runs items whose work takes random time and
// checks that results come in input order and that no more than
// workers+2 results are ever held (memory stays flat).
func TestOrderedOrderAndBound(t *testing.T) {
	for _, workers := range []int{0, 1, 2, 7} {
		const n = 2000
		var started, emitted, most atomic.Int64
		var got []int
		work := func(_ context.Context, i int) int {
			s := started.Add(1)
			if held := s - emitted.Load(); held > most.Load() {
				most.Store(held)
			}
			if rand.IntN(10) == 0 {
				time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
			}
			return i
		}
		emit := func(i int) error {
			got = append(got, i)
			emitted.Add(1)
			return nil
		}
		require.NoError(t, Ordered(context.Background(), workers, count(n), work, emit))
		require.Len(t, got, n)
		for i, v := range got {
			require.Equal(t, i, v, "workers=%d: result %d out of order", workers, i)
		}
		assert.LessOrEqual(t, most.Load(), int64(max(workers, 1)+3), "workers=%d: results held at once", workers)
	}
}

// TestOrderedStreams checks that a result is emitted as soon as it and
// those before it are done, not after the last item.
func TestOrderedStreams(t *testing.T) {
	release := make(chan struct{})
	firstEmitted := make(chan struct{})
	items := func(yield func(int) bool) {
		yield(0)
		<-firstEmitted // the first result must come out before more input
		for i := 1; i < 5; i++ {
			if !yield(i) {
				return
			}
		}
		close(release)
	}
	var got []int
	emit := func(i int) error {
		if i == 0 {
			close(firstEmitted)
		}
		got = append(got, i)
		return nil
	}
	done := make(chan error)
	go func() {
		done <- Ordered(context.Background(), 2, items, func(_ context.Context, i int) int { return i }, emit)
	}()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("Ordered held back the first result until more input came")
	}
	<-release
	assert.Equal(t, []int{0, 1, 2, 3, 4}, got)
}

func TestOrderedStopsOnEmitError(t *testing.T) {
	boom := errors.New("disk full")
	var worked atomic.Int64
	var emitted []int
	err := Ordered(context.Background(), 2, count(100000), func(ctx context.Context, i int) int {
		worked.Add(1)
		return i
	}, func(i int) error {
		if i == 3 {
			return boom
		}
		emitted = append(emitted, i)
		return nil
	})
	assert.ErrorIs(t, err, boom)
	assert.Equal(t, []int{0, 1, 2}, emitted, "nothing is emitted after the error")
	assert.Less(t, worked.Load(), int64(100), "items stop being taken")
}

func TestOrderedStopsOnContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := Ordered(ctx, 2, count(100000), func(ctx context.Context, i int) int {
		if i == 10 {
			cancel()
		}
		return i
	}, func(int) error { n++; return nil })
	assert.ErrorIs(t, err, context.Canceled)
	assert.Less(t, n, 100)
}
