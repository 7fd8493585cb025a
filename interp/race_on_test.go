//go:build race

package interp

// raceDetector tells whether the tests run under the race detector.
const raceDetector = true
