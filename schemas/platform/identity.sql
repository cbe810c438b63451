-- Identity module: organisations, users and sessions (schema "identity").

CREATE TYPE membership_role AS ENUM ('owner', 'admin', 'member', 'viewer');

CREATE TABLE organizations (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]{3,64}$'),
  name        text NOT NULL,
  settings    jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id          serial PRIMARY KEY,
  email       varchar(320) NOT NULL,
  display_name text,
  tags        text[] NOT NULL DEFAULT '{}',
  email_lower text GENERATED ALWAYS AS (lower(email)) STORED,
  created_at  timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_lower_key ON users (email_lower);

CREATE TABLE memberships (
  organization_id bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id     integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role        membership_role NOT NULL DEFAULT 'member',
  invited_by  integer REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

CREATE SEQUENCE session_number_seq START 1000 INCREMENT 1;

CREATE TABLE sessions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number      bigint NOT NULL DEFAULT nextval('session_number_seq'),
  user_id     integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  user_agent  text,
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  CONSTRAINT sessions_expiry_after_revocation CHECK (revoked_at IS NULL OR revoked_at <= expires_at)
);
CREATE INDEX sessions_live_idx ON sessions (user_id, expires_at DESC) WHERE revoked_at IS NULL;

COMMENT ON TABLE sessions IS 'browser sessions; rows are kept 30 days after expiry';
COMMENT ON COLUMN sessions.number IS 'human-friendly session number for support';

-- Keeps updated_at honest without trusting the application.
CREATE FUNCTION touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();  -- statement ends inside the dollar quote; not a split point
  RETURN NEW;
END;
$$;

CREATE TRIGGER users_touch_updated_at BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER organizations_touch_updated_at BEFORE UPDATE ON organizations
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE VIEW organization_members AS
  SELECT m.organization_id, o.slug AS organization_slug, u.id AS user_id, u.email, m.role
  FROM memberships m
  JOIN organizations o ON o.id = m.organization_id
  JOIN users u ON u.id = m.user_id;
