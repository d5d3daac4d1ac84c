// Package inspect is mobile enforcement (移动执法): the supervision inspection of a food
// business from checklist to result. It grows in the order of issue 6:
//
//   - Checklist templates (监督检查要点表): versioned per sector and region, items grouped in
//     the content areas of Order 49 arts. 15–20, key (重点项目) or general (一般项目), with
//     the result rule (符合 / 基本符合 / 不符合) of each version and a pure Judge. A published
//     version is sealed (internal/seal); a change is a new version. Defaults for every sector
//     are embedded and seeded once, for the city to adjust. Templates are city-wide data.
//   - Inspections (later): created from a plan, a draw task, a complaint or ad hoc, answered
//     item by item against one template version, signed and published within the deadline.
//   - Evidence, documents, rectifications and cases (later), reacting through the journal.
//
// Every threshold that comes from a regulation is read from the rule book (internal/rules)
// when a version is made, and kept on the version, so a record is judged under the rule of
// the version it used.
package inspect
