import "math/rand/v2"
func cmp(a, b int) int { return a - b }
n := rand.IntN(3) + cmp(2, 1)
x := math.Sqrt(2)
