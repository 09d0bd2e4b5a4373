// Command transferpack turns spreadsheets of monthly team metrics into Transfer-readiness
// review packs for Build-Operate-Transfer offshore software centres.
package main

import (
	"context"
	"errors"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err))
}

// exitCode maps run's result to the documented exit codes: 0 ok, 1 some input failed,
// 2 misuse, 130 interrupted (Ctrl-C).
func exitCode(err error) int {
	var u *usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &u):
		return 2
	case errors.Is(err, context.Canceled):
		return 130
	}
	return 1 // run has printed what failed
}
