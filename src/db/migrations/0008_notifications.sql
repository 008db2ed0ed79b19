-- Notifications and reminders (issue 6 §3): in-app notifications, an e-mail outbox, and the reminder offsets of each
-- report obligation. Reminders are derived from the state of the reports by a PostgreSQL-backed scheduler; each one
-- has a key, unique per user, so that a reminder is never sent twice, and e-mails wait in the outbox until the SMTP
-- server accepted them, so that none is lost across a restart.

ALTER TABLE app_user ADD COLUMN email text CHECK (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' AND length(email) <= 254);

CREATE TABLE notification (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  kind        text NOT NULL,               -- e.g. report.reminder, report.returned
  title       text NOT NULL,
  body        text NOT NULL,
  link        text,                        -- a path of the web app
  dedupe_key  text NOT NULL,               -- what it is about; one notification per user and key
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz,
  UNIQUE (user_id, dedupe_key)
);
CREATE INDEX notification_unread ON notification(user_id, id DESC) WHERE read_at IS NULL;
CREATE INDEX notification_user ON notification(user_id, id DESC);

CREATE TABLE outbound_email (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  notification_id bigint NOT NULL UNIQUE REFERENCES notification(id) ON DELETE CASCADE,
  to_address      text NOT NULL,
  subject         text NOT NULL,
  body            text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text
);
CREATE INDEX outbound_email_pending ON outbound_email(next_attempt_at) WHERE sent_at IS NULL;

-- Days relative to the due date at which the reporters are reminded (negative: before). Editable per obligation.
ALTER TABLE report_obligation ADD COLUMN reminder_offsets integer[] NOT NULL DEFAULT '{-7,-1,3}'
  CHECK (cardinality(reminder_offsets) BETWEEN 0 AND 10 AND -90 <= ALL (reminder_offsets) AND 90 >= ALL (reminder_offsets));
