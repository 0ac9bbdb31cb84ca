-- Why a connection could not be read, when the reader knows (the recorder: a client refused its certificate).
ALTER TABLE opaque_connections ADD COLUMN reason TEXT;
ALTER TABLE run_opaque ADD COLUMN reason TEXT;

-- Session windows marked while recording (console keys, telltale session start/stop); end is NULL while open.
-- Every analysis of the case marks exchanges by these as well as by the canary file's sessions.
CREATE TABLE marked_sessions (
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL,
  start TEXT NOT NULL,
  end TEXT
);
