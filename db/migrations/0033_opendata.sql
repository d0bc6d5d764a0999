-- Open government data (政府数据开放), the opendata module (ADR 0025): datasets of a providing unit with their versions,
-- resources (files and links; tabular ones loaded into datastore_rows), and the event log.
CREATE TABLE datasets (
  id                serial PRIMARY KEY,
  uuid              uuid NOT NULL UNIQUE,                 -- the CKAN id
  name              text NOT NULL UNIQUE,                 -- the CKAN name (identifier): fixed once published
  unit_id           integer NOT NULL REFERENCES units(id),
  state             text NOT NULL CHECK (state IN ('draft', 'review', 'published', 'withdrawn')),
  metadata          jsonb NOT NULL,                       -- the working copy's metadata (rules.ts)
  resource_ids      uuid[] NOT NULL DEFAULT '{}',         -- the working copy's resources, in order
  change_note       text NOT NULL DEFAULT '',             -- what the working copy changes (变更说明)
  published_version integer NOT NULL DEFAULT 0,
  withdrawn_reason  text NOT NULL DEFAULT '',
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL
);
CREATE INDEX datasets_unit_idx ON datasets (unit_id, state);

CREATE TABLE dataset_resources (
  id            uuid PRIMARY KEY,
  dataset_id    integer NOT NULL REFERENCES datasets(id),
  name          text NOT NULL,
  description   text NOT NULL DEFAULT '',
  format        text NOT NULL,                           -- CSV, XLSX, JSON, PDF … (as checked), or the link's
  kind          text NOT NULL CHECK (kind IN ('file', 'link')),
  url           text NOT NULL DEFAULT '',                -- a link's address
  blob_sha256   text REFERENCES blobs(sha256),           -- a file that is not loaded as rows (PDF, GeoJSON …)
  byte_size     bigint,
  row_count     integer,                                 -- tabular: rows in datastore_rows
  fields        jsonb NOT NULL DEFAULT '[]',             -- the data dictionary: [{id, type, unit, description}]
  created_at    timestamptz NOT NULL
);
CREATE INDEX dataset_resources_dataset_idx ON dataset_resources (dataset_id);

-- One row of a tabular resource as a JSON object keyed by the dictionary's column ids.
CREATE TABLE datastore_rows (
  resource_id  uuid NOT NULL REFERENCES dataset_resources(id),
  row_no       integer NOT NULL,
  data         jsonb NOT NULL,
  PRIMARY KEY (resource_id, row_no)
);

CREATE TABLE dataset_versions (
  dataset_id    integer NOT NULL REFERENCES datasets(id),
  version_no    integer NOT NULL,
  metadata      jsonb NOT NULL,
  resource_ids  uuid[] NOT NULL,
  change_note   text NOT NULL,
  published_at  timestamptz NOT NULL,
  PRIMARY KEY (dataset_id, version_no)
);

CREATE TABLE dataset_events (
  id             bigserial PRIMARY KEY,
  dataset_id     integer NOT NULL REFERENCES datasets(id),
  kind           text NOT NULL,
  at             timestamptz NOT NULL,
  actor_user_id  integer REFERENCES users(id),
  actor_label    text NOT NULL,
  details        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX dataset_events_idx ON dataset_events (dataset_id, id);
CREATE TRIGGER dataset_events_append_only BEFORE UPDATE OR DELETE ON dataset_events FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The public data pages are cached per content version.
CREATE TRIGGER datasets_change AFTER INSERT OR UPDATE ON datasets FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
