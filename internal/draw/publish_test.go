package draw

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// publishedCity is a small city in registry form, own stations excluded so that the
// published form keeps stations too.
func publishedCity(seed uint64) Inputs {
	in := registryForm(synthCity(seed, smallCity))
	in.Config.ExcludeOwnStation = true
	return in
}

// TestPublishedBundleReproduced writes a published bundle, reads it back as a stranger
// would and verifies it: the same draw, every business drawn named by its USCC.
func TestPublishedBundleReproduced(t *testing.T) {
	raw := publishedCity(11)
	b := mustPublishedBundle(t, raw, testSeed("published"), "福彩3D 2026070")
	read := cloneBundle(t, b) // written and read back
	sum := mustVerify(t, read, b.Commitment)
	if sum.Assignments == 0 || sum.Named != sum.Assignments || sum.Entities != len(raw.Entities) || sum.Inspectors != len(raw.Inspectors) {
		t.Errorf("summary %+v", sum)
	}
	usccs := map[string]bool{}
	for _, e := range raw.Entities {
		usccs[e.uscc] = true
	}
	for i, o := range read.Openings {
		if !usccs[o.USCC] || o.Entity != read.Result.Assignments[i].Entity {
			t.Fatalf("opening %d %+v names no business of the city or another entity than assignment %+v", i, o, read.Result.Assignments[i])
		}
	}
}

// TestPublishedDrawIsTheRawDraw: pseudonyms change names, not the rules: every published
// assignment, resolved to registry IDs, obeys the raw directories' recusals and regions.
func TestPublishedDrawIsTheRawDraw(t *testing.T) {
	raw := publishedCity(12)
	seed := testSeed("same rules")
	f, err := freeze(&raw, seed)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Run(&f.Inputs, seed, "")
	if err != nil {
		t.Fatal(err)
	}
	resolved := Result{Strata: r.Strata}
	for _, a := range r.Assignments {
		b, err := f.business(a.Entity)
		if err != nil {
			t.Fatal(err)
		}
		ra := Assignment{Entity: strconv.FormatInt(b.ID, 10)}
		for _, p := range a.Inspectors {
			person, err := f.person(p)
			if err != nil {
				t.Fatal(err)
			}
			ra.Inspectors = append(ra.Inspectors, strconv.FormatInt(person, 10))
		}
		resolved.Assignments = append(resolved.Assignments, ra)
	}
	checkAssignments(t, 0, &raw, resolved)
	for i, s := range r.Strata {
		if want := sampleSize(s.Population, basisPoints(raw.Config.RatioPercent[s.Class])); s.Selected != want {
			t.Errorf("stratum %d: %+v, want %d selected", i, s, want)
		}
	}
}

// TestVerifyRefusesTamperedPublishedBundles changes a published bundle's inputs, seed,
// result and openings one at a time: each is refused, naming what differs.
func TestVerifyRefusesTamperedPublishedBundles(t *testing.T) {
	original := mustPublishedBundle(t, publishedCity(13), testSeed("tamper published"), "")
	recused := slices.IndexFunc(original.Inputs.Entities, func(e Entity) bool { return len(e.Recused) > 0 })
	if recused < 0 {
		t.Fatal("no entity has recused inspectors")
	}
	checkTampered(t, original, []tamperCase{
		{"recusal withdrawn", func(b *Bundle) { b.Inputs.Entities[recused].Recused = nil }, ErrInputDigest, "digest"},
		{"credit class changed", func(b *Bundle) { b.Inputs.Entities[3].Credit = otherClass(b.Inputs.Entities[3].Credit) }, ErrInputDigest, "digest"},
		{"entity added", func(b *Bundle) {
			b.Inputs.Entities = append(b.Inputs.Entities, Entity{ID: strings.Repeat("f", 64), OrgUnit: "R000-S00", Region: "R000", Credit: ClassD})
		}, ErrInputDigest, "digest"},
		{"inspector's station changed", func(b *Bundle) { b.Inputs.Inspectors[0].OrgUnit = "elsewhere" }, ErrInputDigest, "digest"},
		{"another seed", func(b *Bundle) { b.Seed = strings.Repeat("cd", 32) }, ErrSeedCommitment, "SHA-256 of the seed"},
		{"inspectors swapped", func(b *Bundle) {
			a := b.Result.Assignments[1].Inspectors
			a[0], a[1] = a[1], a[0]
		}, ErrResult, "assignment 2 is entity"},
		{"result cut short", func(b *Bundle) { b.Result.Assignments = b.Result.Assignments[1:] }, ErrResult, "assignment 1 is entity"},
		{"another business named", func(b *Bundle) { b.Openings[4].USCC = "91330100MA99999999" }, ErrOpening, "opening 5: salt and USCC 91330100MA99999999"},
		{"salt changed", func(b *Bundle) { b.Openings[0].Salt = strings.Repeat("00", 32) }, ErrOpening, "opening 1: salt and USCC"},
		{"salt cut short", func(b *Bundle) { b.Openings[0].Salt = b.Openings[0].Salt[:8] }, ErrOpening, "not 32 bytes"},
		{"opening dropped", func(b *Bundle) { b.Openings = b.Openings[1:] }, ErrOpening, "openings for"},
		{"openings reordered", func(b *Bundle) { b.Openings[0], b.Openings[1] = b.Openings[1], b.Openings[0] }, ErrOpening, "opening 1 is of entity"},
	})
}

// TestVerifyRefusesABusinessOpenedTwice: a business entered twice under two salts would
// have had two chances; when both rows are drawn their openings give it away.
func TestVerifyRefusesABusinessOpenedTwice(t *testing.T) {
	const uscc = "91330100MA00000001"
	in := Inputs{Config: validConfig()}
	salts := map[string][]byte{}
	for _, label := range []string{"first salt", "second salt"} {
		id := entityCommitment(testSeed(label), uscc)
		salts[id] = testSeed(label)
		in.Entities = append(in.Entities, Entity{ID: id, Region: "R", Credit: ClassD})
	}
	for _, id := range []string{"p1", "p2", "p3"} {
		in.Inspectors = append(in.Inspectors, Inspector{ID: id, Region: "R"})
	}
	b := mustBundle(t, in, testSeed("twice"), "")
	for _, a := range b.Result.Assignments {
		b.Openings = append(b.Openings, Opening{Entity: a.Entity, Salt: hex.EncodeToString(salts[a.Entity]), USCC: uscc})
	}
	if _, err := Verify(b); !errors.Is(err, ErrOpening) || !strings.Contains(err.Error(), "openings 1 and 2 both name USCC "+uscc) {
		t.Fatalf("Verify: %v, want the repeated business refused", err)
	}
}

// TestPublishedFormHidesWhoIsWho: the published inputs name no person and no business not
// drawn, give no reason for a recusal, keep places only where the rules use them, and
// change every pseudonym with the key.
func TestPublishedFormHidesWhoIsWho(t *testing.T) {
	raw := registryForm(synthCity(14, smallCity))
	raw.Config.AnyRegion = true
	seed := testSeed("hide")
	b := mustPublishedBundle(t, raw, seed, "")
	var file bytes.Buffer
	if err := b.Write(&file); err != nil {
		t.Fatal(err)
	}
	body := file.String()
	for _, key := range []string{`"conflicts"`, `"previous_inspectors"`} {
		if strings.Contains(body, key) {
			t.Errorf("the published bundle has %s: the reason of a recusal shows", key)
		}
	}
	opened := map[string]bool{}
	for _, o := range b.Openings {
		opened[o.USCC] = true
	}
	for _, e := range raw.Entities {
		if !opened[e.uscc] && strings.Contains(body, e.uscc) {
			t.Fatalf("the USCC of %s, not drawn, is in the bundle", e.ID)
		}
	}
	for _, e := range b.Inputs.Entities {
		if e.Region != "" || e.OrgUnit != "" {
			t.Fatalf("entity %s keeps region %q and station %q, which any-region rules without own-station recusal do not use", e.ID, e.Region, e.OrgUnit)
		}
	}
	values := jsonStrings(t, body)
	for _, p := range raw.Inspectors {
		if values[p.ID] {
			t.Fatalf("person %s is named in the bundle", p.ID)
		}
	}
	for _, e := range raw.Entities {
		if values[e.ID] {
			t.Fatalf("business %s is named by its registry ID in the bundle", e.ID)
		}
	}
	again := mustPublishedBundle(t, raw, seed, "")
	if shared := sharedIDs(b.Inputs, again.Inputs); shared != 0 {
		t.Errorf("%d pseudonyms recur in a second freeze of the same directories: draws could be linked", shared)
	}
}

// sharedIDs counts the entity and inspector IDs that a and b have in common.
func sharedIDs(a, b Inputs) int {
	seen := map[string]bool{}
	for _, e := range a.Entities {
		seen[e.ID] = true
	}
	for _, p := range a.Inspectors {
		seen[p.ID] = true
	}
	n := 0
	for _, e := range b.Entities {
		if seen[e.ID] {
			n++
		}
	}
	for _, p := range b.Inspectors {
		if seen[p.ID] {
			n++
		}
	}
	return n
}

// jsonStrings returns every string value of the JSON document body, at any depth.
func jsonStrings(t *testing.T, body string) map[string]bool {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(body))
	values := map[string]bool{}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return values
		}
		if err != nil {
			t.Fatalf("bundle JSON: %v", err)
		}
		if s, ok := tok.(string); ok {
			values[s] = true
		}
	}
}
