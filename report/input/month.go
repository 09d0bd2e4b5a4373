package input

import (
	"fmt"
	"math"
	"time"

	"github.com/transferpack/transferpack/report"
)

// MonthFromSerial converts an Excel date serial to its month. Workbooks using the 1904
// date system count days from 1904-01-01; the others from 1899-12-30 (which absorbs
// Excel's phantom 29 February 1900 for every date after it).
func MonthFromSerial(serial float64, date1904 bool) (report.Month, error) {
	if math.IsNaN(serial) || serial < 1 || serial > 2958465 {
		return 0, fmt.Errorf("not a date: %v", serial)
	}
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if date1904 {
		epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	t := epoch.AddDate(0, 0, int(math.Floor(serial)))
	return report.ValidMonth(t.Year(), int(t.Month()))
}
