-- +goose Up
CREATE TABLE identity.sessions (
    id         uuid PRIMARY KEY DEFAULT uuidv7(),
    user_id    uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_id ON identity.sessions (user_id);

-- +goose Down
DROP TABLE identity.sessions;
