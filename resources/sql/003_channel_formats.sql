-- Notification channels: the body format of each queued notification, so a notificationList
-- is sent in the format its notifications arrived in, and the maxWaitTime of LongPolling
-- channels in seconds (NULL for other channel types).

ALTER TABLE channel_outbox ADD COLUMN format TEXT NOT NULL DEFAULT 'json'
    CHECK (format IN ('json', 'xml'));

ALTER TABLE channels ADD COLUMN max_wait_time INTEGER;
