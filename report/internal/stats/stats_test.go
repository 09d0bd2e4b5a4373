package stats

import (
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// Expected values below come from outside the code under test: a hand computation shown in
// the comment, a brute-force reference written here, a published table, or a Python 3 stdlib
// script (fractions.Fraction for exact arithmetic, math.erfc for the normal tail) whose recipe
// is given next to the figure.

// approxEqual reports whether a and b agree to within tol, relative to the larger magnitude
// once that exceeds 1. Two NaNs agree.
func approxEqual(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol*max(1, math.Abs(a), math.Abs(b))
}

// relEqual reports whether a and b agree to within tol relative to the larger magnitude, so
// that tiny p-values are compared digit by digit rather than both passing as about zero.
func relEqual(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*max(math.Abs(a), math.Abs(b))
}

// oneTo returns 1, 2, …, n: consecutive months.
func oneTo(n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = float64(i + 1)
	}
	return xs
}

func TestMedian(t *testing.T) {
	tests := []struct {
		name string
		in   []float64
		want float64
	}{
		{"empty", nil, math.NaN()},
		{"one", []float64{7}, 7},
		{"two", []float64{7, 8}, 7.5},
		{"odd unsorted", []float64{5, 1, 4, 2, 3}, 3},
		{"even unsorted", []float64{40, 10, 30, 20}, 25},
		{"duplicates straddle the middle", []float64{2, 9, 2, 2, 9, 9}, 5.5},
		{"duplicates at the middle", []float64{1, 5, 5, 5, 9, 9}, 5},
		{"negative", []float64{-3, -1, -2}, -2},
		{"flat", []float64{4, 4, 4, 4}, 4},
		{"sorted descending", []float64{6, 5, 4, 3, 2, 1}, 3.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.in)
			got := Median(in)
			if !approxEqual(got, tt.want, 0) {
				t.Errorf("Median(%v) = %v, want %v", tt.in, got, tt.want)
			}
			if !slices.Equal(in, tt.in) {
				t.Errorf("Median(%v) modified its input to %v", tt.in, in)
			}
		})
	}
}

// TestMedianMatchesSort checks the quickselect against the textbook definition, on lengths
// on both sides of median's 64-value stack buffer and with many ties.
func TestMedianMatchesSort(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		xs := make([]float64, 1+r.IntN(100))
		for i := range xs {
			xs[i] = float64(r.IntN(10)) // few distinct values: ties everywhere
		}
		sorted := slices.Clone(xs)
		sort.Float64s(sorted)
		n := len(sorted)
		want := (sorted[(n-1)/2] + sorted[n/2]) / 2
		if got := Median(xs); got != want {
			t.Fatalf("Median(%v) = %v, want %v", xs, got, want)
		}
	}
}

// bruteTheilSen is the estimator as the textbook writes it: list every slope, sort, take the
// middle; then the same for the intercepts.
func bruteTheilSen(xs, ys []float64) (slope, intercept float64) {
	var slopes []float64
	for i := range xs {
		for j := i + 1; j < len(xs); j++ {
			if xs[j] != xs[i] {
				slopes = append(slopes, (ys[j]-ys[i])/(xs[j]-xs[i]))
			}
		}
	}
	mid := func(v []float64) float64 {
		if len(v) == 0 {
			return math.NaN()
		}
		sort.Float64s(v)
		return (v[(len(v)-1)/2] + v[len(v)/2]) / 2
	}
	slope = mid(slopes)
	var res []float64
	for i := range xs {
		res = append(res, ys[i]-slope*xs[i])
	}
	return slope, mid(res)
}

func TestTheilSen(t *testing.T) {
	tests := []struct {
		name          string
		xs, ys        []float64
		slope, interc float64
	}{
		// Pairwise slopes (i<j): 2, 1/2, 4/3, 3/4, -1, 1, 1/3, 3, 1, -1. Sorted: -1 -1 1/3 1/2
		// 3/4 | 1 1 4/3 2 3, median (3/4+1)/2 = 7/8. Residuals ys-7/8·xs: 1/8 5/4 -5/8 3/2
		// -3/8, median 1/8.
		{"noisy rise", oneTo(5), []float64{1, 3, 2, 5, 4}, 0.875, 0.125},
		// Months 3 and 6 missing. Slopes: (1,2) 2, (1,4) 1/3, (1,5) 5/4, (1,7) 2/3, (2,4) -1/2,
		// (2,5) 1, (2,7) 2/5, (4,5) 4, (4,7) 1, (5,7) -1/2. Sorted: -1/2 -1/2 1/3 2/5 2/3 | 1 1
		// 5/4 2 4, median (2/3+1)/2 = 5/6. Residuals ys-5/6·xs: 55/6 31/3 23/3 65/6 49/6,
		// median 55/6. (Same with Python fractions.Fraction.)
		{"gaps", []float64{1, 2, 4, 5, 7}, []float64{10, 12, 11, 15, 14}, 5.0 / 6, 55.0 / 6},
		// Month 3 missing from y = 2x + 1: the slope stays exactly 2. Read as five
		// consecutive positions it would not be a straight line at all.
		{"gap in a straight line", []float64{1, 2, 4, 5}, []float64{3, 5, 9, 11}, 2, 1},
		// y = 100 − 2.5x over months 1..12.
		{"straight fall", oneTo(12), []float64{97.5, 95, 92.5, 90, 87.5, 85, 82.5, 80, 77.5, 75, 72.5, 70}, -2.5, 100},
		// Two points at month 1: that pair is skipped. Slopes: (1b,2) 3, (1a,2) 1, median 2.
		// Residuals 0-2, 2-2, 3-4: -2 0 -1, median -1.
		{"repeated month", []float64{1, 1, 2}, []float64{0, 2, 3}, 2, -1},
		{"two points", []float64{3, 5}, []float64{10, 6}, -2, 16},
		// One wild value on the line y = x moves neither estimate: the 6 slopes between the
		// other points are 1, the 4 through the outlier are 49/2, 48, -46, -45/2 (two either
		// side), so the median is 1; 4 of the 5 residuals are 0.
		{"outlier", oneTo(5), []float64{1, 2, 50, 4, 5}, 1, 0},
		{"flat", oneTo(6), []float64{7, 7, 7, 7, 7, 7}, 0, 7},
		{"empty", nil, nil, math.NaN(), math.NaN()},
		{"one point", []float64{4}, []float64{9}, math.NaN(), math.NaN()},
		{"all in one month", []float64{2, 2, 2}, []float64{1, 5, 3}, math.NaN(), math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			slope, interc := TheilSen(tt.xs, tt.ys)
			if !approxEqual(slope, tt.slope, 1e-12) || !approxEqual(interc, tt.interc, 1e-12) {
				t.Errorf("TheilSen(%v, %v) = %v, %v, want %v, %v", tt.xs, tt.ys, slope, interc, tt.slope, tt.interc)
			}
		})
	}
}

// randomSeries returns n points on months drawn with gaps (and, when repeat is set, repeated
// months), values on a coarse grid so that ties occur.
func randomSeries(r *rand.Rand, n int, repeat bool) (xs, ys []float64) {
	x := 0.0
	for range n {
		if !repeat || r.IntN(4) > 0 {
			x += float64(1 + r.IntN(3))
		}
		xs = append(xs, x)
		ys = append(ys, float64(r.IntN(40))/4)
	}
	return xs, ys
}

func TestTheilSenMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 1000 {
		// Up to 50 points, past the 36 that fit theilSen's stack buffer.
		xs, ys := randomSeries(r, r.IntN(51), true)
		wantSlope, wantInterc := bruteTheilSen(xs, ys)
		slope, interc := TheilSen(xs, ys)
		if !approxEqual(slope, wantSlope, 1e-12) || !approxEqual(interc, wantInterc, 1e-12) {
			t.Fatalf("TheilSen(%v, %v) = %v, %v, want %v, %v", xs, ys, slope, interc, wantSlope, wantInterc)
		}
	}
}

func TestTheilSenProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 500 {
		xs, ys := randomSeries(r, 2+r.IntN(35), false)
		xs0, ys0 := slices.Clone(xs), slices.Clone(ys)
		slope, interc := TheilSen(xs, ys)
		if !slices.Equal(xs, xs0) || !slices.Equal(ys, ys0) {
			t.Fatalf("TheilSen(%v, %v) modified its input", xs0, ys0)
		}

		// Adding a constant: values are quarters and the constant an integer, so every
		// difference, and hence the slope, is exact.
		shifted := slices.Clone(ys)
		for i := range shifted {
			shifted[i] += 1000
		}
		if s, b := TheilSen(xs, shifted); s != slope || !approxEqual(b, interc+1000, 1e-12) {
			t.Fatalf("TheilSen(%v, %v) = %v, %v, want %v, %v (the fit of ys + 1000)", xs, shifted, s, b, slope, interc+1000)
		}

		// Scaling by a negative constant reverses the order of the slopes; the median follows.
		const c = -3.5
		scaled := slices.Clone(ys)
		for i := range scaled {
			scaled[i] *= c
		}
		if s, b := TheilSen(xs, scaled); !approxEqual(s, c*slope, 1e-12) || !approxEqual(b, c*interc, 1e-12) {
			t.Fatalf("TheilSen(%v, %v) = %v, %v, want %v, %v (the fit of %v·ys)", xs, scaled, s, b, c*slope, c*interc, c)
		}

		// The order the points come in does not matter.
		perm := r.Perm(len(xs))
		px, py := make([]float64, len(xs)), make([]float64, len(xs))
		for i, j := range perm {
			px[i], py[i] = xs[j], ys[j]
		}
		if s, b := TheilSen(px, py); s != slope || !approxEqual(b, interc, 1e-12) {
			t.Fatalf("TheilSen(%v, %v) = %v, %v, want %v, %v (the fit of the same points in order)", px, py, s, b, slope, interc)
		}

		// A straight line through the same (gapped) months is recovered exactly: 0.25 and
		// 1.5 are exact in binary, so every pairwise slope is exactly 0.25.
		line := make([]float64, len(xs))
		for i, x := range xs {
			line[i] = 1.5 + 0.25*x
		}
		if s, b := TheilSen(xs, line); s != 0.25 || b != 1.5 {
			t.Fatalf("TheilSen(%v, %v) = %v, %v, want 0.25, 1.5", xs, line, s, b)
		}
	}
}

func TestTheilSenPanicsOnLengthMismatch(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Errorf("theilSen with 3 months and 2 values did not panic")
		}
	}()
	TheilSen([]float64{1, 2, 3}, []float64{1, 2})
}

func TestTheilSenAllocs(t *testing.T) {
	xs, ys := benchSeries(36)
	if n := testing.AllocsPerRun(100, func() { TheilSen(xs, ys) }); n != 0 {
		t.Errorf("theilSen on 36 points allocates %v times, want 0", n)
	}
}

// TestMahonianOEIS checks the first rows against OEIS A008302 ("Triangle of Mahonian
// numbers T(n,k): coefficients in expansion of Product_{i=0..n-1} (1 + x + ... + x^i)").
func TestMahonianOEIS(t *testing.T) {
	want := [][]float64{
		{1},
		{1},
		{1, 1},
		{1, 2, 2, 1},
		{1, 3, 5, 6, 5, 3, 1},
		{1, 4, 9, 15, 20, 22, 20, 15, 9, 4, 1},
		{1, 5, 14, 29, 49, 71, 90, 101, 101, 90, 71, 49, 29, 14, 5, 1},
	}
	for n, row := range want {
		if got := mahonian()[n]; !slices.Equal(got, row) {
			t.Errorf("mahonian()[%d] = %v, want %v", n, got, row)
		}
	}
}

// TestMahonianExact recomputes every row with exact integers, by direct summation of the
// recurrence rather than a sliding window, and checks that each row sums to n!.
func TestMahonianExact(t *testing.T) {
	prev := []*big.Int{big.NewInt(1)}
	fact := big.NewInt(1)
	for n := 1; n <= maxExactN; n++ {
		row := make([]*big.Int, n*(n-1)/2+1)
		sum := new(big.Int)
		for k := range row {
			row[k] = new(big.Int)
			for i := max(0, k-n+1); i <= k && i < len(prev); i++ {
				row[k].Add(row[k], prev[i])
			}
			sum.Add(sum, row[k])
		}
		fact.Mul(fact, big.NewInt(int64(n)))
		if sum.Cmp(fact) != 0 {
			t.Fatalf("row %d of the reference sums to %v, want %d! = %v", n, sum, n, fact)
		}

		got := mahonian()[n]
		if len(got) != len(row) {
			t.Fatalf("len(mahonian()[%d]) = %d, want %d", n, len(got), len(row))
		}
		for k, c := range row {
			want, _ := new(big.Float).SetInt(c).Float64()
			if !approxEqual(got[k]/want, 1, 1e-13) {
				t.Fatalf("mahonian()[%d][%d] = %v, want %v", n, k, got[k], c)
			}
		}
		prev = row
	}
}

// forEachPermutation calls visit with every ordering of 1, 2, …, n (Heap's algorithm).
func forEachPermutation(n int, visit func([]float64)) {
	a := oneTo(n)
	var generate func(k int)
	generate = func(k int) {
		if k <= 1 {
			visit(a)
			return
		}
		for i := range k - 1 {
			generate(k - 1)
			if k%2 == 0 {
				a[i], a[k-1] = a[k-1], a[i]
			} else {
				a[0], a[k-1] = a[k-1], a[0]
			}
		}
		generate(k - 1)
	}
	generate(n)
}

// bruteS is the Mann–Kendall statistic straight from its definition.
func bruteS(ys []float64) int {
	s := 0
	for i := range ys {
		for j := i + 1; j < len(ys); j++ {
			if ys[j] > ys[i] {
				s++
			} else if ys[j] < ys[i] {
				s--
			}
		}
	}
	return s
}

// TestMannKendallExactEnumeration derives the null distribution of S for n ≤ 8 by listing all
// n! orderings, then checks mannKendall's s and p on every one of them.
func TestMannKendallExactEnumeration(t *testing.T) {
	for n := 3; n <= 8; n++ {
		maxS := n * (n - 1) / 2
		count := make([]int, 2*maxS+1) // count[S+maxS]
		total := 0
		forEachPermutation(n, func(ys []float64) {
			count[bruteS(ys)+maxS]++
			total++
		})
		wantP := func(s int) float64 {
			atLeast := 0
			for i, c := range count {
				if max(i-maxS, maxS-i) >= max(s, -s) {
					atLeast += c
				}
			}
			return float64(atLeast) / float64(total)
		}

		// Months with gaps: only their order may matter.
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = float64(1 + i + i/2)
		}
		forEachPermutation(n, func(ys []float64) {
			s, p := MannKendall(xs, ys)
			want := bruteS(ys)
			if s != want || !relEqual(p, wantP(want), 1e-12) {
				t.Fatalf("MannKendall(%v, %v) = %d, %v, want %d, %v", xs, ys, s, p, want, wantP(want))
			}
		})
	}
}

func TestMannKendall(t *testing.T) {
	tests := []struct {
		name   string
		xs, ys []float64
		s      int
		p      float64
	}{
		// Kendall, Rank Correlation Methods (1975), Appendix Table 1, reproduced in Gilbert,
		// Statistical Methods for Environmental Pollution Monitoring (1987), Table A18, gives
		// one-sided P(S ≥ s): n=4: s=4 0.167, s=6 0.042; n=5: s=8 0.042, s=10 0.0083. Exactly
		// these are 4/24, 1/24, 5/120, 1/120 (A008302 tails); two-sided doubles them.
		{"table n=4 s=4", oneTo(4), []float64{1, 2, 4, 3}, 4, 8.0 / 24},
		{"table n=4 s=6", oneTo(4), []float64{1, 2, 3, 4}, 6, 2.0 / 24},
		{"table n=4 s=-6", oneTo(4), []float64{4, 3, 2, 1}, -6, 2.0 / 24},
		{"table n=5 s=8", oneTo(5), []float64{2, 1, 3, 4, 5}, 8, 10.0 / 120},
		{"table n=5 s=10", oneTo(5), []float64{1, 2, 3, 4, 5}, 10, 2.0 / 120},
		// n=3: S = -1 is the middle of {-3, -1, 1, 3}; every ordering has |S| ≥ 1.
		{"n=3 no trend", oneTo(3), []float64{3, 1, 2}, -1, 1},
		// n=5, S=0: P(|S| ≥ 0) = 1.
		{"zero S", oneTo(5), []float64{3, 1, 5, 4, 2}, 0, 1},
		// Python: S by definition, then p = 2·Σ_{k ≤ (N−|S|)/2} T(n,k) / n!, with T the
		// A008302 row built as Π (1+q+…+q^{i-1}) in exact integers and fractions.Fraction.
		// S = 56 of 66 pairs, p = 1957/119750400.
		{"twelve months rising", oneTo(12), []float64{82, 84, 83, 86, 85, 88, 87, 90, 89, 91, 93, 92}, 56, 1957.0 / 119750400},
		// Same script: S = 66, p = 2/12! = 1/239500800.
		{"twelve months strictly rising", oneTo(12), oneTo(12), 66, 1.0 / 239500800},
		// Same script: S = 11, p = 345389/907200.
		{"ten months noise", oneTo(10), []float64{5, 3, 8, 1, 9, 2, 7, 4, 6, 10}, 11, 345389.0 / 907200},
		// n = 40, the largest exact case: A008302 row 40 starts 1, 39 (one adjacent swap), so
		// P(S = 780) = 1/40! and P(S ≥ 778) = 40/40!; Python: 2/factorial(40) and 80/factorial(40).
		{"forty months strictly rising", oneTo(40), oneTo(40), 780, 2.4512348782567717e-48},
		{"forty months one swap", oneTo(40), slices.Concat(oneTo(38), []float64{40, 39}), 778, 9.804939513027087e-47},
		// Gaps do not matter, only order: the n=5 s=8 case on months 1, 2, 4, 7, 8.
		{"gapped months", []float64{1, 2, 4, 7, 8}, []float64{2, 1, 3, 4, 5}, 8, 10.0 / 120},

		// Ties: normal approximation. ys = 1 2 2 3 4: signs from 1: + + + + (4), from the
		// first 2: 0 + + (2), from the second 2: + + (2), from 3: + (1), so S = 9. One tie group
		// t=2 contributes 2·1·9 = 18: Var = (5·4·15 − 18)/18 = 282/18 = 15.6667.
		// Z = (9−1)/√15.6667 = 2.021165, p = erfc(Z/√2) = 0.043262727806910685 (Python
		// math.erfc).
		{"ties", oneTo(5), []float64{1, 2, 2, 3, 4}, 9, 0.043262727806910685},
		// Reversed: S = −9, Z = (−9+1)/√15.6667, same p.
		{"ties falling", oneTo(5), []float64{4, 3, 2, 2, 1}, -9, 0.043262727806910685},
		// Twelve months of counts with five pairs of equal values (3, 4, 5, 6, 8): S = 49,
		// Var = (12·11·29 − 5·(2·1·9))/18 = (3828 − 90)/18 = 207.6667, Z = 48/√207.6667 =
		// 3.330871, p = erfc(Z/√2) = 0.0008657464558830258 (Python).
		{"ties twelve months", oneTo(12), []float64{3, 4, 4, 5, 3, 6, 6, 7, 5, 8, 8, 9}, 49, 0.0008657464558830258},
		{"all tied", oneTo(6), []float64{2, 2, 2, 2, 2, 2}, 0, 1},

		// n = 41 > 40, no ties: normal approximation. S = 41·40/2 = 820, Var = 41·40·87/18 =
		// 7926.667, Z = 819/√7926.667 = 9.198957, p = erfc(Z/√2) = 3.6143981849545333e-20
		// (Python).
		{"forty-one months", oneTo(41), oneTo(41), 820, 3.6143981849545333e-20},

		{"empty", nil, nil, 0, 1},
		{"one", []float64{1}, []float64{5}, 0, 1},
		{"two rising", []float64{1, 2}, []float64{5, 6}, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, p := MannKendall(tt.xs, tt.ys)
			if s != tt.s || !relEqual(p, tt.p, 1e-9) {
				t.Errorf("MannKendall(%v, %v) = %d, %v, want %d, %v", tt.xs, tt.ys, s, p, tt.s, tt.p)
			}
		})
	}
}

func TestMannKendallProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 2000 {
		n := r.IntN(61)
		xs, ys := randomSeries(r, n, false)
		if r.IntN(2) == 0 { // half the series without ties, for the exact path
			for i := range ys {
				ys[i] = r.Float64()
			}
		}
		ys0 := slices.Clone(ys)
		s, p := MannKendall(xs, ys)
		if !slices.Equal(ys, ys0) {
			t.Fatalf("MannKendall(%v, %v) modified its input", xs, ys0)
		}
		if want := bruteS(ys); s != want {
			t.Fatalf("MannKendall(%v, %v) = %d, _, want S = %d", xs, ys, s, want)
		}
		if !(p > 0 && p <= 1) {
			t.Fatalf("MannKendall(%v, %v) = _, %v, want p in (0, 1]", xs, ys, p)
		}

		rev := slices.Clone(ys)
		slices.Reverse(rev)
		if rs, rp := MannKendall(xs, rev); rs != -s || !relEqual(rp, p, 1e-12) {
			t.Fatalf("MannKendall(%v, %v) = %d, %v, want %d, %v (ys reversed)", xs, rev, rs, rp, -s, p)
		}

		// A strictly increasing transform keeps every sign, so S and p too.
		cubed := slices.Clone(ys)
		for i, y := range cubed {
			cubed[i] = 2*y*y*y + 5
		}
		if cs, cp := MannKendall(xs, cubed); cs != s || cp != p {
			t.Fatalf("MannKendall(%v, %v) = %d, %v, want %d, %v (2ys³+5)", xs, cubed, cs, cp, s, p)
		}
	}
}

// TestMannKendallExactNearNormal checks the largest exact case against the normal
// approximation computed here, which it must approach: for n = 40 a Python comparison over
// every S found the two within 0.0025.
func TestMannKendallExactNearNormal(t *testing.T) {
	const n = 40
	sd := math.Sqrt(n * (n - 1) * (2*n + 5) / 18.0)
	// Orderings of 1..40 with 0, 13, 26, … inversions sweep S across its range.
	for inv := 0; inv <= n*(n-1)/2; inv += 13 {
		ys := withInversions(n, inv)
		s, p := MannKendall(oneTo(n), ys)
		normal := 1.0
		if s != 0 {
			normal = math.Erfc((math.Abs(float64(s)) - 1) / sd / math.Sqrt2)
		}
		if math.Abs(p-normal) > 0.003 {
			t.Errorf("MannKendall(oneTo(40), %v) = %d, %v, want within 0.003 of the normal %v", ys, s, p, normal)
		}
	}
}

// withInversions returns an ordering of 1..n with exactly inv inversions (0 ≤ inv ≤ n(n−1)/2):
// each value, largest first, is placed as far left as the remaining inversions allow.
func withInversions(n, inv int) []float64 {
	var ys []float64
	for v := n; v >= 1; v-- {
		// Inserting v among the n−v larger values already placed: each larger value to its
		// left is one inversion.
		k := min(inv, n-v)
		inv -= k
		ys = slices.Insert(ys, k, float64(v))
	}
	return ys
}

func TestWithInversions(t *testing.T) {
	for _, inv := range []int{0, 1, 7, 23, 45} {
		ys := withInversions(10, inv)
		if got := (45 - bruteS(ys)) / 2; got != inv {
			t.Errorf("withInversions(10, %d) = %v with %d inversions", inv, ys, got)
		}
	}
}

func TestMannKendallPanics(t *testing.T) {
	tests := []struct {
		name   string
		xs, ys []float64
	}{
		{"length mismatch", []float64{1, 2, 3}, []float64{1, 2}},
		{"repeated month", []float64{1, 2, 2}, []float64{1, 2, 3}},
		{"months out of order", []float64{1, 3, 2}, []float64{1, 2, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("MannKendall(%v, %v) did not panic", tt.xs, tt.ys)
				}
			}()
			MannKendall(tt.xs, tt.ys)
		})
	}
}

func TestMannKendallAllocs(t *testing.T) {
	xs, ys := benchSeries(12)
	MannKendall(xs, ys) // builds the Mahonian table once
	if n := testing.AllocsPerRun(100, func() { MannKendall(xs, ys) }); n != 0 {
		t.Errorf("mannKendall on 12 points allocates %v times, want 0", n)
	}
}

func TestMovingRanges(t *testing.T) {
	tests := []struct {
		name string
		in   []float64
		want []float64
	}{
		{"empty", nil, nil},
		{"one", []float64{5}, nil},
		{"up and down", []float64{10, 12, 11, 15, 14}, []float64{2, 1, 4, 1}},
		{"negative values", []float64{-1, -4, 2}, []float64{3, 6}},
		{"flat", []float64{3, 3, 3}, []float64{0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MovingRanges(tt.in); !slices.Equal(got, tt.want) || (got == nil) != (tt.want == nil) {
				t.Errorf("MovingRanges(%v) = %#v, want %#v", tt.in, got, tt.want)
			}
		})
	}
}

// TestMedianRangeBias derives the constant: X₁ − X₂ ~ N(0, 2), so the median of |X₁ − X₂| is
// √2·Φ⁻¹(0.75) = √2·√2·erfinv(0.5) = 0.95387 (Python: sqrt(2)*NormalDist().inv_cdf(0.75)).
func TestMedianRangeBias(t *testing.T) {
	if want := 2 * math.Erfinv(0.5); math.Abs(MedianRangeBias-want) > 0.0005 {
		t.Errorf("MedianRangeBias = %v, want %.5f", MedianRangeBias, want)
	}
}

func TestXmrSigma(t *testing.T) {
	tests := []struct {
		name  string
		in    []float64
		sigma float64
		ok    bool
	}{
		{"empty", nil, 0, false},
		{"one", []float64{5}, 0, false},
		// Moving ranges 2 1 4 1, median (1+2)/2 = 1.5, σ = 1.5/0.954.
		{"five months", []float64{10, 12, 11, 15, 14}, 1.5 / 0.954, true},
		// Moving ranges 3 3 3 60 60 3 3: one spike costs two large ranges, the median stays 3.
		{"spike in the baseline", []float64{50, 53, 50, 53, 113, 53, 50, 53}, 3 / 0.954, true},
		{"two", []float64{4, 6}, 2 / 0.954, true},
		{"flat", []float64{7, 7, 7, 7}, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sigma, ok := XmRSigma(tt.in)
			if !approxEqual(sigma, tt.sigma, 1e-12) || ok != tt.ok {
				t.Errorf("XmRSigma(%v) = %v, %v, want %v, %v", tt.in, sigma, ok, tt.sigma, tt.ok)
			}
		})
	}
}

func TestXmrSpikes(t *testing.T) {
	tests := []struct {
		name          string
		center, sigma float64
		in            []float64
		want          []int
	}{
		// Limits 10 ± 3·1 = 7 and 13, both exact in binary: values on a limit are not spikes.
		{"on the limits", 10, 1, []float64{7, 13, 10}, nil},
		{"just beyond", 10, 1, []float64{6.999, 13.001, 10}, []int{0, 1}},
		{"several", 10, 1, []float64{10, 20, 9, 0, 12, 14}, []int{1, 3, 5}},
		{"none", 10, 1, []float64{8, 9, 11, 12}, nil},
		{"empty", 10, 1, nil, nil},
		// A flat baseline (σ = 0) sets no limits: a later change is a trend to test, not a one-off.
		{"zero sigma", 10, 0, []float64{10, 11, 50}, nil},
		{"negative sigma", 10, -1, []float64{10, 11, 50}, nil},
		{"NaN sigma", 10, math.NaN(), []float64{10, 11, 50}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := XmRSpikes(tt.center, tt.sigma, tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("XmRSpikes(%v, %v, %v) = %v, want %v", tt.center, tt.sigma, tt.in, got, tt.want)
			}
		})
	}
}

// benchSeries returns n months of a noisy rising KPI, fixed by the seed and free of ties.
func benchSeries(n int) (xs, ys []float64) {
	r := rand.New(rand.NewPCG(9, 10))
	xs = oneTo(n)
	ys = make([]float64, n)
	for i := range ys {
		ys[i] = 80 + 0.3*float64(i) + 4*r.Float64()
	}
	return xs, ys
}

func BenchmarkTheilSen36(b *testing.B) {
	xs, ys := benchSeries(36)
	b.ReportAllocs()
	for b.Loop() {
		TheilSen(xs, ys)
	}
}

// BenchmarkTheilSen36Flat is the worst case for a two-way partition: 630 equal slopes.
func BenchmarkTheilSen36Flat(b *testing.B) {
	xs, ys := oneTo(36), make([]float64, 36)
	b.ReportAllocs()
	for b.Loop() {
		TheilSen(xs, ys)
	}
}

func BenchmarkMannKendall12(b *testing.B) {
	xs, ys := benchSeries(12)
	b.ReportAllocs()
	for b.Loop() {
		MannKendall(xs, ys)
	}
}
