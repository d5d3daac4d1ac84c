package risk

import (
	"fmt"
	"slices"
)

// scoreStatic appends the lines of the static part for the business's sector, capped at
// the scheme's static maximum.
func (s *Scheme) scoreStatic(f StaticFactors, lines []Line) ([]Line, error) {
	start := len(lines)
	switch f.Sector {
	case SectorSales:
		lines = s.sales(f, lines)
	case SectorCatering:
		lines = s.catering(f, lines)
	case SectorHealthFood:
		lines = s.health(f, lines)
	case SectorProduction:
		lines = s.production(f, lines)
	default:
		return nil, fmt.Errorf("sector %q: %w", f.Sector, ErrNoSector)
	}
	return capped(PartStatic, lines, start, s.StaticMax), nil
}

// stepLine scores value on a step table; an absent item (0) scores nothing.
func stepLine(factor string, value float64, t table) Line {
	l := Line{Part: PartStatic, Factor: factor, Value: value, Source: t.Source}
	if value > 0 {
		l.Points, _ = t.Score(value)
	}
	return l
}

func (s *Scheme) sales(f StaticFactors, lines []Line) []Line {
	values := [len(salesFactors)]float64{f.FloorArea, float64(f.PrepackedAmbient), float64(f.PrepackedChilled), float64(f.PrepackedFrozen),
		float64(f.BulkAmbient), float64(f.BulkChilled), float64(f.BulkFrozen), float64(f.Suppliers)}
	for i, name := range salesFactors {
		lines = append(lines, stepLine(name, values[i], s.Sales[name]))
	}
	return lines
}

func (s *Scheme) catering(f StaticFactors, lines []Line) []Line {
	if t, ok := s.CateringFormats[f.CateringFormat]; ok {
		size := float64(f.Diners)
		if f.CateringFormat == FormatRestaurant {
			size = f.FloorArea
		}
		l := stepLine("format", size, t)
		l.Option = f.CateringFormat
		lines = append(lines, l)
	}
	for _, c := range CateringClasses {
		if slices.Contains(f.CateringClasses, c) {
			p := s.CateringClasses[c]
			lines = append(lines, Line{Part: PartStatic, Factor: "class", Option: c, Value: 1, Points: p.Value, Source: p.Source})
		}
	}
	return lines
}

func (s *Scheme) health(f StaticFactors, lines []Line) []Line {
	for _, o := range []struct{ group, option string }{
		{"material", f.HealthMaterial}, {"formula", f.HealthFormula}, {"function", f.HealthFunction}, {"storage", f.HealthStorage},
	} {
		if p, ok := s.HealthOptions[o.group+"."+o.option]; ok {
			lines = append(lines, Line{Part: PartStatic, Factor: o.group, Option: o.option, Value: 1, Points: p.Value, Source: p.Source})
		}
	}
	return append(lines, stepLine("unsuitable_groups", float64(f.UnsuitableGroups), s.HealthUnsuitable))
}

// production scores the licence category with the most points; the others are listed
// with no points, so that the reader sees why.
func (s *Scheme) production(f StaticFactors, lines []Line) []Line {
	best, start := -1, len(lines)
	for _, c := range f.ProductCategories {
		p, ok := s.ProductionPoints[c]
		if !ok {
			continue
		}
		lines = append(lines, Line{Part: PartStatic, Factor: "category", Option: c, Value: p.Value, Points: p.Value, Source: p.Source})
		if best < 0 || p.Value > lines[best].Points {
			best = len(lines) - 1
		}
	}
	for i := start; i < len(lines); i++ {
		if i != best {
			lines[i].Points, lines[i].Note = 0, "not_highest"
		}
	}
	return lines
}

// capped appends a negative cap line when lines from start add up to more than max.
func capped(part string, lines []Line, start int, max param) []Line {
	if sum := total(lines[start:]); sum > max.Value {
		lines = append(lines, Line{Part: part, Factor: "cap", Value: sum, Points: max.Value - sum, Note: "cap", Source: max.Source})
	}
	return lines
}

func total(lines []Line) float64 {
	var sum float64
	for _, l := range lines {
		sum += l.Points
	}
	return sum
}
