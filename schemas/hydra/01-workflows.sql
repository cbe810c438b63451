/* Hydra, a durable workflow engine: executions and their steps. */

CREATE TABLE workflow_executions (
  id              VARCHAR(255) NOT NULL PRIMARY KEY,
  workflow_name   VARCHAR(255) NOT NULL,
  status          ENUM('pending', 'running', 'sleeping', 'completed', 'failed') NOT NULL,
  input_data      LONGBLOB,
  output_data     MEDIUMBLOB,
  error_message   TEXT,
  created_at      BIGINT NOT NULL,
  started_at      BIGINT NULL,
  completed_at    BIGINT NULL,
  max_attempts    INT NOT NULL DEFAULT 3,
  remaining_attempts INT NOT NULL,
  next_retry_at   BIGINT NULL,
  namespace       VARCHAR(255) NOT NULL,
  trigger_type    ENUM('manual', 'cron', 'event', 'api') NULL,
  trigger_source  VARCHAR(255) NULL,
  sleep_until     BIGINT NULL,
  trace_id        VARCHAR(255) NULL,
  INDEX idx_workflow_executions_status_namespace (status, namespace),
  INDEX idx_workflow_executions_sleep_until (sleep_until),
  CHECK (remaining_attempts <= max_attempts)
);

CREATE TABLE workflow_steps (
  id              VARCHAR(255) NOT NULL PRIMARY KEY,
  execution_id    VARCHAR(255) NOT NULL,
  step_name       VARCHAR(255) NOT NULL,
  status          ENUM('pending', 'running', 'completed', 'failed') NOT NULL,
  output_data     LONGBLOB,
  error_message   TEXT,
  started_at      BIGINT NULL,
  completed_at    BIGINT NULL,
  max_attempts    INT NOT NULL,
  remaining_attempts INT NOT NULL,
  namespace       VARCHAR(255) NOT NULL,
  UNIQUE KEY unique_execution_step (execution_id, step_name),
  FOREIGN KEY (execution_id) REFERENCES workflow_executions (id) ON DELETE CASCADE
);
