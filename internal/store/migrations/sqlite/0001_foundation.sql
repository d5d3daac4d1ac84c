-- Foundation: org tree, people, businesses and their search index, accounts, sessions, tokens.
CREATE TABLE org_units (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES org_units(id),
    kind        TEXT NOT NULL CHECK (kind IN ('city','district','station','grid')),
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    township    TEXT NOT NULL DEFAULT '',
    path        TEXT NOT NULL DEFAULT '',
    center_lat  REAL,
    center_lng  REAL,
    radius_km   REAL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX org_units_parent ON org_units(parent_id);
CREATE INDEX org_units_path ON org_units(path);

CREATE TABLE people (
    id               INTEGER PRIMARY KEY,
    org_unit_id      INTEGER NOT NULL REFERENCES org_units(id),
    name             TEXT NOT NULL,
    gender           TEXT NOT NULL DEFAULT '',
    role_kind        TEXT NOT NULL CHECK (role_kind IN ('administrative','enforcement','technical','coordinator')),
    title            TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    id_number        TEXT NOT NULL DEFAULT '',
    certificate_no   TEXT NOT NULL DEFAULT '',
    monthly_subsidy  INTEGER NOT NULL DEFAULT 0,
    active           INTEGER NOT NULL DEFAULT 1,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX people_org ON people(org_unit_id);

CREATE TABLE businesses (
    id               INTEGER PRIMARY KEY,
    uscc             TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    category         TEXT NOT NULL,
    kind             TEXT NOT NULL DEFAULT '',
    licence_no       TEXT NOT NULL DEFAULT '',
    licence_issued   DATE,
    licence_expiry   DATE,
    legal_rep        TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    address          TEXT NOT NULL,
    district_id      INTEGER NOT NULL REFERENCES org_units(id),
    station_id       INTEGER NOT NULL REFERENCES org_units(id),
    grid_id          INTEGER REFERENCES org_units(id),
    market_id        INTEGER REFERENCES businesses(id),
    lat              REAL NOT NULL,
    lng              REAL NOT NULL,
    floor_area       REAL NOT NULL DEFAULT 0,
    product_count    INTEGER NOT NULL DEFAULT 0,
    daily_diners     INTEGER NOT NULL DEFAULT 0,
    supplier_count   INTEGER NOT NULL DEFAULT 0,
    employee_count   INTEGER NOT NULL DEFAULT 0,
    status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','suspended','closed')),
    closed_at        TIMESTAMP,
    closed_reason    TEXT NOT NULL DEFAULT '',
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX businesses_licence ON businesses(licence_no) WHERE licence_no <> '';
CREATE INDEX businesses_district ON businesses(district_id, id);
CREATE INDEX businesses_district_category ON businesses(district_id, category, id);
CREATE INDEX businesses_station ON businesses(station_id, id);
CREATE INDEX businesses_category ON businesses(category, id);
CREATE INDEX businesses_status ON businesses(status, id);
CREATE INDEX businesses_expiry ON businesses(licence_expiry);
CREATE INDEX businesses_market ON businesses(market_id) WHERE market_id IS NOT NULL;

-- Chinese substring search: unigram and bigram tokens of name and address (see
-- registry/searchgrams.go), kept in the same transaction as the business row.
CREATE VIRTUAL TABLE business_grams USING fts5(grams, content='', contentless_delete=1, detail=none);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    login          TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL,
    role           TEXT NOT NULL,
    org_unit_id    INTEGER NOT NULL REFERENCES org_units(id),
    person_id      INTEGER REFERENCES people(id),
    business_id    INTEGER REFERENCES businesses(id),
    password_hash  TEXT NOT NULL,
    disabled       INTEGER NOT NULL DEFAULT 0,
    created_at     TIMESTAMP NOT NULL
);

CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id),
    csrf_token    TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    last_seen_at  TIMESTAMP NOT NULL,
    expires_at    TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id),
    token_hash    TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL,
    expires_at    TIMESTAMP NOT NULL,
    last_used_at  TIMESTAMP,
    revoked_at    TIMESTAMP
);
