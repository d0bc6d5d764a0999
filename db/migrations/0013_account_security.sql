-- Identity and audit for 等保2.0 三级: a forced password change, a tamper-evident audit log.

-- Set for demo accounts and after an administrator's reset: the user must choose a new password before working.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN disabled_at timestamptz;
ALTER TABLE users ADD COLUMN disabled_reason text NOT NULL DEFAULT '';

-- The audit log as a hash chain: each entry's hash covers its content and the previous entry's hash, in the order
-- the entries were written (seq, serialised by the one row of audit_chain). An edit, deletion or insertion made
-- behind the append-only trigger breaks the chain, which `npx gongkai audit verify` walks.
ALTER TABLE audit_log ADD COLUMN seq bigint UNIQUE;
ALTER TABLE audit_log ADD COLUMN prev_hash text;
ALTER TABLE audit_log ADD COLUMN hash text;

CREATE TABLE audit_chain (
  only_row  boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  last_seq  bigint NOT NULL,
  last_hash text NOT NULL
);

CREATE FUNCTION audit_entry_hash(prev text, a audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|', prev, a.seq::text, a.id::text,
    to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), coalesce(a.actor_user_id::text, ''), a.actor_label,
    a.action, a.subject_type, a.subject_id, coalesce(a.unit_id::text, ''), a.ip, a.details::text), 'UTF8')), 'hex')
$$;

-- Entries already written are chained in id order, once.
DO $$
DECLARE
  r audit_log;
  prev text := repeat('0', 64);
  n bigint := 0;
BEGIN
  ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
  FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
    n := n + 1;
    r.seq := n;
    UPDATE audit_log SET seq = n, prev_hash = prev, hash = audit_entry_hash(prev, r) WHERE id = r.id;
    prev := audit_entry_hash(prev, r);
  END LOOP;
  ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
  INSERT INTO audit_chain (last_seq, last_hash) VALUES (n, prev);
END $$;

CREATE FUNCTION audit_chain_link() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  c audit_chain;
BEGIN
  -- A restore brings entries with their chain; they are kept as they are, and verify checks them.
  IF NEW.hash IS NOT NULL THEN
    RETURN NEW;
  END IF;
  SELECT * INTO c FROM audit_chain WHERE only_row FOR UPDATE;
  NEW.seq := c.last_seq + 1;
  NEW.prev_hash := c.last_hash;
  NEW.hash := audit_entry_hash(c.last_hash, NEW);
  UPDATE audit_chain SET last_seq = NEW.seq, last_hash = NEW.hash WHERE only_row;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_chain_link();
