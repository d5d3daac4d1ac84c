package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// walProgress reads how many frames the write-ahead log of the SQLite database at path
// holds (mxFrame) and how many of them have been copied back into the database file
// (nBackfill), from the wal-index header in its -shm file. The layout is SQLite's
// documented file format (https://www.sqlite.org/walformat.html, "the WAL-index header"):
// two copies of a 48-byte header, mxFrame at byte 16 of the first, then the checkpoint
// information at byte 96, nBackfill first, all in the machine's byte order. ok is false
// while there is no log yet.
//
// It reads without SQLite's locks, so the figures may be a moment old: they only decide
// when to copy the log, which PRAGMA wal_checkpoint then does under those locks.
func walProgress(path string) (frames, copied uint32, ok bool, err error) {
	f, err := os.Open(path + "-shm")
	if errors.Is(err, os.ErrNotExist) {
		return 0, 0, false, nil
	}
	if err != nil {
		return 0, 0, false, fmt.Errorf("open the wal-index: %w", err)
	}
	defer f.Close()
	var header [100]byte
	if _, err := f.ReadAt(header[:], 0); errors.Is(err, io.EOF) {
		return 0, 0, false, nil // not yet initialised by the first connection
	} else if err != nil {
		return 0, 0, false, fmt.Errorf("read the wal-index header: %w", err)
	}
	return binary.NativeEndian.Uint32(header[16:]), binary.NativeEndian.Uint32(header[96:]), true, nil
}
