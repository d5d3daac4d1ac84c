package risk

import (
	"context"
	"crypto/rand"
	"sync"
	"time"

	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
)

// Service grades businesses from the database: their recorded static factors (or what the
// registry knows), their record events and the rules in force, and keeps every grade. It
// runs the bulk recompute as a background job (recompute_job.go).
type Service struct {
	st   *store.Store
	book *rules.Book
	// instance names this process in the jobs it starts; a job of another instance found
	// running when this one first looks was interrupted (recoverJobs).
	instance  string
	recoverMu sync.Mutex
	recovered bool
	jobs      sync.WaitGroup // the background jobs running, for tests to wait on
	sources   sourceCache    // the sources stored grades cite, for reading them
	targets   targetModel    // the targeting ranker trained on the city's record
}

// NewService returns the grading service over st with the city's rule book.
func NewService(st *store.Store, book *rules.Book) *Service {
	return &Service{st: st, book: book, instance: rand.Text()}
}

// Schemes resolves the schemes in force at t: the 2016 scheme for everyone and, when
// producersDraft is set, the 2022 draft for producers.
func (s *Service) Schemes(ctx context.Context, at time.Time, producersDraft bool) (Schemes, error) {
	def, err := LoadScheme(ctx, s.book, Scheme2016, at)
	if err != nil || !producersDraft {
		return Schemes{Default: def}, err
	}
	prod, err := LoadScheme(ctx, s.book, Scheme2022Draft, at)
	return Schemes{Default: def, Producers: prod}, err
}
