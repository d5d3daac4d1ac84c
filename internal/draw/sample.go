package draw

// sample selects the entities of each credit class by the task's ratio ("Sampling" in the
// package doc). It returns the selected entity indices in draw order and the strata.
func sample(in *Inputs, seed []byte, beacon string) ([]int32, []Stratum) {
	byClass := make([][]int32, len(Classes))
	for i, e := range in.Entities {
		c := classIndex(e.Credit)
		byClass[c] = append(byClass[c], int32(i))
	}
	var selected []int32
	strata := make([]Stratum, 0, len(Classes))
	for c, class := range Classes {
		stratum := byClass[c]
		k := sampleSize(len(stratum), basisPoints(in.Config.RatioPercent[class]))
		rng := newStream(seed, beacon, in.Config.TaskID, "sample/"+string(class))
		for i := range k {
			j := i + int(rng.below(uint64(len(stratum)-i)))
			stratum[i], stratum[j] = stratum[j], stratum[i]
		}
		selected = append(selected, stratum[:k]...)
		strata = append(strata, Stratum{Class: class, Population: len(stratum), Selected: k})
	}
	return selected, strata
}

// sampleSize is n × ratio rounded to the nearest whole entity, halves up, in integers so
// that no floating-point rounding can differ between implementations.
func sampleSize(n int, ratioBP int64) int {
	return int((int64(n)*ratioBP + 5000) / 10000)
}

// classIndex is the position of a valid class in Classes.
func classIndex(c CreditClass) int {
	return int(c[0] - 'A')
}
