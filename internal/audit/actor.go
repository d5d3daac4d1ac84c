package audit

import "context"

// SystemLogin names the actor of entries recorded without one: jobs, the CLI, start-up.
const SystemLogin = "system"

// Actor is who caused an event: the user (0 when none, such as a failed login for an
// unknown name), the login given, the role acted in and the client address.
type Actor struct {
	UserID int64
	Login  string
	Role   string
	IP     string
}

type ctxKey struct{}

// WithActor returns ctx carrying a, the actor of every entry recorded under it.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, ctxKey{}, a)
}

// ActorFrom returns the actor ctx carries, or the zero Actor, which Record stores as
// SystemLogin.
func ActorFrom(ctx context.Context) Actor {
	a, _ := ctx.Value(ctxKey{}).(Actor)
	return a
}
