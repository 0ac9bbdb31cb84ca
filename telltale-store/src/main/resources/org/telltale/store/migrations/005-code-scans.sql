-- Apps scanned into the case (telltale scan --case): who each is, the trackers in its code and the servers its
-- code names, so a report can put what an app is built to send next to what the case's captures saw it send.
CREATE TABLE code_scans (
  id INTEGER PRIMARY KEY,
  scanned_at TEXT NOT NULL,
  file TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  package TEXT,
  version_name TEXT,
  signer_sha256 TEXT,
  classes INTEGER NOT NULL
);
CREATE TABLE code_trackers (
  scan_id INTEGER NOT NULL REFERENCES code_scans(id) ON DELETE CASCADE,
  tracker TEXT NOT NULL,
  name TEXT NOT NULL,
  reach TEXT NOT NULL,
  classes INTEGER NOT NULL
);
CREATE TABLE code_endpoints (
  scan_id INTEGER NOT NULL REFERENCES code_scans(id) ON DELETE CASCADE,
  host TEXT NOT NULL,
  url TEXT,
  where_named TEXT NOT NULL,
  tracker TEXT
);
CREATE INDEX code_endpoints_by_host ON code_endpoints(host);
