-- Premiere instants, change-log pruning, stored subscription filters and resets.

-- The premiere as milliseconds since the Unix epoch (a date counts as 00:00 UTC), for
-- sorting and range filters. premiere_date keeps the text the API returns.
ALTER TABLE movies ADD COLUMN premiere_at INTEGER NOT NULL DEFAULT 0;
UPDATE movies SET premiere_at = CAST(strftime('%s', premiere_date) AS INTEGER) * 1000;
CREATE INDEX movies_by_premiere ON movies (box_id, premiere_at, id);

-- The highest mod_seq removed from box_changes by pruning. A restartToken below it
-- cannot be replayed and gets a resetBox.
ALTER TABLE boxes ADD COLUMN pruned_mod_seq INTEGER NOT NULL DEFAULT 0;

-- From this version on, a 'deleted' row of box_changes keeps the object's last state in
-- snapshot, so that subscription filters can match the deletion.
CREATE INDEX box_changes_by_time ON box_changes (box_id, changed_at);

-- The subscription's filter as JSON (NULL: every change), and whether a resetBox is owed
-- before any further change.
ALTER TABLE subscriptions ADD COLUMN filter TEXT;
ALTER TABLE subscriptions ADD COLUMN reset_pending INTEGER NOT NULL DEFAULT 0;
