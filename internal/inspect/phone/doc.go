// Package phone is the inspectors' offline phone workspace (移动执法 App): an installable
// web app (PWA) under /m/ that downloads the day's tasks, templates and businesses
// (GET /api/v1/inspect/workspace), lets the inspector check in, walk the checklist, take
// photos, collect the signatures and sign with no network at all, and uploads what was done
// through an idempotent queue when the network comes back.
//
// The app is a shell page, one script and one style sheet, cached by a service worker
// (/m/sw.js, scope /m/) so that it opens offline. Everything the inspector does is written
// to IndexedDB first: the task's local state, the photo files, and a queue of the API calls
// that will repeat it on the server, each keyed by a UUID the phone made (the inspect
// package doc, "Sync", lists the calls and why a retry is safe). The queue is sent in order;
// a network failure stops it and it resumes on the next "online" event; a refusal stops only
// that task's calls and is shown to the inspector with the server's reason; a task the
// server has already signed under another hand drops its queued calls and shows the
// server's record (the server wins), telling the inspector so.
package phone
