package audit

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
)

// GenesisHash is the prev_hash of entry 1 and the head of an empty log.
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// hashPrefix names the encoding; a change of it gets a new version.
const hashPrefix = "shejian.audit.v1\n"

// seqOffset is where the seq lies in a message, so that Verify can try a misplaced row at
// other positions by rewriting eight bytes.
const seqOffset = len(hashPrefix)

// message is what an entry's hash covers (see the package doc), over strings when
// recording and over scanned bytes when verifying, so that both run the same encoder.
type message[T string | []byte] struct {
	Seq, AtUS  int64
	ActorID    int64
	HasActor   bool
	ActorLogin T
	ActorRole  T
	IP         T
	Action     T
	ObjectType T
	ObjectID   T
	Before     T
	After      T
	PrevHash   T
}

// appendMessage appends the encoding of m to b.
func appendMessage[T string | []byte](b []byte, m *message[T]) []byte {
	b = append(b, hashPrefix...)
	b = binary.BigEndian.AppendUint64(b, uint64(m.Seq))
	b = binary.BigEndian.AppendUint64(b, uint64(m.AtUS))
	if m.HasActor {
		b = append(b, 1)
		b = binary.BigEndian.AppendUint64(b, uint64(m.ActorID))
	} else {
		b = append(b, 0)
	}
	for _, s := range [...]T{m.ActorLogin, m.ActorRole, m.IP, m.Action, m.ObjectType, m.ObjectID, m.Before, m.After, m.PrevHash} {
		b = appendText(b, s)
	}
	return b
}

// appendText appends text(s): its length, u32 big-endian, and its bytes.
func appendText[T string | []byte](b []byte, s T) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}

// splitMessage encodes m around the two fields that only the database knows when an entry
// is appended, its seq and prev_hash: the bytes before the seq, and those after it up to
// text(prev_hash). The database puts the message together: audit_hash, which is spliceHash
// on SQLite.
func splitMessage(m message[string]) (beforeSeq, afterSeq []byte) {
	m.PrevHash = ""
	b := appendMessage(nil, &m)
	// The message ends in text(""), the 4-byte length of the empty prev_hash.
	return b[:seqOffset], b[seqOffset+8 : len(b)-4]
}

// spliceHash is the hash of the message split by splitMessage, at seq after prev.
func spliceHash(beforeSeq []byte, seq int64, afterSeq []byte, prev string) string {
	b := make([]byte, 0, len(beforeSeq)+8+len(afterSeq)+4+len(prev))
	b = append(b, beforeSeq...)
	b = binary.BigEndian.AppendUint64(b, uint64(seq))
	b = append(b, afterSeq...)
	var out [2 * sha256.Size]byte
	hexHash(&out, appendText(b, prev))
	return string(out[:])
}

// hexHash is the lowercase hex SHA-256 of msg, written into out without allocating.
func hexHash(out *[2 * sha256.Size]byte, msg []byte) {
	sum := sha256.Sum256(msg)
	hex.Encode(out[:], sum[:])
}
