-- Accounts and their balances.
CREATE TABLE accounts (
    id          BIGSERIAL PRIMARY KEY,
    owner_email TEXT NOT NULL UNIQUE,
    currency    CHAR(3) NOT NULL DEFAULT 'EUR',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE balances (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    amount     NUMERIC(18, 2) NOT NULL DEFAULT 0
);
