//go:build !unix

package pdf_test

// cpuTime is not measured here.
func cpuTime() float64 { return 0 }
