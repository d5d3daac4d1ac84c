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
		b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
		b = append(b, s...)
	}
	return b
}

// hexHash is the lowercase hex SHA-256 of msg, written into out without allocating.
func hexHash(out *[2 * sha256.Size]byte, msg []byte) {
	sum := sha256.Sum256(msg)
	hex.Encode(out[:], sum[:])
}

// hashOf is the hash to store for m.
func hashOf(m *message[string]) string {
	var out [2 * sha256.Size]byte
	hexHash(&out, appendMessage(nil, m))
	return string(out[:])
}
