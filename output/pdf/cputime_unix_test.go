//go:build unix

package pdf_test

import "syscall"

// cpuTime is the CPU time the process has used, in seconds: user and system, every
// thread. On a shared machine it says what a pack costs better than the wall clock.
func cpuTime() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
