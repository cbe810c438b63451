-- A whole file is one query for sqlx: the function body's semicolons stay inside $$.
CREATE FUNCTION settle(transfer BIGINT) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    UPDATE transfers SET state = 'settled' WHERE id = transfer AND state = 'pending';
END;
$$;

ALTER TABLE accounts ADD COLUMN closed_at TIMESTAMPTZ;
