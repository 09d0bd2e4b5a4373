// Command packbench measures whole build runs, as an account manager runs them: for 1, 50
// and 500 synthetic teams (made by samplegen), with --jobs 1 and --jobs 2, it prints the
// wall time, the milliseconds per team, the peak resident memory and the files and bytes
// written. Then, side by side in one run, it times the usual alternative
// (../shared/bench/peer.py: matplotlib, reportlab and openpyxl) against transferpack on
// the same one-team CSV input, alternating 5 times, and prints the median ratio.
//
// Run it from the repository root:
//
//	go run ./cmd/packbench
//	go run ./cmd/packbench --teams 1,50 --runs 3
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	teams := flag.String("teams", "1,50,500", "the team counts to build, comma-separated")
	jobs := flag.String("jobs", "1,2", "the --jobs values to build with, comma-separated")
	formats := flag.String("format", "", "the formats to build (default: every format)")
	peer := flag.String("peer", "../shared/bench/peer.py", "the Python alternative to time against; \"\" to skip")
	runs := flag.Int("runs", 5, "alternated runs of the side-by-side comparison")
	flag.Parse()
	if err := run(*teams, *jobs, *formats, *peer, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "packbench:", err)
		os.Exit(1)
	}
}

func run(teamList, jobList, formats, peer string, runs int) error {
	tmp, err := os.MkdirTemp("", "packbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "transferpack")
	gen := filepath.Join(tmp, "samplegen")
	for _, b := range [][2]string{{bin, "./cmd/transferpack"}, {gen, "./cmd/samplegen"}} {
		if out, err := exec.Command("go", "build", "-o", b[0], b[1]).CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %v\n%s", b[1], err, out)
		}
	}
	fmt.Printf("machine: %d cores (%s/%s), %s\n\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, cpuModel())
	fmt.Printf("%6s %5s %10s %9s %10s %7s %11s\n", "teams", "jobs", "wall", "ms/team", "peak RSS", "files", "bytes")
	for _, n := range ints(teamList) {
		in := filepath.Join(tmp, fmt.Sprintf("in-%d", n))
		if out, err := exec.Command(gen, "--teams", strconv.Itoa(n), "--out", in).CombinedOutput(); err != nil {
			return fmt.Errorf("samplegen: %v\n%s", err, out)
		}
		for _, j := range ints(jobList) {
			out := filepath.Join(tmp, fmt.Sprintf("out-%d-%d", n, j))
			args := []string{"build", "--force", "--quiet", "--jobs", strconv.Itoa(j), "--out", out}
			if formats != "" {
				args = append(args, "--format", formats)
			}
			wall, rss, err := timed(bin, append(args, in)...)
			if err != nil {
				return err
			}
			files, size := tree(out)
			fmt.Printf("%6d %5d %9.2fs %9.1f %7.0f MB %7d %8.1f MB\n", n, j, wall.Seconds(),
				float64(wall.Milliseconds())/float64(n), float64(rss)/1024, files, float64(size)/1e6)
			os.RemoveAll(out)
		}
		os.RemoveAll(in)
	}
	if peer == "" {
		return nil
	}
	return sideBySide(tmp, bin, gen, peer, runs)
}

// sideBySide times peer.py and transferpack on the same one-team CSV input, alternating.
func sideBySide(tmp, bin, gen, peer string, runs int) error {
	fmt.Println()
	if _, err := os.Stat(peer); err != nil {
		fmt.Printf("side by side: skipped, %v\n", err)
		return nil
	}
	// Debian's Python, where apt puts matplotlib, reportlab and openpyxl: the one
	// peer.py names in its first line.
	python := "/usr/bin/python3"
	if _, err := os.Stat(python); err != nil {
		python = "python3"
	}
	if out, err := exec.Command(python, "-c", "import matplotlib, reportlab, openpyxl").CombinedOutput(); err != nil {
		fmt.Printf("side by side: skipped, Python lacks matplotlib, reportlab or openpyxl (Debian: python3-matplotlib python3-reportlab python3-openpyxl):\n%s", out)
		return nil
	}
	in := filepath.Join(tmp, "peer-in")
	if out, err := exec.Command(gen, "--teams", "2", "--out", in).CombinedOutput(); err != nil {
		return fmt.Errorf("samplegen: %v\n%s", err, out)
	}
	team := filepath.Join(in, "input-0002") // the CSV folder: the form peer.py reads
	targets := "KPI,Target,Direction\npredictability,85,higher\nbug_escape_rate,10,lower\ntest_coverage,70,higher\nlead_time,72,lower\nchange_failure_rate,15,lower\nattrition,15,lower\nenps,20,higher\n"
	if err := os.WriteFile(filepath.Join(team, "targets.csv"), []byte(targets), 0o644); err != nil {
		return err
	}
	var ours, theirs, ratios []float64
	for i := 0; i < runs; i++ {
		t1, _, err := timed(bin, "build", "--force", "--quiet", "--out", filepath.Join(tmp, "peer-ours"), team)
		if err != nil {
			return err
		}
		t2, _, err := timed(python, peer, team, filepath.Join(tmp, "peer-theirs"))
		if err != nil {
			return err
		}
		ours, theirs = append(ours, t1.Seconds()*1000), append(theirs, t2.Seconds()*1000)
		ratios = append(ratios, t2.Seconds()/t1.Seconds())
	}
	fmt.Printf("side by side on one team, %d alternated runs:\n", runs)
	fmt.Printf("  transferpack (every format): median %.0f ms  %s\n", median(ours), list(ours))
	fmt.Printf("  peer.py (PNG charts, PDF, annex, HTML): median %.0f ms  %s\n", median(theirs), list(theirs))
	fmt.Printf("  ratio peer ÷ transferpack: median %.1f ×\n", median(ratios))
	return nil
}

// timed runs a command and returns its wall time and peak resident memory, in KB.
func timed(name string, args ...string) (time.Duration, int64, error) {
	cmd := exec.Command(name, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return 0, 0, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	var rss int64
	if u, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = u.Maxrss // KB on Linux
	}
	return wall, rss, nil
}

// tree counts the files and bytes below a folder.
func tree(dir string) (files int, size int64) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				files++
				size += fi.Size()
			}
		}
		return nil
	})
	return files, size
}

func ints(list string) []int {
	var out []int
	for _, s := range strings.Split(list, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	return out
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func list(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.FormatFloat(x, 'f', 0, 64)
	}
	return "(" + strings.Join(parts, ", ") + " ms)"
}

// cpuModel names the processor, for the record.
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown processor"
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if k, v, ok := strings.Cut(s.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown processor"
}
