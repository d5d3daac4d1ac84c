package store

// SQLite copies its write-ahead log back into the database file inside the commit that takes
// the log past wal_autocheckpoint pages. At SQLite's 1,000 a business edit at a million
// businesses paid about 20 ms for it one time in a hundred, which made every write's p99, and
// a bulk capture paid ~17 µs an event. Ten times the mark copies a tenth as often: a log of up
// to ~40 MB, and one edit in several hundred that waits. A background checkpointer was tried
// and dropped: under steady writes it holds the log's locks whenever a commit would restart
// the log, and a bulk capture grew one past 50 GB.

// walCheckpointPages is the length of the log, in pages, at which a commit checkpoints it.
var walCheckpointPages = 10000
