// Package inspect is mobile enforcement (移动执法): the supervision inspection of a food
// business from checklist to result. It grows in the order of issue 6:
//
//   - Checklist templates (监督检查要点表): versioned per sector and region, items grouped in
//     the content areas of Order 49 arts. 15–20, key (重点项目) or general (一般项目), with
//     the result rule (符合 / 基本符合 / 不符合) of each version and a pure Judge. A published
//     version is sealed (internal/seal); a change is a new version. Defaults for every sector
//     are embedded and seeded once, for the city to adjust. Templates are city-wide data.
//   - Inspections (监督检查): created from a plan, a draw task, a complaint or ad hoc (Source,
//     with SourceRef naming the record), of kind daily, flying or systems (Order 49 art. 53),
//     against one published template version. A drawn double-random task (journal
//     "draw.task.drawn") becomes one daily inspection per business drawn, with the drawn
//     inspectors seated (draw_feed.go). Status flow created → assigned (at least the
//     rule inspect.min_inspectors of distinct active enforcement officers of the business's
//     district or the city, none with a conflict of interest declared in the draw
//     directory, art. 23) → checked_in (the business's QR code token, or GPS within the rule
//     inspect.checkin_max_distance_m) → answered (every item answered except in a flying
//     inspection, art. 27; the result judged with Judge and stored with its explanation) →
//     signed (every seated inspector and the operator, or the operator's refusal with a
//     witness; the evidence hashes pinned; sealed; "inspect.signed" in the journal; the
//     publication deadline set in working days, art. 39) → published (a public projection
//     of business, date and result; "inspect.published"). A signed inspection takes no
//     more writes (409 with the seal's reason); a correction is a new inspection linked to
//     it (seal corrections).
//   - Evidence (证据): photos and files (JPEG, PNG, PDF, size limited: 413, other types 415)
//     with capture time and GPS, stored content-addressed by SHA-256 under Options.
//     EvidenceDir (default: "evidence" beside the SQLite file); the same bytes are stored
//     once. Originals are for staff; photos also get a public copy re-encoded without
//     metadata (EXIF).
//   - Documents, rectifications and cases (later), reacting through the journal.
//
// # Sync
//
// The phone works offline and uploads a queue later, perhaps twice. Every record it makes
// carries a UUID it generated, and every write is keyed by it, so a retry finds the record
// it made rather than making another:
//
//   - PUT /api/v1/inspections/{uuid} creates the inspection (201), or answers the existing
//     one (200) when the same uuid comes with the same source, kind, business and
//     template; other content under a taken uuid is 409.
//   - PUT …/{uuid}/answers upserts answers by item (each with its own UUID): the last
//     answer to an item wins, a repeated upload changes nothing.
//   - PUT …/{uuid}/evidence/{evidence uuid} with the file as the body: 201 the first time,
//     200 with the stored evidence when the same uuid comes with the same bytes, 409 with
//     other bytes.
//   - PUT …/{uuid}/signatures/{signature uuid}: a repeated signature answers the
//     inspection; a second signature of the same signer under another uuid is 409.
//   - POST …/check-in, …/complete, …/sign and …/publish are safe to repeat: check-in and
//     publish answer the record as it is; complete re-judges the same answers; a repeated
//     sign gets the seal's 409, which tells the phone the record is already signed (the
//     server wins: the phone shows what was signed).
//
// Upload in this order: inspection, check-in, answers, evidence, complete, signatures,
// sign. Times the phone recorded (check-in "at", evidence "captured_at", signature "at")
// are kept; server times say when the upload arrived.
//
// Every threshold that comes from a regulation is read from the rule book (internal/rules)
// when a version is made, and kept on the version, so a record is judged under the rule of
// the version it used.
package inspect
