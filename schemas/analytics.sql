-- Analytics: raw events and a daily roll-up (schema "public").

CREATE TABLE events (
  id            bigserial,
  occurred_at   timestamptz NOT NULL,
  workspace_id  text NOT NULL,
  kind          text NOT NULL,
  payload       jsonb,
  PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);

CREATE TABLE events_2026 PARTITION OF events
  FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

CREATE TABLE daily_usage (
  day           date NOT NULL,
  workspace_id  text NOT NULL,
  requests      bigint NOT NULL DEFAULT 0,
  errors        bigint NOT NULL DEFAULT 0,
  error_rate    double precision GENERATED ALWAYS AS (CASE WHEN requests = 0 THEN 0 ELSE errors::double precision / requests END) STORED,
  PRIMARY KEY (day, workspace_id)
);

CREATE FUNCTION roll_up_day(p_day date) RETURNS integer
LANGUAGE sql
BEGIN ATOMIC
  DELETE FROM daily_usage WHERE day = p_day;
  INSERT INTO daily_usage (day, workspace_id, requests, errors)
    SELECT p_day, workspace_id, count(*), count(*) FILTER (WHERE kind = 'error')
    FROM events
    WHERE occurred_at >= p_day AND occurred_at < p_day + 1
    GROUP BY workspace_id;
  SELECT count(*)::integer FROM daily_usage WHERE day = p_day;
END;
