-- Notifications: the outbox of e-mail and SMS messages (written in the transaction of the change they report, sent
-- afterwards by a worker, each message recorded with its attempts), the staff inbox, and each user's settings.
CREATE TABLE outbox_messages (
  id              bigserial PRIMARY KEY,
  channel         text NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient       text NOT NULL,                      -- e-mail address or mobile number
  subject         text NOT NULL DEFAULT '',
  body            text NOT NULL,
  sms_template    text NOT NULL DEFAULT '',           -- the provider's approved template code (SMS only)
  sms_params      jsonb NOT NULL DEFAULT '{}',
  links           jsonb NOT NULL DEFAULT '[]',        -- [{label, url}] signed links sent with the message
  purpose         text NOT NULL,                      -- what it reports, e.g. request.received
  subject_type    text NOT NULL DEFAULT '',
  subject_id      text NOT NULL DEFAULT '',
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  claimed_until   timestamptz,                        -- a worker's lease; a worker that dies leaves it to expire
  last_error      text NOT NULL DEFAULT '',
  provider_id     text NOT NULL DEFAULT '',           -- SMTP response / SMS BizId
  created_at      timestamptz NOT NULL,
  sent_at         timestamptz
);
CREATE INDEX outbox_messages_due ON outbox_messages (next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_messages_subject ON outbox_messages (subject_type, subject_id);

CREATE TABLE staff_notifications (
  id          bigserial PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES users(id),
  kind        text NOT NULL,
  title       text NOT NULL,
  link        text NOT NULL,
  created_at  timestamptz NOT NULL,
  read_at     timestamptz
);
CREATE INDEX staff_notifications_user ON staff_notifications (user_id, id DESC);

-- A user's e-mail address for notifications and which kinds also go by e-mail (the inbox always gets them).
CREATE TABLE notification_settings (
  user_id      integer PRIMARY KEY REFERENCES users(id),
  email        text NOT NULL DEFAULT '',
  email_kinds  text[] NOT NULL DEFAULT '{}',
  updated_at   timestamptz NOT NULL
);
