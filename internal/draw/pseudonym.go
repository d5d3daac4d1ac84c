package draw

import (
	"cmp"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"slices"
	"strconv"
	"strings"
)

// saltSize is the length in bytes of the salt an entity's published ID commits with.
const saltSize = 32

// inspectorIDSize is the length in bytes of an inspector's pseudonym: a label that only has
// to be unique among one draw's inspectors, so half a SHA-256 is ample.
const inspectorIDSize = 16

// entityDomain starts the hash by which a published entity ID commits to its business.
const entityDomain = Format + " entity"

// entityCommitment is the ID a business takes in a published draw: SHA-256 of
// str(entityDomain) str(salt) str(uscc), in hex. Without the salt it tells nothing of the
// business; with it, it names one business only.
func entityCommitment(salt []byte, uscc string) string {
	var buf [128]byte
	b := appendStr(buf[:0], entityDomain)
	b = appendStr(b, string(salt))
	b = appendStr(b, uscc)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// pseudonymizer derives a task's pseudonyms from its secret key: an entity's salt and an
// inspector's label are HMAC-SHA256 of the registry ID under the key, so that the store
// keeps one key rather than a million salts, and nobody without it can link a pseudonym
// to a business or a person.
type pseudonymizer struct {
	mac hash.Hash
	buf []byte
}

func newPseudonymizer(key []byte) *pseudonymizer {
	return &pseudonymizer{mac: hmac.New(sha256.New, key)}
}

// prf is HMAC-SHA256(key, str(kind) str(id in decimal)).
func (p *pseudonymizer) prf(kind string, id int64) []byte {
	p.mac.Reset()
	p.buf = appendStr(appendStr(p.buf[:0], kind), strconv.FormatInt(id, 10))
	p.mac.Write(p.buf)
	return p.mac.Sum(nil)
}

// salt is the salt of the business of registry ID id.
func (p *pseudonymizer) salt(id int64) []byte { return p.prf("entity", id) }

// inspector is the pseudonym of the person of registry ID id.
func (p *pseudonymizer) inspector(id int64) string {
	return hex.EncodeToString(p.prf("inspector", id)[:inspectorIDSize])
}

// pseudonymize returns the published form of raw (normalized, valid inputs named by
// registry IDs, each entity with its USCC) under key, and who is behind each of its
// pseudonyms (see "Publication" in the package doc): entities by commitments to their
// USCCs, inspectors by labels; declared conflicts and previous inspectors merged into
// each entity's recused inspectors, keeping only the inspectors of this draw; regions and
// stations only where the rules use them. Its lists are in canonical order.
func pseudonymize(raw *Inputs, key []byte) (*frozenTask, error) {
	p := newPseudonymizer(key)
	c := raw.Config
	f := &frozenTask{Format: Format, Key: hex.EncodeToString(key),
		Inputs:     Inputs{Config: c, Items: raw.Items, Entities: make([]Entity, len(raw.Entities)), Inspectors: make([]Inspector, len(raw.Inspectors))},
		Businesses: make([]frozenBusiness, len(raw.Entities)), People: make([]int64, len(raw.Inspectors))}
	labels := make(map[string]string, len(raw.Inspectors)) // registry ID → pseudonym
	conflicts := make([][]string, len(raw.Entities))       // by entity position
	for i, r := range raw.Inspectors {
		person, err := registryID(r.ID)
		if err != nil {
			return nil, err
		}
		label := p.inspector(person)
		labels[r.ID] = label
		f.People[i] = person
		f.Inputs.Inspectors[i] = Inspector{ID: label, OrgUnit: c.publishedStation(r.OrgUnit), Region: c.publishedRegion(r.Region)}
		for _, b := range r.Conflicts {
			if e, ok := slices.BinarySearchFunc(raw.Entities, b, func(e Entity, id string) int { return strings.Compare(e.ID, id) }); ok {
				conflicts[e] = append(conflicts[e], label)
			}
		}
	}
	for i, r := range raw.Entities {
		business, err := registryID(r.ID)
		if err != nil {
			return nil, err
		}
		if r.uscc == "" {
			return nil, fmt.Errorf("draw: business %s has no USCC to commit to", r.ID)
		}
		recused := conflicts[i]
		for _, prev := range r.PreviousInspectors {
			if label, ok := labels[prev]; ok {
				recused = append(recused, label)
			}
		}
		f.Businesses[i] = frozenBusiness{ID: business, USCC: r.uscc}
		f.Inputs.Entities[i] = Entity{ID: entityCommitment(p.salt(business), r.uscc), OrgUnit: c.publishedStation(r.OrgUnit),
			Region: c.publishedRegion(r.Region), Credit: r.Credit, Recused: sortedSet(recused)}
	}
	sortAligned(f.Inputs.Entities, f.Businesses, func(e *Entity) string { return e.ID })
	sortAligned(f.Inputs.Inspectors, f.People, func(p *Inspector) string { return p.ID })
	return f, nil
}

// registryID parses the decimal registry ID a snapshot names a row by.
func registryID(id string) (int64, error) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("draw: %q is no registry ID", id)
	}
	return n, nil
}

// publishedRegion keeps a region in the published inputs only when pools are regional.
func (c Config) publishedRegion(region string) string {
	if c.AnyRegion {
		return ""
	}
	return region
}

// publishedStation keeps a station in the published inputs only when own stations are excluded.
func (c Config) publishedStation(orgUnit string) string {
	if c.ExcludeOwnStation {
		return orgUnit
	}
	return ""
}

// sortAligned sorts rows by key, bytewise, and moves refs, which belong to rows position
// by position, along with them. It sorts on the keys' first 8 bytes as a number, falling
// back on the whole key on a tie: a million hashes in hex sort several times faster so.
func sortAligned[T, R any](rows []T, refs []R, key func(*T) string) {
	type keyed struct {
		prefix uint64
		key    string
		at     int
	}
	order := make([]keyed, len(rows))
	for i := range rows {
		k := key(&rows[i])
		var head [8]byte
		copy(head[:], k)
		order[i] = keyed{prefix: binary.BigEndian.Uint64(head[:]), key: k, at: i}
	}
	slices.SortFunc(order, func(a, b keyed) int {
		if c := cmp.Compare(a.prefix, b.prefix); c != 0 {
			return c
		}
		return strings.Compare(a.key, b.key)
	})
	sortedRows, sortedRefs := make([]T, len(rows)), make([]R, len(refs))
	for to, k := range order {
		sortedRows[to], sortedRefs[to] = rows[k.at], refs[k.at]
	}
	copy(rows, sortedRows)
	copy(refs, sortedRefs)
}
