package draw

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/apperr"
)

var smallCity = cityShape{entities: 2000, inspectors: 60, regions: 3, stations: 4, previousShare: 0.3, conflictsPerInspector: 5}

func TestDrawReproducedFromItsBundle(t *testing.T) {
	b := mustBundle(t, synthCity(1, smallCity), testSeed("reproduce"), "上证指数 2026-03-02 收盘 3361.54")
	var file bytes.Buffer
	if err := b.Write(&file); err != nil {
		t.Fatal(err)
	}
	read, err := ReadBundle(&file)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := Verify(read)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if sum.Entities != 2000 || sum.Inspectors != 60 || sum.Assignments != len(b.Result.Assignments) || sum.Assignments == 0 {
		t.Errorf("summary %+v", sum)
	}
	selected := 0
	for _, s := range b.Result.Strata {
		if s.Selected != sampleSize(s.Population, basisPoints(b.Inputs.Config.RatioPercent[s.Class])) {
			t.Errorf("stratum %+v does not follow its ratio", s)
		}
		selected += s.Selected
	}
	if selected != len(b.Result.Assignments) {
		t.Errorf("%d selected, %d assignments", selected, len(b.Result.Assignments))
	}
}

func TestDrawDoesNotDependOnInputOrder(t *testing.T) {
	in, seed := synthCity(2, smallCity), testSeed("order")
	want := mustBundle(t, in, seed, "")
	shuffled := synthCity(2, smallCity)
	rng := rand.New(rand.NewPCG(9, 9))
	rng.Shuffle(len(shuffled.Entities), func(i, j int) {
		shuffled.Entities[i], shuffled.Entities[j] = shuffled.Entities[j], shuffled.Entities[i]
	})
	rng.Shuffle(len(shuffled.Inspectors), func(i, j int) {
		shuffled.Inspectors[i], shuffled.Inspectors[j] = shuffled.Inspectors[j], shuffled.Inspectors[i]
	})
	for i := range shuffled.Entities {
		slices.Reverse(shuffled.Entities[i].PreviousInspectors)
	}
	got := mustBundle(t, shuffled, seed, "")
	if got.Commitment.InputDigest != want.Commitment.InputDigest {
		t.Errorf("digest %s after shuffling, %s before", got.Commitment.InputDigest, want.Commitment.InputDigest)
	}
	if err := compareResults(want.Result, got.Result); err != nil {
		t.Error(err)
	}
}

func TestVerifyRefusesTamperedBundles(t *testing.T) {
	original := mustBundle(t, synthCity(3, smallCity), testSeed("tamper"), "")
	checkTampered(t, original, []tamperCase{
		{"credit class changed", func(b *Bundle) { b.Inputs.Entities[7].Credit = otherClass(b.Inputs.Entities[7].Credit) }, ErrInputDigest, "digest"},
		{"conflict withdrawn", func(b *Bundle) { b.Inputs.Inspectors[0].Conflicts = nil }, ErrInputDigest, "digest"},
		{"entity removed", func(b *Bundle) { b.Inputs.Entities = b.Inputs.Entities[1:] }, ErrInputDigest, "digest"},
		{"ratio raised", func(b *Bundle) { b.Inputs.Config.RatioPercent[ClassA] = 6 }, ErrInputDigest, "digest"},
		{"own station rule switched on", func(b *Bundle) { b.Inputs.Config.ExcludeOwnStation = true }, ErrInputDigest, "digest"},
		{"another seed", func(b *Bundle) { b.Seed = strings.Repeat("ab", 32) }, ErrSeedCommitment, "SHA-256 of the seed"},
		{"seed cut short", func(b *Bundle) { b.Seed = b.Seed[:10] }, ErrSeedCommitment, "not 32 bytes"},
		{"beacon changed", func(b *Bundle) { b.Beacon = "another" }, ErrResult, "assignment 1 "},
		{"inspector swapped", func(b *Bundle) {
			a := b.Result.Assignments[4].Inspectors
			a[0], a[1] = a[1], a[0]
		}, ErrResult, "assignment 5 is entity"},
		{"assignment dropped", func(b *Bundle) { b.Result.Assignments = b.Result.Assignments[:len(b.Result.Assignments)-1] }, ErrResult, "published"},
		{"entity replaced", func(b *Bundle) { b.Result.Assignments[2].Entity = "E9999999" }, ErrResult, "assignment 3 is entity E9999999"},
		{"strata changed", func(b *Bundle) { b.Result.Strata[0].Selected++ }, ErrResult, "strata"},
		{"format", func(b *Bundle) { b.Format = "other/v9" }, ErrFormat, "other/v9"},
	})
}

// tamperCase changes a copy of a bundle; Verify must then fail with want, saying says.
type tamperCase struct {
	name   string
	tamper func(b *Bundle)
	want   error
	says   string
}

// checkTampered runs each case on its own copy of original.
func checkTampered(t *testing.T, original *Bundle, cases []tamperCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			b := cloneBundle(t, original)
			tt.tamper(b)
			_, err := Verify(b)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.says) {
				t.Fatalf("Verify: %v, want %v saying %q", err, tt.want, tt.says)
			}
		})
	}
}

func TestCheckPublishedCatchesARebuiltBundle(t *testing.T) {
	in := synthCity(4, smallCity)
	published := mustBundle(t, in, testSeed("first"), "").Commitment
	rebuilt := mustBundle(t, synthCity(4, smallCity), testSeed("second"), "")
	if _, err := Verify(rebuilt); err != nil {
		t.Fatalf("a rebuilt bundle is consistent in itself: %v", err)
	}
	if err := rebuilt.CheckPublished(published.SeedSHA256, published.InputDigest); !errors.Is(err, ErrSeedCommitment) {
		t.Fatalf("CheckPublished: %v, want %v", err, ErrSeedCommitment)
	}
	if err := rebuilt.CheckPublished(strings.ToUpper(rebuilt.Commitment.SeedSHA256), rebuilt.Commitment.InputDigest); err != nil {
		t.Fatalf("CheckPublished of its own values: %v", err)
	}
}

func otherClass(c CreditClass) CreditClass {
	if c == ClassA {
		return ClassB
	}
	return ClassA
}

func cloneBundle(t *testing.T, b *Bundle) *Bundle {
	t.Helper()
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	c, err := ReadBundle(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDrawFailsWholeWhenAnEntityLacksInspectors(t *testing.T) {
	in := Inputs{
		Config: validConfig(),
		Entities: []Entity{
			{ID: "E1", Region: "R1", OrgUnit: "S1", Credit: ClassD},
			{ID: "E2", Region: "R1", OrgUnit: "S1", Credit: ClassD, PreviousInspectors: []string{"P2"}},
		},
		Inspectors: []Inspector{
			{ID: "P1", Region: "R1", OrgUnit: "S1", Conflicts: []string{"E2"}},
			{ID: "P2", Region: "R1", OrgUnit: "S1"},
			{ID: "P3", Region: "R1", OrgUnit: "S2"},
			{ID: "P9", Region: "R2", OrgUnit: "S9"},
		},
	}
	r, err := Run(&in, testSeed("few"), "")
	assertField(t, err, "entities[E2]", "draw_too_few_inspectors")
	var why *InfeasibleError
	if !errors.As(err, &why) || why.Entity != "E2" || why.Eligible != 1 || why.Pool != 3 || why.Conflicts != 1 || why.Previous != 1 {
		t.Errorf("cause %+v", why)
	}
	if len(r.Assignments) != 0 {
		t.Errorf("a failed draw produced %d assignments", len(r.Assignments))
	}
	if _, err := Commit(&in, testSeed("few"), committedAt); !errors.As(err, &why) || why.Entity != "E2" {
		t.Errorf("Commit of inputs that could fail: %v, want refused naming E2", err)
	}
	in.Config.ExcludeOwnStation = true
	in.Inspectors[2].Conflicts = nil
	in.Entities[1].PreviousInspectors = nil
	_, err = Run(&in, testSeed("few"), "")
	if !errors.As(err, &why) || why.Entity != "E1" || why.OwnStation != 2 || why.Eligible != 1 {
		t.Errorf("own station: %v", err)
	}
}

func TestRunRefusesBadInputs(t *testing.T) {
	tests := []struct {
		name   string
		change func(in *Inputs)
		field  string
		rule   string
	}{
		{"repeated entity", func(in *Inputs) { in.Entities[1].ID = in.Entities[0].ID }, "entities[E0000000].id", "unique"},
		{"unknown class", func(in *Inputs) { in.Entities[3].Credit = "E" }, "entities[E0000003].credit_class", "one_of"},
		{"entity without region", func(in *Inputs) { in.Entities[5].Region = "" }, "entities[E0000005].region", "required"},
		{"inspector without id", func(in *Inputs) { in.Inspectors[2].ID = "" }, "inspectors[#0].id", "required"},
		{"inspector without station", func(in *Inputs) {
			in.Config.ExcludeOwnStation = true
			in.Inspectors[2].OrgUnit = ""
		}, "inspectors[P00002].org_unit", "required"},
		{"item ratio", func(in *Inputs) { in.Items[0].RatioPercent = 101 }, "items[I-01].ratio_percent", "max"},
		{"one inspector", func(in *Inputs) { in.Config.InspectorsPerEntity = 1 }, "config.inspectors_per_entity", "min"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := synthCity(5, cityShape{entities: 50, inspectors: 10, regions: 1, stations: 2})
			tt.change(&in)
			_, err := Run(&in, testSeed("bad"), "")
			assertField(t, err, tt.field, tt.rule)
		})
	}
	in := synthCity(5, cityShape{entities: 50, inspectors: 10, regions: 1, stations: 2})
	if _, err := Run(&in, []byte("short"), ""); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("short seed: %v", err)
	}
}
