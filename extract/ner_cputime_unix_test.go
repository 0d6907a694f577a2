//go:build unix

package extract

import "syscall"

// nerCPUSeconds returns the user+system CPU time of the process. On a
// shared machine it measures our work better than wall time (run the
// benchmarks with -cpu 1).
func nerCPUSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
