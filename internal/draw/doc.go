// Package draw runs the double-random draw (双随机、一公开, "double random, one public"). From
// the one list and two directories (一单两库) — the inspection items (抽查事项清单), the entity
// directory (检查对象名录库) and the inspector directory (执法检查人员名录库) — it draws
// businesses by a ratio per credit-risk class (信用风险分类) and gives each at least two
// inspectors (SAMR Order 49 art. 23) with recusal (回避) and balanced workload, in a way that
// anyone holding the published bundle can re-run offline and check.
//
// # Commit, draw, reveal
//
// Before the draw the bureau publishes a Commitment: SHA-256 of a secret 32-byte seed and the
// input digest, SHA-256 of the canonical encoding of every input (config, items, entities,
// inspectors, and who must step aside for whom). The draw then runs from the seed, an
// optional public beacon (a value nobody knew at commitment time, such as a lottery result,
// so that the bureau cannot have tried seeds until one suited it) and the inputs. The bundle
// (Bundle) holds the inputs, the commitment, the beacon, the revealed seed, the result and
// the openings that name the businesses drawn; Verify recomputes both digests, re-runs the
// draw and checks the openings, refusing any change to the inputs, the seed, the result or
// the names with the first difference. The bundle is public (一公开): its inputs are the
// published form below, which holds no personal data.
//
// Everything below specifies the draw so that a third party can reimplement it; nothing
// depends on Go or its math/rand.
//
// # Encoding
//
// str(x) is the length of x in bytes as 4 bytes big-endian, then its UTF-8 bytes; u64(n) is
// n as 8 bytes big-endian. Ratios are in basis points: hundredths of a percent, 0–10000 (a
// ratio may have at most two decimals).
//
// # Canonical inputs
//
// Items, entities and inspectors are sorted by ID (bytewise); each entity's previous and
// recused inspectors and each inspector's conflicts are sorted and deduplicated. The input
// digest is SHA-256 of
//
//	str("shejian-draw/v2")
//	str(task_id) str(task_name) u64(ratio A) u64(ratio B) u64(ratio C) u64(ratio D)
//	u64(inspectors_per_entity) u64(any_region: 0 or 1) u64(exclude_own_station: 0 or 1)
//	u64(number of items), then per item:
//	  str(id) str(name) str(basis) u64(ratio) str(frequency)
//	u64(number of entities), then per entity:
//	  str(id) str(org_unit) str(region) str(credit_class) u64(n) and n × str(previous inspector)
//	  u64(m) and m × str(recused inspector)
//	u64(number of inspectors), then per inspector:
//	  str(id) str(org_unit) str(region) u64(n) and n × str(business declared in conflict)
//
// written as lower-case hex, like the seed commitment SHA-256(seed bytes).
//
// # Random numbers
//
// A stream named L is a sequence of 64-bit words. Its block i (i = 0, 1, 2, …) is
// SHA-256(str(seed bytes) ‖ str(beacon) ‖ str(task_id) ‖ str(L) ‖ u64(i)); each block gives
// four words, its bytes 0–7, 8–15, 16–23 and 24–31 read big-endian, in that order.
// below(n), a uniform number in [0, n): take the next word x; while x < 2^64 mod n take
// another; return x mod n.
//
// # Sampling
//
// For each credit class in the order A, B, C, D, the stratum is the entities of that class
// in canonical order, n of them, and k = floor((n × ratio + 5000) / 10000) with the ratio in
// basis points, i.e. n × ratio rounded to the nearest whole entity, halves up. With stream
// "sample/A" (…/B, …/C, …/D): for i = 0 … k−1, j = i + below(n − i), swap positions i and j.
// Positions 0 … k−1, in that order, are the stratum's selection. The result lists the
// selection of A, then of B, C and D.
//
// # Assignment
//
// An entity's pool is the inspectors of its region, or every inspector with any_region. An
// inspector of the pool is eligible unless it declared a conflict with the entity, is one
// of the entity's previous or recused inspectors, or (with exclude_own_station) belongs to
// the entity's org unit. Entities are taken in result order and each gets
// inspectors_per_entity seats, filled one at a time from the single stream "assign": of the
// eligible inspectors not yet seated on this entity, take those with the fewest seats so
// far in this draw, m of them in ID order; r = below(m), drawn even when m = 1; the r-th of
// them (from 0) takes the seat. The result lists an entity's inspectors in seat order. If
// any selected entity has fewer eligible inspectors than seats, the whole draw fails naming
// that entity and why, and there is no result.
//
// # Openings
//
// In a published draw an entity's ID is a commitment to its business: the lower-case hex
// SHA-256 of str("shejian-draw/v2 entity") str(salt) str(USCC), with a secret 32-byte salt
// per entity and the business's unified social credit code (统一社会信用代码). The bundle's
// openings reveal, for each assignment in result order, the entity, its salt in hex and
// its USCC; the hash must give the entity's ID, and no USCC may be opened twice. A bundle
// whose IDs name the businesses themselves has no openings.
//
// # Publication
//
// The store commits to the published form of its directories from the start, so that the
// input digest published before the draw covers exactly what the public can check after it,
// and the draw runs on it: there is no second, private digest to trust. Each task has a
// secret 32-byte pseudonym key, kept in the task row and never served. Under it an entity's
// salt is HMAC-SHA256(key, str("entity") str(registry ID in decimal)), and an inspector's
// ID is the first 16 bytes, in hex, of HMAC-SHA256(key, str("inspector") str(registry ID in
// decimal)): a label that nobody without the key links to a person, new in every task so
// that labels cannot be followed from draw to draw. Declared conflicts and the previous
// inspectors of an entity are merged into its recused inspectors, without the reason, and
// only inspectors of the draw are kept; a region is kept only when pools are regional, and
// a station only with exclude_own_station. Drawing resolves the result's pseudonyms from
// the task row into the assignment rows that the staff pages and the inspectors' work lists
// read. The salts of the businesses drawn are opened, since the businesses drawn are
// published anyway; the others' stay secret, so that no row of a business not drawn can be
// linked to it: the public sees only how many businesses of each class, district and
// station the directory held.
//
// A credit class is not otherwise published (信用风险分类 results are internal), but each
// entity's class is the stratum it was drawn from, and a draw that anyone can check against
// the businesses it names necessarily shows the class of each of those: the bundle shows
// them, and only them. What the public cannot check is that the directory holds every
// business exactly once; the store freezes it from the registry in one transaction, and
// the key and the registry ID behind each pseudonym, kept in the task row, let an auditor
// recompute every pseudonym.
//
// # Tasks, directories and deadlines
//
// Store keeps the list of items per org unit (a unit's task uses the nearest unit's item of
// a code, its own or one above), the credit class each business is drawn under (class B,
// general, until set: the credit capability will set it), the admitted enforcement staff
// and their declared conflicts. Creating a task freezes the directories under its unit in
// one transaction — open businesses with their station and district, admitted active
// officers with theirs, conflicts, and as previous inspectors of a business the inspectors
// of its latest drawn assignment or of its latest signed inspection, whichever is later,
// drawn or not — and commits to them and
// to a fresh seed; a task where some business could never get enough inspectors is refused
// then, not at the draw. The seed is kept in the task row and served in the bundle only
// after the draw. Drawing stores the result and sets the publication deadline (公开期限):
// draw.publish_deadline_working_days (20, Order 49 art. 39) working days after the China
// calendar day of the draw; Overdue lists the tasks past it. The staff and public pages
// show a draw's businesses a page at a time, and the bundle in full; the staff's JSON list
// of tasks is an array of one page, with Link headers to the others. The staff also read a
// unit's list and directories as they stand, as a task of the unit would freeze them
// (directory.go): the items in force with ratio and frequency, and the entity and
// inspector directories a page at a time, as pages and as JSON.
//
// # Downloads
//
// A drawn task's bundle never changes, and over a million businesses it is a quarter of a
// gigabyte of JSON that takes seconds and about a gigabyte of memory to build. Drawing
// builds it once, gzip-compressed, and stores it in the same transaction as the result
// (draw_bundles, with its pieces in draw_bundle_chunks); a task drawn before bundles were
// stored gets it on its first download, built once however many ask at the same time and
// one build at a time in the process, each caller waiting only while its client does. A
// download sends the stored gzip to a client that accepts it and decompresses it on the
// way to one that does not, a piece at a time; each encoding has its Content-Length and a
// strong ETag, the SHA-256 of its bytes, and If-None-Match gets a 304. draw verify reads
// the bundle as JSON or as its gzip.
package draw
