-- In-app notifications: one row per person and thread, bumped (and made unread again) when
-- something new happens there. reason is why they hear of it: 'mention', 'assigned',
-- 'comment' (a thread they take part in).
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    actor_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    reason TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    read_at BIGINT,
    UNIQUE (user_id, issue_id)
);
CREATE INDEX notifications_user ON notifications(user_id, read_at, updated_at);
