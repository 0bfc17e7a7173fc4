-- Notification mail, when SMTP_URL is set: per-user opt-out, and a durable outbox that a
-- background sender works through, retrying failures with growing delays.
ALTER TABLE users ADD COLUMN email_notifications INTEGER NOT NULL DEFAULT 1;

CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    sent_at BIGINT,
    last_error TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox(sent_at, next_attempt_at);
