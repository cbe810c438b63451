-- Uptime checks and their results.
CREATE TABLE `monitors` (
  `id` INTEGER PRIMARY KEY,
  `url` TEXT NOT NULL,
  `interval_seconds` INT NOT NULL DEFAULT 60,
  `paused` BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE results (
  monitor_id INTEGER NOT NULL REFERENCES monitors (id),
  checked_at INTEGER NOT NULL,
  status_code INTEGER,
  latency_ms REAL,
  PRIMARY KEY (monitor_id, checked_at)
) WITHOUT ROWID;

CREATE VIEW latest AS
  SELECT monitor_id, max(checked_at) AS checked_at FROM results GROUP BY monitor_id;
