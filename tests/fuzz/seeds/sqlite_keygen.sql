-- Keys and their verifications. Written as SQLite reads it: an INTEGER PRIMARY KEY
-- is the rowid, STRICT tables check their types.
CREATE TABLE workspaces (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  slug TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE [keys] (
  id TEXT PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  hash BLOB NOT NULL,
  prefix TEXT NOT NULL,
  expires_at INTEGER,
  remaining INTEGER CHECK (remaining IS NULL OR remaining >= 0),
  enabled INTEGER NOT NULL DEFAULT 1
) WITHOUT ROWID;

CREATE UNIQUE INDEX keys_hash ON [keys] (hash);
CREATE INDEX keys_live ON [keys] (workspace_id, expires_at) WHERE enabled = 1;

CREATE TABLE verifications (
  key_id TEXT NOT NULL REFERENCES [keys] (id),
  at INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('valid', 'expired', 'rate_limited')),
  region TEXT,
  day INTEGER GENERATED ALWAYS AS (at / 86400000) VIRTUAL
);
CREATE INDEX verifications_by_day ON verifications (key_id, day);

-- Spending a key's remaining uses: the trigger body's semicolons stay inside it.
CREATE TRIGGER spend_remaining AFTER INSERT ON verifications
WHEN NEW.outcome = 'valid'
BEGIN
  UPDATE [keys] SET remaining = remaining - 1 WHERE id = NEW.key_id AND remaining IS NOT NULL;
  UPDATE [keys] SET enabled = CASE WHEN remaining = 0 THEN 0 ELSE enabled END WHERE id = NEW.key_id;
END;
