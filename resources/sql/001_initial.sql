-- Initial schema. Times are milliseconds since the Unix epoch (UTC) unless named *_date.

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- A box is a logical store of objects with one or more owners.
CREATE TABLE boxes (
    id TEXT PRIMARY KEY,
    store TEXT NOT NULL,
    -- Box-wide modification sequence: the lastModSeq of the latest change.
    mod_seq INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);

CREATE TABLE box_owners (
    box_id TEXT NOT NULL REFERENCES boxes(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    PRIMARY KEY (box_id, user_id)
);

CREATE TABLE movies (
    box_id TEXT NOT NULL REFERENCES boxes(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    year INTEGER NOT NULL,
    premiere_date TEXT NOT NULL,
    -- JSON arrays of strings.
    genres TEXT NOT NULL,
    cast_members TEXT NOT NULL,
    description TEXT NOT NULL,
    last_mod_seq INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (box_id, id)
);

CREATE INDEX movies_by_title ON movies (box_id, title);

-- Every change of a box, in mod_seq order. snapshot is the object's state after a
-- change, and is NULL for a deletion.
CREATE TABLE box_changes (
    box_id TEXT NOT NULL REFERENCES boxes(id) ON DELETE CASCADE,
    mod_seq INTEGER NOT NULL,
    object_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('changed', 'deleted')),
    changed_at INTEGER NOT NULL,
    snapshot TEXT,
    PRIMARY KEY (box_id, mod_seq)
);

CREATE TABLE channels (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    callback_id TEXT NOT NULL UNIQUE,
    channel_type TEXT NOT NULL,
    client_correlator TEXT,
    application_tag TEXT,
    max_notifications INTEGER NOT NULL,
    -- Lifetime granted at creation or at the latest refresh, in seconds.
    lifetime INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE INDEX channels_by_user ON channels (user_id);
CREATE UNIQUE INDEX channels_by_correlator ON channels (user_id, client_correlator)
    WHERE client_correlator IS NOT NULL;

-- Notifications accepted for a channel and not yet delivered, in id order.
CREATE TABLE channel_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    payload TEXT NOT NULL,
    queued_at INTEGER NOT NULL
);

CREATE INDEX channel_outbox_by_channel ON channel_outbox (channel_id, id);

CREATE TABLE subscriptions (
    id TEXT PRIMARY KEY,
    store TEXT NOT NULL,
    box_id TEXT NOT NULL REFERENCES boxes(id) ON DELETE CASCADE,
    notify_url TEXT NOT NULL,
    callback_data TEXT,
    notification_format TEXT NOT NULL,
    client_correlator TEXT,
    expires_at INTEGER NOT NULL,
    -- Delivery cursor: the box mod_seq delivered last and the index of the next
    -- nmsEventList.
    last_mod_seq INTEGER NOT NULL,
    next_index INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE INDEX subscriptions_by_box ON subscriptions (box_id);
CREATE UNIQUE INDEX subscriptions_by_correlator ON subscriptions (store, box_id, client_correlator)
    WHERE client_correlator IS NOT NULL;
