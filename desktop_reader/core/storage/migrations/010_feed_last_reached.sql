-- When a refresh last got a good answer from the feed. `last_checked` also moves when
-- a refresh finds the machine offline (the status is kept then), so the two differ
-- exactly when the feed was not reached since.
ALTER TABLE feeds ADD COLUMN last_reached REAL;
UPDATE feeds SET last_reached = last_checked WHERE status IN ('ok', 'warning');
