-- The control plane: workspaces, APIs, keys and their permissions.
-- Plain DDL, unqualified: devenv puts every table into the right database.

CREATE TABLE workspaces (
  id            VARCHAR(256) NOT NULL,
  org_id        VARCHAR(256) NOT NULL,
  name          VARCHAR(256) NOT NULL,
  slug          VARCHAR(64)  NULL,
  plan          ENUM('free', 'pro', 'enterprise') NOT NULL DEFAULT 'free',
  beta_features JSON NOT NULL,
  features      JSON NOT NULL,
  enabled       BOOLEAN NOT NULL DEFAULT true,
  delete_protection BOOLEAN DEFAULT false,
  created_at_m  BIGINT NOT NULL DEFAULT 0,
  updated_at_m  BIGINT NULL,
  deleted_at_m  BIGINT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY workspaces_org_id_name_deleted_at_idx (org_id, name, deleted_at_m),
  UNIQUE KEY workspaces_slug_idx (slug)
) ENGINE = InnoDB;

CREATE TABLE key_auth (
  id                  VARCHAR(256) NOT NULL PRIMARY KEY,
  workspace_id        VARCHAR(256) NOT NULL,
  store_encrypted_keys BOOLEAN NOT NULL DEFAULT false,
  default_prefix      VARCHAR(8) NULL,
  default_bytes       INT DEFAULT 16,
  size_approx         INT NOT NULL DEFAULT 0,
  size_last_updated_at BIGINT NOT NULL DEFAULT 0,
  created_at_m        BIGINT NOT NULL DEFAULT 0,
  deleted_at_m        BIGINT NULL,
  CONSTRAINT key_auth_workspace_fk FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
);

CREATE TABLE apis (
  id            VARCHAR(256) NOT NULL,
  name          VARCHAR(256) NOT NULL,
  workspace_id  VARCHAR(256) NOT NULL,
  ip_whitelist  VARCHAR(512) NULL,
  auth_type     ENUM('key', 'jwt') NULL,
  key_auth_id   VARCHAR(256) NULL,
  delete_protection BOOLEAN DEFAULT false,
  created_at_m  BIGINT NOT NULL DEFAULT 0,
  deleted_at_m  BIGINT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY apis_key_auth_id_unique (key_auth_id),
  KEY workspace_id_idx (workspace_id),
  FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE,
  FOREIGN KEY (key_auth_id) REFERENCES key_auth (id) ON DELETE SET NULL
);

CREATE TABLE identities (
  id            VARCHAR(256) NOT NULL PRIMARY KEY,
  external_id   VARCHAR(256) NOT NULL,
  workspace_id  VARCHAR(256) NOT NULL,
  environment   VARCHAR(256) NOT NULL DEFAULT 'default',
  meta          JSON,
  deleted       BOOLEAN NOT NULL DEFAULT false,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NULL,
  UNIQUE KEY workspace_id_external_id_deleted_idx (workspace_id, external_id, deleted),
  FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
);

CREATE TABLE `keys` (
  id                VARCHAR(256) NOT NULL,
  key_auth_id       VARCHAR(256) NOT NULL,
  hash              VARCHAR(256) NOT NULL,
  start             VARCHAR(256) NOT NULL,
  workspace_id      VARCHAR(256) NOT NULL,
  for_workspace_id  VARCHAR(256) NULL,
  name              VARCHAR(256) NULL,
  owner_id          VARCHAR(256) NULL,
  identity_id       VARCHAR(256) NULL,
  meta              TEXT NULL,
  expires           DATETIME(3) NULL,
  created_at_m      BIGINT NOT NULL DEFAULT 0,
  updated_at_m      BIGINT NULL,
  deleted_at_m      BIGINT NULL,
  refill_day        TINYINT NULL,
  refill_amount     INT NULL,
  last_refill_at    DATETIME(3) NULL,
  enabled           BOOLEAN NOT NULL DEFAULT true,
  remaining_requests INT NULL,
  ratelimit_async   BOOLEAN NULL,
  environment       VARCHAR(256) NULL,
  -- Derived, so that listing "active" keys is one index range scan.
  is_active         BOOLEAN AS (deleted_at_m IS NULL AND enabled) VIRTUAL,
  PRIMARY KEY (id),
  UNIQUE KEY hash_idx (hash),
  KEY key_auth_id_deleted_at_idx (key_auth_id, deleted_at_m),
  KEY idx_keys_on_for_workspace_id (for_workspace_id),
  KEY idx_keys_on_workspace_id (workspace_id),
  KEY owner_id_idx (owner_id),
  KEY identity_id_idx (identity_id),
  KEY start_prefix_idx (start(8)),
  CONSTRAINT keys_refill_day_range CHECK (refill_day IS NULL OR refill_day BETWEEN 1 AND 31),
  FOREIGN KEY (key_auth_id) REFERENCES key_auth (id) ON DELETE CASCADE,
  FOREIGN KEY (identity_id) REFERENCES identities (id) ON DELETE SET NULL
);

CREATE TABLE permissions (
  id            VARCHAR(256) NOT NULL PRIMARY KEY,
  workspace_id  VARCHAR(256) NOT NULL,
  name          VARCHAR(512) NOT NULL,
  slug          VARCHAR(128) NOT NULL,
  description   VARCHAR(512) NULL,
  created_at_m  BIGINT NOT NULL DEFAULT 0,
  updated_at_m  BIGINT NULL,
  UNIQUE KEY unique_slug_per_workspace_idx (workspace_id, slug),
  FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
);

CREATE TABLE roles (
  id            VARCHAR(256) NOT NULL PRIMARY KEY,
  workspace_id  VARCHAR(256) NOT NULL,
  name          VARCHAR(512) NOT NULL,
  description   VARCHAR(512) NULL,
  created_at_m  BIGINT NOT NULL DEFAULT 0,
  updated_at_m  BIGINT NULL,
  UNIQUE KEY unique_name_per_workspace_idx (workspace_id, name),
  FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
);

CREATE TABLE roles_permissions (
  role_id       VARCHAR(256) NOT NULL,
  permission_id VARCHAR(256) NOT NULL,
  workspace_id  VARCHAR(256) NOT NULL,
  created_at_m  BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (role_id, permission_id, workspace_id),
  FOREIGN KEY (role_id) REFERENCES roles (id) ON DELETE CASCADE,
  FOREIGN KEY (permission_id) REFERENCES permissions (id) ON DELETE CASCADE
);

CREATE TABLE keys_roles (
  key_id        VARCHAR(256) NOT NULL,
  role_id       VARCHAR(256) NOT NULL,
  workspace_id  VARCHAR(256) NOT NULL,
  created_at_m  BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (role_id, key_id, workspace_id),
  FOREIGN KEY (key_id) REFERENCES `keys` (id) ON DELETE CASCADE,
  FOREIGN KEY (role_id) REFERENCES roles (id) ON DELETE CASCADE
);

CREATE TABLE keys_permissions (
  key_id        VARCHAR(256) NOT NULL,
  permission_id VARCHAR(256) NOT NULL,
  workspace_id  VARCHAR(256) NOT NULL,
  created_at_m  BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (key_id, permission_id, workspace_id),
  FOREIGN KEY (key_id) REFERENCES `keys` (id) ON DELETE CASCADE,
  FOREIGN KEY (permission_id) REFERENCES permissions (id) ON DELETE CASCADE
);

CREATE TABLE ratelimit_namespaces (
  id            VARCHAR(256) NOT NULL PRIMARY KEY,
  workspace_id  VARCHAR(256) NOT NULL,
  name          VARCHAR(512) NOT NULL,
  created_at_m  BIGINT NOT NULL DEFAULT 0,
  deleted_at_m  BIGINT NULL,
  UNIQUE KEY unique_name_per_workspace_idx (workspace_id, name),
  FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
);

CREATE TABLE ratelimit_overrides (
  id            VARCHAR(256) NOT NULL PRIMARY KEY,
  workspace_id  VARCHAR(256) NOT NULL,
  namespace_id  VARCHAR(256) NOT NULL,
  identifier    VARCHAR(512) NOT NULL,
  `limit`       INT NOT NULL,
  duration      INT NOT NULL,
  async         BOOLEAN NULL,
  sharding      ENUM('edge') NULL,
  created_at_m  BIGINT NOT NULL DEFAULT 0,
  deleted_at_m  BIGINT NULL,
  UNIQUE KEY unique_identifier_per_namespace_idx (namespace_id, identifier),
  CHECK (`limit` >= 0 AND duration > 0),
  FOREIGN KEY (namespace_id) REFERENCES ratelimit_namespaces (id) ON DELETE CASCADE
);

CREATE TABLE ratelimits (
  id            VARCHAR(256) NOT NULL PRIMARY KEY,
  name          VARCHAR(256) NOT NULL,
  workspace_id  VARCHAR(256) NOT NULL,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NULL,
  key_id        VARCHAR(256) NULL,
  identity_id   VARCHAR(256) NULL,
  `limit`       INT NOT NULL,
  duration      BIGINT NOT NULL,
  auto_apply    BOOLEAN NOT NULL DEFAULT false,
  UNIQUE KEY unique_name_per_key_idx (key_id, name),
  UNIQUE KEY unique_name_per_identity_idx (identity_id, name),
  FOREIGN KEY (key_id) REFERENCES `keys` (id) ON DELETE CASCADE,
  FOREIGN KEY (identity_id) REFERENCES identities (id) ON DELETE CASCADE
);

CREATE TABLE audit_log (
  id            VARCHAR(256) NOT NULL PRIMARY KEY,
  workspace_id  VARCHAR(256) NOT NULL,
  bucket        VARCHAR(256) NOT NULL DEFAULT 'unkey_mutations',
  event         VARCHAR(256) NOT NULL,
  time          BIGINT NOT NULL,
  display       VARCHAR(256) NOT NULL,
  remote_ip     VARCHAR(256) NULL,
  user_agent    VARCHAR(256) NULL,
  actor_type    VARCHAR(256) NOT NULL,
  actor_id      VARCHAR(256) NOT NULL,
  actor_name    VARCHAR(256) NULL,
  actor_meta    JSON NULL,
  created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY workspace_id_idx (workspace_id),
  KEY bucket_id_idx (bucket, time),
  KEY event_idx (event)
) COMMENT = 'append-only; retention is handled by a cron job';

CREATE TABLE audit_log_target (
  workspace_id  VARCHAR(256) NOT NULL,
  bucket        VARCHAR(256) NOT NULL DEFAULT 'unkey_mutations',
  audit_log_id  VARCHAR(256) NOT NULL,
  display_name  VARCHAR(256) NOT NULL,
  type          VARCHAR(256) NOT NULL,
  id            VARCHAR(256) NOT NULL,
  name          VARCHAR(256) NULL,
  meta          JSON NULL,
  PRIMARY KEY (audit_log_id, id),
  FOREIGN KEY (audit_log_id) REFERENCES audit_log (id) ON DELETE CASCADE
);

-- Keys that can still authenticate, for dashboards.
CREATE VIEW active_keys AS
  SELECT k.id, k.workspace_id, k.key_auth_id, k.name, k.expires
  FROM `keys` AS k
  WHERE k.deleted_at_m IS NULL AND k.enabled;

DELIMITER //
CREATE TRIGGER keys_touch_updated_at BEFORE UPDATE ON `keys`
FOR EACH ROW
BEGIN
  -- milliseconds since the epoch, like the application writes
  IF NEW.updated_at_m IS NULL OR NEW.updated_at_m = OLD.updated_at_m THEN
    SET NEW.updated_at_m = FLOOR(UNIX_TIMESTAMP(CURRENT_TIMESTAMP(3)) * 1000);
  END IF;
END //
DELIMITER ;
