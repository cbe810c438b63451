# Data-plane tables, identical in every partition (partition_001 … partition_NNN).
# One source file; devenv expands it into each partition database.

CREATE TABLE gateways (
  id            VARCHAR(256) NOT NULL PRIMARY KEY,
  workspace_id  VARCHAR(256) NOT NULL,
  hostname      VARCHAR(255) NOT NULL,
  config        LONGBLOB NOT NULL COMMENT 'protobuf-encoded gateway config',
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NULL,
  UNIQUE KEY gateways_hostname_unique (hostname),
  KEY gateways_workspace_idx (workspace_id)
);

CREATE TABLE certificates (
  id            VARCHAR(256) NOT NULL PRIMARY KEY,
  workspace_id  VARCHAR(256) NOT NULL,
  hostname      VARCHAR(255) NOT NULL,
  certificate   TEXT NOT NULL,
  encrypted_private_key TEXT NOT NULL,
  expires_at    BIGINT NOT NULL,
  created_at    BIGINT NOT NULL,
  UNIQUE KEY certificates_hostname_unique (hostname)
);

CREATE TABLE deployments (
  id            VARCHAR(256) NOT NULL PRIMARY KEY,
  workspace_id  VARCHAR(256) NOT NULL,
  project_id    VARCHAR(256) NOT NULL,
  git_commit_sha VARCHAR(40) NULL,
  status        ENUM('pending', 'building', 'deploying', 'ready', 'failed') NOT NULL DEFAULT 'pending',
  runtime_config JSON NOT NULL,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NULL,
  KEY deployments_project_status_idx (project_id, status),
  CONSTRAINT deployments_sha_format CHECK (git_commit_sha IS NULL OR CHAR_LENGTH(git_commit_sha) = 40)
);

CREATE TABLE domains (
  id            VARCHAR(256) NOT NULL PRIMARY KEY,
  workspace_id  VARCHAR(256) NOT NULL,
  deployment_id VARCHAR(256) NULL,
  domain        VARCHAR(255) NOT NULL,
  -- lower-cased once, so lookups need no function index
  domain_lower  VARCHAR(255) AS (LOWER(domain)) STORED,
  type          ENUM('custom', 'generated') NOT NULL,
  created_at    BIGINT NOT NULL,
  UNIQUE KEY domains_domain_lower_unique (domain_lower),
  CONSTRAINT domains_deployment_fk FOREIGN KEY (deployment_id) REFERENCES deployments (id) ON DELETE SET NULL
);

CREATE TABLE vms (
  id            VARCHAR(256) NOT NULL PRIMARY KEY,
  deployment_id VARCHAR(256) NOT NULL,
  region        VARCHAR(64) NOT NULL,
  private_ip    VARCHAR(45) NULL,
  port          SMALLINT UNSIGNED NULL,
  cpu_millicores INT UNSIGNED NOT NULL DEFAULT 1000,
  memory_mb     INT UNSIGNED NOT NULL DEFAULT 512,
  status        ENUM('allocated', 'provisioning', 'running', 'stopping', 'stopped') NOT NULL,
  health_checked_at TIMESTAMP NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP,
  KEY vms_deployment_idx (deployment_id),
  FOREIGN KEY (deployment_id) REFERENCES deployments (id) ON DELETE CASCADE
) ENGINE = InnoDB /*!50100 COMMENT = 'one row per microVM' */;

DELIMITER $$
CREATE PROCEDURE expire_certificates(IN now_ms BIGINT)
  MODIFIES SQL DATA
BEGIN
  DELETE FROM certificates WHERE expires_at < now_ms;
  SELECT ROW_COUNT() AS removed;
END $$
DELIMITER ;
