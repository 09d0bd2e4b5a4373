package report

// Test hooks for the tests of package report_test.
var (
	CheckSentences  = checkSentences
	SentenceFigures = sentenceFigures
)
