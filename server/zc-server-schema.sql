-- zc-platform database schema (SQLite, WAL). Applied by zc-server-db.c
-- when the database is new (PRAGMA user_version = 0 → 1); later versions
-- are ADD-only migration steps in zc-server-db.c (migrations[]).
-- Dates are 'YYYY-MM-DD', timestamps RFC 3339 UTC ('2026-11-27T09:30:00Z').

CREATE TABLE users (
  username        TEXT PRIMARY KEY,
  password_hash   TEXT NOT NULL,          -- crypt(3) string (yescrypt/sha512crypt)
  role            TEXT NOT NULL CHECK (role IN ('clerk','helper','supervisor','department')),
  display_name    TEXT NOT NULL,
  window          TEXT,                   -- e.g. '3号窗口' for clerk/helper/supervisor
  department      TEXT,                   -- for role department, e.g. '市场监管局'
  failed_logins   INTEGER NOT NULL DEFAULT 0,
  locked_until    TEXT                    -- timestamp or NULL
);

CREATE TABLE sessions (
  token           TEXT PRIMARY KEY,       -- schema 4: SHA-256 (hex) of the 64-hex-char token
  username        TEXT NOT NULL REFERENCES users(username),
  created_at      TEXT NOT NULL,
  expires_at      TEXT NOT NULL
);

CREATE TABLE catalogue_items (
  code            TEXT PRIMARY KEY,
  position        INTEGER NOT NULL,
  json            TEXT NOT NULL           -- the CatalogueItem object as served
);

CREATE TABLE applicants (
  key             TEXT PRIMARY KEY,       -- 身份证号 or 统一社会信用代码
  kind            TEXT NOT NULL CHECK (kind IN ('person','enterprise')),
  name            TEXT NOT NULL,
  phone           TEXT,
  address         TEXT,
  serious_credit_breach INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE parties (                    -- known relations of an applicant
  applicant       TEXT NOT NULL REFERENCES applicants(key),
  role            TEXT NOT NULL,          -- spouse, mother, father, legal_representative, staff, premises_owner, household_head …
  party_key       TEXT NOT NULL REFERENCES applicants(key),
  PRIMARY KEY (applicant, role, party_key)
);

CREATE TABLE licences (
  type            TEXT NOT NULL,
  number          TEXT NOT NULL,
  holder          TEXT NOT NULL REFERENCES applicants(key),
  holder_name     TEXT NOT NULL,
  issuer          TEXT NOT NULL,
  issued_on       TEXT NOT NULL,
  valid_until     TEXT,                   -- NULL = unlimited
  revoked         INTEGER NOT NULL DEFAULT 0,
  fields          TEXT NOT NULL DEFAULT '{}',   -- JSON object
  photo           BLOB,                   -- PNG, id_card only
  PRIMARY KEY (number, holder)
);
CREATE INDEX licences_by_holder ON licences(holder);

CREATE TABLE cases (
  id              INTEGER PRIMARY KEY,
  number          TEXT UNIQUE,            -- ZC-YYYYMMDD-NNNNNN once received
  item            TEXT NOT NULL REFERENCES catalogue_items(code),
  applicant       TEXT NOT NULL REFERENCES applicants(key),
  state           TEXT NOT NULL,
  returned_from   TEXT,                   -- state before 'returned'
  window          TEXT NOT NULL,
  clerk           TEXT NOT NULL,
  holder          TEXT,                   -- user editing it now (claim)
  matters         TEXT NOT NULL DEFAULT '[]',   -- JSON array of sub-matter codes
  form            TEXT,                   -- JSON object
  parties         TEXT,                   -- JSON array [{"role","key"}]
  reason          TEXT,
  created_at      TEXT NOT NULL,
  received_at     TEXT,
  updated_at      TEXT NOT NULL,
  field_sources   TEXT,                   -- JSON object: field key → FieldOrigin
  key_override_reason TEXT                -- a credit code accepted despite its check digit, and why
);
CREATE INDEX cases_by_state ON cases(state);
CREATE INDEX cases_by_window ON cases(window);
CREATE INDEX cases_by_created ON cases(created_at);

CREATE TABLE idempotency (
  username        TEXT NOT NULL,
  key             TEXT NOT NULL,
  case_id         INTEGER NOT NULL REFERENCES cases(id),
  created_at      TEXT NOT NULL,
  PRIMARY KEY (username, key)
);

CREATE TABLE tasks (
  id              INTEGER PRIMARY KEY,
  case_id         INTEGER NOT NULL REFERENCES cases(id),
  matter          TEXT NOT NULL,
  matter_name     TEXT NOT NULL,
  department      TEXT NOT NULL,
  state           TEXT NOT NULL,
  due_date        TEXT,
  due_provisional INTEGER NOT NULL DEFAULT 0,
  awaiting_supplement INTEGER NOT NULL DEFAULT 0,
  reason          TEXT,
  updated_at      TEXT NOT NULL
);
CREATE INDEX tasks_by_case ON tasks(case_id);
CREATE INDEX tasks_by_department ON tasks(department, state);

CREATE TABLE events (                     -- the audit trail: every change, every view of personal data
  id              INTEGER PRIMARY KEY,
  at              TEXT NOT NULL,
  actor           TEXT NOT NULL,          -- username or 'platform'
  role            TEXT NOT NULL,
  window          TEXT,
  action          TEXT NOT NULL,          -- case.create, case.transition, task.transition, session.create,
                                          -- session.delete, session.failed, user.lock, user.unlock,
                                          -- applicant.view, licence.view, demo.load …
  case_id         INTEGER REFERENCES cases(id),
  task_id         INTEGER REFERENCES tasks(id),
  subject         TEXT,                   -- applicant key whose data was viewed/changed (never logged to files)
  from_state      TEXT,
  to_state        TEXT,
  reason          TEXT,
  detail          TEXT                    -- JSON
);
CREATE INDEX events_by_case ON events(case_id);
CREATE INDEX events_by_subject ON events(subject);

CREATE TABLE idempotent_replies (         -- Idempotency-Key of mutations other than POST /cases
  username        TEXT NOT NULL,
  key             TEXT NOT NULL,
  status          INTEGER NOT NULL,
  body            TEXT NOT NULL,          -- the first answer, replayed
  created_at      TEXT NOT NULL,
  PRIMARY KEY (username, key)
);
