type Celsius float64
func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }
type Item struct{ name string; N int }
temps := []Celsius{20, 21.5}
fmt.Println(temps, len(temps))
fmt.Printf("%+v %T %p\n", Item{"a", 1}, temps, &temps)
temps
