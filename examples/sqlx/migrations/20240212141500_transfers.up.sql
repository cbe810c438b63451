CREATE TYPE transfer_state AS ENUM ('pending', 'settled', 'failed');

CREATE TABLE transfers (
    id         BIGSERIAL PRIMARY KEY,
    from_id    BIGINT NOT NULL REFERENCES accounts (id),
    to_id      BIGINT NOT NULL REFERENCES accounts (id),
    amount     NUMERIC(18, 2) NOT NULL CHECK (amount > 0),
    state      transfer_state NOT NULL DEFAULT 'pending',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX transfers_from_id ON transfers (from_id, created_at);
