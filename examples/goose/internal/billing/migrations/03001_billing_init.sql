-- +goose Up
CREATE TYPE billing.plan AS ENUM ('free', 'pro', 'enterprise');

CREATE TABLE billing.subscriptions (
    id       uuid PRIMARY KEY DEFAULT uuidv7(),
    user_id  uuid NOT NULL REFERENCES identity.users (id),
    plan     billing.plan NOT NULL DEFAULT 'free',
    started  date NOT NULL DEFAULT current_date
);

-- +goose Down
DROP TABLE billing.subscriptions;
DROP TYPE billing.plan;
