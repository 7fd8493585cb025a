m := map[string]int{"b": 2, "a": 1}
func count(seq iter.Seq[string]) int { n := 0; for range seq { n++ }; return n }
ks := slices.Sorted(maps.Keys(m))
c := count(slices.Values(ks))
