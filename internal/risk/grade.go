package risk

// Grade is a risk grade (风险等级) from A (lowest risk) to D (highest).
type Grade string

// The grades, from low risk to high.
const (
	GradeA Grade = "A"
	GradeB Grade = "B"
	GradeC Grade = "C"
	GradeD Grade = "D"
)

// Grades lists the grades from low risk to high.
var Grades = []Grade{GradeA, GradeB, GradeC, GradeD}

// level is the grade's position, 0 for A to 3 for D, or -1 for an unknown grade.
func (g Grade) level() int {
	for i, x := range Grades {
		if x == g {
			return i
		}
	}
	return -1
}

// Valid reports whether g is one of A–D.
func (g Grade) Valid() bool { return g.level() >= 0 }

// shift moves g by n grades (positive raises the risk), staying within A–D.
func (g Grade) shift(n int) Grade {
	return Grades[min(max(g.level()+n, 0), len(Grades)-1)]
}
