//go:build race

package extract

// nerRace reports whether the race detector is on: it makes sync.Pool drop
// items at random, so allocation counts are not meaningful.
const nerRace = true
