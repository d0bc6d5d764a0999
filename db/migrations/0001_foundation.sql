-- Foundation: units, users, roles, sessions, API tokens, the append-only audit log, and the working-day calendar.

CREATE TABLE units (
  id            serial PRIMARY KEY,
  parent_id     integer REFERENCES units(id),
  -- Materialised path '/1/4/9/' so "is X inside Y's subtree" is one prefix test.
  path          text NOT NULL,
  code          text NOT NULL UNIQUE,          -- 机构代码 used in 索引号 (组织机构代码 or 统一社会信用代码)
  credit_code   text,                          -- 统一社会信用代码
  name          text NOT NULL,
  short_name    text NOT NULL,
  slug          text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  level         text NOT NULL CHECK (level IN ('city', 'county', 'township')),
  kind          text NOT NULL CHECK (kind IN ('government', 'department')),
  -- 政府信息公开指南 contact data, Art. 12.
  office_name   text NOT NULL DEFAULT '',
  address       text NOT NULL DEFAULT '',
  office_hours  text NOT NULL DEFAULT '',
  phone         text NOT NULL DEFAULT '',
  fax           text NOT NULL DEFAULT '',
  web_contact   text NOT NULL DEFAULT '',
  email         text NOT NULL DEFAULT '',
  postcode      text NOT NULL DEFAULT '',
  guide_text    text NOT NULL DEFAULT '',       -- 指南 narrative: 分类、编排体系、获取方式
  guide_updated_at timestamptz NOT NULL DEFAULT now(),
  sort_order    integer NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX units_parent_idx ON units (parent_id);

-- Per-unit settings of the 法定主动公开内容 sub-sections (absent row = the default for the unit's level).
CREATE TABLE unit_sections (
  unit_id  integer NOT NULL REFERENCES units(id),
  code     text NOT NULL,
  enabled  boolean NOT NULL,
  label    text,
  PRIMARY KEY (unit_id, code)
);

CREATE TABLE users (
  id               serial PRIMARY KEY,
  username         text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,40}$'),
  display_name     text NOT NULL,
  unit_id          integer NOT NULL REFERENCES units(id),
  password_hash    text NOT NULL,
  active           boolean NOT NULL DEFAULT true,
  failed_logins    integer NOT NULL DEFAULT 0,
  locked_until     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  password_changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE role_assignments (
  user_id  integer NOT NULL REFERENCES users(id),
  role     text NOT NULL CHECK (role IN ('system_admin', 'office_admin', 'publisher', 'reviewer', 'secrecy_reviewer')),
  unit_id  integer NOT NULL REFERENCES units(id),   -- the role applies to this unit and its whole subtree
  PRIMARY KEY (user_id, role, unit_id)
);

CREATE TABLE sessions (
  id            text PRIMARY KEY,                  -- sha256 of the cookie token; the token itself is never stored
  user_id       integer NOT NULL REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  ip            text NOT NULL DEFAULT '',
  user_agent    text NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
  id            serial PRIMARY KEY,
  unit_id       integer NOT NULL REFERENCES units(id),
  name          text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  scopes        text[] NOT NULL,
  created_by    integer REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz
);

-- Append-only audit log of every action (Art. 45 spirit; nothing lost). A trigger refuses UPDATE and DELETE.
CREATE TABLE audit_log (
  id            bigserial PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  actor_user_id integer,
  actor_label   text NOT NULL,
  action        text NOT NULL,
  subject_type  text NOT NULL,
  subject_id    text NOT NULL,
  unit_id       integer,
  ip            text NOT NULL DEFAULT '',
  details       jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Working-day calendar: overrides over the base data of the chinese-days package, edited by the office or
-- imported from State Council notices (holiday-cn JSON). A year counts as published once it is listed here or in
-- the base data; any other year is unknown.
CREATE TABLE calendar_days (
  day             date PRIMARY KEY,
  is_working_day  boolean NOT NULL,
  name            text NOT NULL DEFAULT '',
  source          text NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE calendar_years (
  year     integer PRIMARY KEY,
  source   text NOT NULL,
  papers   text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);
