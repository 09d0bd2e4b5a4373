// Package stats holds the robust statistics behind the analysis: medians, the Theil–Sen slope,
// the Mann–Kendall trend test and XmR (individuals and moving range) limits. All of them take
// finite values in the KPI's own unit; callers drop months without data before calling, and a
// NaN in the input gives an unspecified result. Times are month indices, 1-based, and may have
// gaps where a month has no data.
package stats

import (
	"math"
	"slices"
	"sync"
)

// Median returns the middle value of xs, or the mean of the two middle values when len(xs) is
// even, in the unit of xs. It returns NaN for an empty slice and does not modify xs.
func Median(xs []float64) float64 {
	var buf [64]float64
	return medianInPlace(append(buf[:0], xs...))
}

// medianInPlace is Median for a slice the caller no longer needs: it reorders xs instead of
// copying it, so the hot paths can take medians without allocating.
func medianInPlace(xs []float64) float64 {
	n := len(xs)
	if n == 0 {
		return math.NaN()
	}
	k := n / 2
	upper := selectKth(xs, k)
	if n%2 == 1 {
		return upper
	}
	// selectKth leaves the k smallest values in xs[:k]; the lower middle is their maximum.
	lower := slices.Max(xs[:k])
	return (lower + upper) / 2
}

// selectKth reorders xs so that xs[k] holds the value it would hold if xs were sorted, with no
// larger value before it and no smaller one after, and returns that value. It is Hoare's
// quickselect with a three-way partition: Theil–Sen takes the median of up to 630 pairwise
// slopes, where sorting would dominate the cost, and a flat series makes every slope equal,
// which a two-way partition handles in quadratic time.
func selectKth(xs []float64, k int) float64 {
	lo, hi := 0, len(xs)-1
	for lo < hi {
		// The median of three keeps already sorted input, the usual case for a trend, linear.
		a, b, c := xs[lo], xs[lo+(hi-lo)/2], xs[hi]
		pivot := max(min(a, b), min(max(a, b), c))

		// Partition xs[lo:hi+1] into < pivot, == pivot and > pivot.
		lt, i, gt := lo, lo, hi
		for i <= gt {
			switch {
			case xs[i] < pivot:
				xs[lt], xs[i] = xs[i], xs[lt]
				lt++
				i++
			case xs[i] > pivot:
				xs[i], xs[gt] = xs[gt], xs[i]
				gt--
			default:
				i++
			}
		}
		switch {
		case k < lt:
			hi = lt - 1
		case k > gt:
			lo = gt + 1
		default:
			return pivot
		}
	}
	return xs[k]
}

// TheilSen fits ys ≈ intercept + slope·xs robustly. xs are month indices (gaps allowed, any
// order) and ys the values in the KPI's unit, so slope is in KPI units per month and intercept
// is the fitted value at month 0. The slope is the median of (ys[j]−ys[i])/(xs[j]−xs[i]) over
// all pairs i < j with xs[j] ≠ xs[i]; the intercept is the median of ys[i] − slope·xs[i].
// Both are NaN when no pair has distinct months (fewer than two points, say). It panics if
// xs and ys differ in length, and allocates nothing for up to 36 points.
func TheilSen(xs, ys []float64) (slope, intercept float64) {
	if len(xs) != len(ys) {
		panic("stats: TheilSen: xs and ys differ in length")
	}
	// 630 = 36·35/2, the number of pairs in three years of months; longer series spill to the heap.
	var buf [630]float64
	slopes := buf[:0]
	for j := range xs {
		for i := range j {
			if dx := xs[j] - xs[i]; dx != 0 {
				slopes = append(slopes, (ys[j]-ys[i])/dx)
			}
		}
	}
	if len(slopes) == 0 {
		return math.NaN(), math.NaN()
	}
	slope = medianInPlace(slopes)

	residuals := slopes[:0]
	for i, x := range xs {
		residuals = append(residuals, ys[i]-slope*x)
	}
	return slope, medianInPlace(residuals)
}

// maxExactN is the largest series MannKendall gives an exact p-value for; 40! ≈ 8.2e47 still
// fits a float64 with room to spare.
const maxExactN = 40

// mahonian returns the Mahonian numbers: row n, for 0 ≤ n ≤ maxExactN, holds at index k the
// number of permutations of n items with k inversions (OEIS A008302), as float64, exact up to
// n = 18 (18! < 2^53) and within a relative 1e-13 beyond. The table is built once, on first use.
var mahonian = sync.OnceValue(func() [][]float64 {
	rows := make([][]float64, maxExactN+1)
	rows[0] = []float64{1}
	for n := 1; n <= maxExactN; n++ {
		// Inserting the n-th item into a permutation of n−1 adds 0 to n−1 inversions, so
		// row[k] = prev[k−n+1] + … + prev[k], kept as a sliding window sum. Only the lower half
		// is summed: the window grows there, so its rounding stays relative, while in the upper
		// half it would subtract huge counts to reach small ones. The rows are symmetric.
		prev := rows[n-1]
		row := make([]float64, n*(n-1)/2+1)
		var sum float64
		for k := 0; k <= (len(row)-1)/2; k++ {
			if k < len(prev) {
				sum += prev[k]
			}
			if k >= n {
				sum -= prev[k-n]
			}
			row[k] = sum
		}
		for k := (len(row)-1)/2 + 1; k < len(row); k++ {
			row[k] = row[len(row)-1-k]
		}
		rows[n] = row
	}
	return rows
})

// MannKendall tests ys for a monotonic trend. xs are the months of ys and must be strictly
// increasing (gaps allowed); only their order matters. s = Σ sign(ys[j] − ys[i]) over all
// i < j, positive when ys tends to rise. p is the two-sided p-value P(|S| ≥ |s|) under the
// hypothesis of no trend, in (0, 1] (the normal tail underflows to 0 only for n in the hundreds):
//   - exact, from the permutation distribution of S, when ys has no ties and len(ys) ≤ 40;
//   - otherwise from the normal approximation with the tie-corrected variance
//     Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18, summed over groups of t equal values,
//     and a continuity correction of 1 towards zero.
//
// With fewer than 3 values there is no test and p is 1. It panics if xs and ys differ in
// length or xs is not strictly increasing.
func MannKendall(xs, ys []float64) (s int, p float64) {
	if len(xs) != len(ys) {
		panic("stats: MannKendall: xs and ys differ in length")
	}
	for i := 1; i < len(xs); i++ {
		if !(xs[i] > xs[i-1]) {
			panic("stats: MannKendall: xs not strictly increasing")
		}
	}
	n := len(ys)
	tied := false
	for j := range ys {
		for i := range j {
			switch d := ys[j] - ys[i]; {
			case d > 0:
				s++
			case d < 0:
				s--
			default:
				tied = true
			}
		}
	}
	if n < 3 || s == 0 {
		return s, 1
	}
	if !tied && n <= maxExactN {
		return s, mannKendallExact(n, s)
	}

	var buf [64]float64
	sorted := append(buf[:0], ys...)
	slices.Sort(sorted)
	variance := float64(n * (n - 1) * (2*n + 5))
	for i := 0; i < n; {
		j := i + 1
		for j < n && sorted[j] == sorted[i] {
			j++
		}
		t := j - i
		variance -= float64(t * (t - 1) * (2*t + 5))
		i = j
	}
	variance /= 18

	z := (math.Abs(float64(s)) - 1) / math.Sqrt(variance)
	return s, math.Erfc(z / math.Sqrt2)
}

// mannKendallExact returns P(|S| ≥ |s|) for n values without ties, s ≠ 0. S = N − 2·inv with
// N = n(n−1)/2 and inv the inversions of the ranks, all n! orders equally likely, so
// P(S ≥ |s|) = P(inv ≤ (N−|s|)/2), and S is symmetric about 0, which doubles that tail. N−|s|
// is even because S always has the parity of N.
func mannKendallExact(n, s int) float64 {
	row := mahonian()[n]
	var tail float64 // summed from the smallest counts up, to keep small p-values accurate
	for _, c := range row[:(len(row)-1-max(s, -s))/2+1] {
		tail += c
	}
	total := 1.0
	for i := 2; i <= n; i++ {
		total *= float64(i)
	}
	return min(2*tail/total, 1)
}

// MedianRangeBias is the median of |X₁ − X₂| for two independent normal values with standard
// deviation 1: √2 · Φ⁻¹(0.75) ≈ 0.954 (Wheeler, "Understanding Statistical Process Control").
const MedianRangeBias = 0.954

// MovingRanges returns |ys[i] − ys[i−1]| for i ≥ 1, in the unit of ys: one fewer value than
// ys, nil when ys has fewer than 2.
func MovingRanges(ys []float64) []float64 {
	if len(ys) < 2 {
		return nil
	}
	mr := make([]float64, len(ys)-1)
	for i := range mr {
		mr[i] = math.Abs(ys[i+1] - ys[i])
	}
	return mr
}

// XmRSigma estimates the short-term standard deviation of ys, in the unit of ys, as the median
// moving range ÷ 0.954. The median rather than the mean keeps one spike in the baseline from
// widening the limits that should catch it. ok is false when ys has fewer than 2 values.
func XmRSigma(ys []float64) (sigma float64, ok bool) {
	if len(ys) < 2 {
		return 0, false
	}
	return medianInPlace(MovingRanges(ys)) / MedianRangeBias, true
}

// XmRSpikes returns, in increasing order, the indices of ys strictly beyond the natural process
// limits center ± 3·sigma; a value exactly on a limit is not a spike, matching the limit lines
// a chart draws. When sigma is not positive there are no limits and so no spikes: a zero
// sigma means the baseline did not move in most months (a flat rate, or counts such as
// 0, 0, 1, 0, 0), and calling every later change a one-off would hide real trends behind
// "explain, don't trend".
func XmRSpikes(center, sigma float64, ys []float64) []int {
	if !(sigma > 0) {
		return nil
	}
	upper, lower := center+3*sigma, center-3*sigma
	var spikes []int
	for i, y := range ys {
		if y > upper || y < lower {
			spikes = append(spikes, i)
		}
	}
	return spikes
}
