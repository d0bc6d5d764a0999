-- Information requests (依申请公开): cases, their append-only event log, letters, and review/litigation records.

ALTER TABLE role_assignments DROP CONSTRAINT role_assignments_role_check;
ALTER TABLE role_assignments ADD CONSTRAINT role_assignments_role_check
  CHECK (role IN ('system_admin', 'office_admin', 'publisher', 'reviewer', 'secrecy_reviewer', 'request_officer'));

CREATE TABLE request_cases (
  id                  bigserial PRIMARY KEY,
  case_no             text NOT NULL UNIQUE,                  -- 申请编号, given to the applicant
  query_code_hash     text NOT NULL,                          -- SHA-256 of the query code (查询码); the code itself is shown once
  unit_id             integer NOT NULL REFERENCES units(id),  -- the agency handling it (after any transfer)
  officer_id          integer REFERENCES users(id),
  state               text NOT NULL CHECK (state IN ('submitted', 'handling', 'awaiting_correction', 'consulting', 'awaiting_fee',
                                                     'replied', 'delivered', 'archived')),
  channel             text NOT NULL CHECK (channel IN ('online', 'in_person', 'post_signed', 'post_ordinary', 'fax', 'email', 'oral')),
  applicant_type      text NOT NULL CHECK (applicant_type IN ('natural', 'legal')),
  applicant_subtype   text CHECK (applicant_subtype IN ('commercial', 'research', 'public_interest', 'legal_services', 'other')),
  applicant_name      text NOT NULL,
  id_type             text NOT NULL,                          -- 身份证明 kind: 居民身份证, 统一社会信用代码 …
  id_number           text NOT NULL,
  contact_person      text NOT NULL DEFAULT '',
  phone               text NOT NULL DEFAULT '',
  email               text NOT NULL DEFAULT '',
  address             text NOT NULL DEFAULT '',
  postcode            text NOT NULL DEFAULT '',
  info_title          text NOT NULL DEFAULT '',               -- 名称
  info_doc_no         text NOT NULL DEFAULT '',               -- 文号
  info_description    text NOT NULL,                          -- 特征性描述
  delivery_form       text NOT NULL CHECK (delivery_form IN ('paper', 'electronic')),
  delivery_method     text NOT NULL CHECK (delivery_method IN ('post', 'email', 'collect', 'online')),
  submitted_at        timestamptz NOT NULL,
  received_on         date,                                   -- 收到申请之日 (Art. 31)
  clock_started_on    date,                                   -- received_on, or the day a corrected application arrived
  due_on              date,                                   -- kept in step with the events, for lists and reminders
  due_provisional     boolean NOT NULL DEFAULT false,
  outcome             text,
  replied_on          date,
  delivered_on        date,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK ((applicant_type = 'legal') = (applicant_subtype IS NOT NULL))
);
CREATE INDEX request_cases_unit_state_idx ON request_cases (unit_id, state);
CREATE INDEX request_cases_due_idx ON request_cases (due_on) WHERE state IN ('handling', 'consulting', 'awaiting_fee', 'awaiting_correction');
CREATE INDEX request_cases_applicant_idx ON request_cases (id_number);

-- Every step of a case (Art. 45: 登记、审核、办理、答复、归档), never changed once written.
CREATE TABLE case_events (
  id             bigserial PRIMARY KEY,
  case_id        bigint NOT NULL REFERENCES request_cases(id),
  kind           text NOT NULL,
  on_date        date NOT NULL,         -- the legal date of the step (may differ from when it was entered)
  at             timestamptz NOT NULL DEFAULT now(),
  actor_user_id  integer REFERENCES users(id),
  actor_label    text NOT NULL,
  details        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case_idx ON case_events (case_id, id);
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Letters sent in a case, numbered per unit, year and kind, with the text as sent.
CREATE TABLE case_letters (
  id          bigserial PRIMARY KEY,
  case_id     bigint NOT NULL REFERENCES request_cases(id),
  kind        text NOT NULL CHECK (kind IN ('receipt', 'correction_notice', 'consultation_letter', 'extension_notice', 'fee_notice', 'reply')),
  letter_no   text NOT NULL,
  on_date     date NOT NULL,
  title       text NOT NULL,
  paragraphs  text[] NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (letter_no)
);
CREATE INDEX case_letters_case_idx ON case_letters (case_id, id);

-- Yearly numbering: 'case' for case numbers (city-wide), 'letter:<unit id>' for each unit's letters.
CREATE TABLE request_counters (
  scope  text NOT NULL,
  year   integer NOT NULL,
  last   integer NOT NULL,
  PRIMARY KEY (scope, year)
);

-- 行政复议 and 行政诉讼 about a case, for table 四 of the annual report.
CREATE TABLE case_reviews (
  id          bigserial PRIMARY KEY,
  case_id     bigint NOT NULL REFERENCES request_cases(id),
  kind        text NOT NULL CHECK (kind IN ('review', 'litigation_direct', 'litigation_after_review')),
  filed_on    date NOT NULL,
  result      text NOT NULL CHECK (result IN ('upheld', 'corrected', 'other', 'pending')),
  decided_on  date,
  note        text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Reminders about due dates. The key makes each one exist once, however many app nodes run the reminder job.
CREATE TABLE case_reminders (
  case_id     bigint NOT NULL REFERENCES request_cases(id),
  kind        text NOT NULL CHECK (kind IN ('due_soon', 'overdue', 'correction_notice_due')),
  due_on      date NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, kind, due_on)
);

-- 依申请转主动 (Art. 44): the information item a released request was published as.
ALTER TABLE request_cases ADD COLUMN published_item_id bigint REFERENCES information_items(id);

-- A unit's wording of its letters: one paragraph per element, with placeholders; {正文} stands for the text the
-- platform writes (it carries the legal basis and the remedies, so it cannot be left out). Units below inherit it.
CREATE TABLE letter_templates (
  unit_id     integer NOT NULL REFERENCES units(id),
  kind        text NOT NULL CHECK (kind IN ('receipt', 'correction_notice', 'consultation_letter', 'extension_notice', 'fee_notice', 'reply')),
  paragraphs  text[] NOT NULL,
  updated_by  integer REFERENCES users(id),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_id, kind)
);

-- Files that came with a case: identity proof (身份证明, Art. 29), correction material. Staff of the unit only.
CREATE TABLE case_files (
  id           bigserial PRIMARY KEY,
  case_id      bigint NOT NULL REFERENCES request_cases(id),
  kind         text NOT NULL CHECK (kind IN ('identity', 'correction', 'other')),
  filename     text NOT NULL,
  blob_sha256  text NOT NULL REFERENCES blobs(sha256),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_files_case_idx ON case_files (case_id);
