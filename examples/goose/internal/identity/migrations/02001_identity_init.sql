-- +goose Up
-- Written for PostgreSQL 18, whose uuidv7() devenv defines on older servers.
CREATE TABLE identity.users (
    id         uuid PRIMARY KEY DEFAULT uuidv7(),
    email      text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- +goose StatementBegin
CREATE FUNCTION identity.touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER users_touch BEFORE UPDATE ON identity.users
    FOR EACH ROW EXECUTE FUNCTION identity.touch_updated_at();

-- +goose Down
DROP TABLE identity.users;
DROP FUNCTION identity.touch_updated_at();
