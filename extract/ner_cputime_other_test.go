//go:build !unix

package extract

func nerCPUSeconds() float64 { return 0 }
