-- Access (issue 3): API tokens act as one role of their user; failed logins are counted per
-- login name (known or not, so that lockout does not reveal which logins exist); a
-- coordinator's scope is a grid, so businesses are looked up by grid.
ALTER TABLE api_tokens ADD COLUMN role TEXT NOT NULL DEFAULT '';
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE login_failures (
    login         TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL,
    first_at      TIMESTAMP NOT NULL,
    locked_until  TIMESTAMP
);

CREATE INDEX businesses_grid ON businesses(grid_id, id) WHERE grid_id IS NOT NULL;
