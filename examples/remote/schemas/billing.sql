-- Unqualified names go into the schema billing (config.toml: schema = "billing").
CREATE TABLE invoices (
  id bigint PRIMARY KEY,
  account_id bigint NOT NULL,
  total numeric(10, 2) NOT NULL
);

CREATE INDEX invoices_account ON invoices (account_id);
