-- Hydra scheduling: cron jobs and worker leases.

CREATE TABLE cron_jobs (
  id            VARCHAR(255) NOT NULL PRIMARY KEY,
  name          VARCHAR(255) NOT NULL,
  cron_spec     VARCHAR(255) NOT NULL,
  namespace     VARCHAR(255) NOT NULL,
  workflow_name VARCHAR(255) NULL,
  enabled       BOOLEAN NOT NULL DEFAULT TRUE,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL,
  last_run_at   BIGINT NULL,
  next_run_at   BIGINT NOT NULL,
  UNIQUE KEY unique_cron_name_namespace (namespace, name),
  INDEX idx_cron_jobs_next_run (enabled, next_run_at) COMMENT 'the scheduler polls by next run'
);

CREATE TABLE leases (
  resource_id   VARCHAR(255) NOT NULL PRIMARY KEY,
  kind          ENUM('workflow', 'step', 'cron_job') NOT NULL,
  namespace     VARCHAR(255) NOT NULL,
  worker_id     VARCHAR(255) NOT NULL,
  acquired_at   BIGINT NOT NULL,
  expires_at    BIGINT NOT NULL,
  heartbeat_at  BIGINT NOT NULL,
  INDEX idx_leases_expires (namespace, expires_at)
);

CREATE TABLE workflow_sleeps (
  execution_id  VARCHAR(255) NOT NULL,
  step_name     VARCHAR(255) NOT NULL,
  wake_at       BIGINT NOT NULL,
  PRIMARY KEY (execution_id, step_name) COMMENT 'one sleep per step',
  FOREIGN KEY (execution_id) REFERENCES workflow_executions (id) ON DELETE CASCADE
) ROW_FORMAT=DYNAMIC;

-- A worker takes a lease only if nobody holds a live one.
DELIMITER ;;
CREATE FUNCTION try_acquire_lease(p_resource VARCHAR(255), p_kind VARCHAR(16), p_namespace VARCHAR(255),
                                  p_worker VARCHAR(255), p_now BIGINT, p_ttl BIGINT) RETURNS BOOLEAN
  MODIFIES SQL DATA
BEGIN
  INSERT INTO leases (resource_id, kind, namespace, worker_id, acquired_at, expires_at, heartbeat_at)
    VALUES (p_resource, p_kind, p_namespace, p_worker, p_now, p_now + p_ttl, p_now)
    ON DUPLICATE KEY UPDATE
      worker_id    = IF(expires_at < p_now, VALUES(worker_id), worker_id),
      acquired_at  = IF(expires_at < p_now, VALUES(acquired_at), acquired_at),
      expires_at   = IF(expires_at < p_now, VALUES(expires_at), expires_at),
      heartbeat_at = IF(worker_id = p_worker, VALUES(heartbeat_at), heartbeat_at);
  RETURN (SELECT worker_id = p_worker FROM leases WHERE resource_id = p_resource);
END;;
DELIMITER ;

-- Leases expired for a day are purged every hour (when the server's event scheduler
-- runs: MariaDB's is off unless turned on).
CREATE EVENT purge_expired_leases ON SCHEDULE EVERY 1 HOUR
  COMMENT 'leases expired for a day'
  DO DELETE FROM leases WHERE expires_at < (UNIX_TIMESTAMP() - 86400) * 1000;
