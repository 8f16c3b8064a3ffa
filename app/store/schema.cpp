#include "schema.h"

namespace kiosk::store::schema {

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> steps = {
        {1, R"sql(
-- Counters that outlive the rows they count (delivered rows are purged).
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO meta(key, value) VALUES ('delivered_total', 0), ('expired_total', 0), ('dead_total', 0);

-- Work waiting for the backend. A row exists only until the backend
-- acknowledges it (then it is deleted) or it expires (deleted, audited).
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  idempotency_key TEXT    NOT NULL UNIQUE,   -- UUID v4, sent with every attempt
  type            TEXT    NOT NULL,          -- e.g. proofing_record, service_form
  session_id      TEXT    NOT NULL,          -- opaque citizen-session id (not personal data)
  session_seq     INTEGER NOT NULL,          -- order within the session
  priority        INTEGER NOT NULL,          -- lower goes first
  payload         BLOB    NOT NULL,
  created_at      INTEGER NOT NULL,          -- ms since epoch, UTC
  expires_at      INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  status          INTEGER NOT NULL DEFAULT 0, -- 0 pending, 1 dead letter
  last_error      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX outbox_session ON outbox(session_id, priority, session_seq);
CREATE INDEX outbox_order   ON outbox(status, priority, created_at);
CREATE INDEX outbox_expiry  ON outbox(expires_at);

-- What happened to work without the work itself: expiries, dead letters,
-- maintenance retries. Bounded (oldest rows pruned).
CREATE TABLE audit (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      INTEGER NOT NULL,
  event   TEXT    NOT NULL,
  subject TEXT    NOT NULL DEFAULT '',
  detail  TEXT    NOT NULL DEFAULT ''
);
)sql"},
    };
    return steps;
}

}  // namespace kiosk::store::schema
