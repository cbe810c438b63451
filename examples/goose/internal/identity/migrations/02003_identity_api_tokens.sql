-- +goose Up
-- Merged after billing's 03001 had shipped: goose's allow-missing still applies it,
-- and on an empty database it runs in version order, before 03001.
CREATE TABLE identity.api_tokens (
    id      uuid PRIMARY KEY DEFAULT uuidv7(),
    user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
    hash    bytea NOT NULL UNIQUE
);

-- +goose Down
DROP TABLE identity.api_tokens;
