-- Events a subscriber could not handle after its tries: it moved on past them (so one bad event
-- never stops CI, search or notifications for everyone), and this says which and why.
CREATE TABLE event_failures (
    subscriber TEXT NOT NULL,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    tries INTEGER NOT NULL,
    error TEXT NOT NULL,
    failed_at BIGINT NOT NULL,
    PRIMARY KEY (subscriber, event_id)
);
