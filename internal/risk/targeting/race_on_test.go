//go:build race

package targeting

// raceDetector reports whether the tests run under -race.
const raceDetector = true
