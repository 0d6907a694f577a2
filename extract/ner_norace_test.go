//go:build !race

package extract

const nerRace = false
