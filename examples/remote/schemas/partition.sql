-- One data-plane partition; the template makes <prefix>partition_001 … _016 from it.
CREATE TABLE events (
  id BIGINT NOT NULL PRIMARY KEY,
  account_id BIGINT NOT NULL,
  body TEXT NOT NULL,
  KEY events_account (account_id)
);
