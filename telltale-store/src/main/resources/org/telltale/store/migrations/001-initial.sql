-- Telltale case file, schema version 1. docs/case-schema.md says what each table and column holds.
-- Times are ISO-8601 UTC text as Java's Instant writes it; booleans are 0 or 1; JSON columns are UTF-8 text.
-- One statement per ';' at the end of a line (Migrations splits there).

-- One row per imported capture file, unique by content.
CREATE TABLE captures (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL,
  format TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  complete INTEGER NOT NULL DEFAULT 0,
  exchanges INTEGER NOT NULL DEFAULT 0,
  error_place TEXT,
  error TEXT,
  tls_secrets_seen INTEGER NOT NULL DEFAULT 0,
  tls_secrets_kept INTEGER NOT NULL DEFAULT 0
);

-- Every exchange as the reader produced it; seq orders a capture's observations (exchanges and opaque connections).
CREATE TABLE exchanges (
  id INTEGER PRIMARY KEY,
  capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  origin TEXT NOT NULL,
  flow_id TEXT NOT NULL,
  time TEXT,
  client_host TEXT,
  client_ip TEXT,
  client_port INTEGER NOT NULL,
  server_host TEXT,
  server_ip TEXT,
  server_port INTEGER NOT NULL,
  method TEXT NOT NULL,
  url TEXT NOT NULL,
  http_version TEXT,
  request_headers TEXT NOT NULL,
  request_body BLOB NOT NULL,
  response_status INTEGER,
  response_headers TEXT,
  response_body BLOB,
  app TEXT,
  incomplete INTEGER NOT NULL,
  messages INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX exchanges_in_order ON exchanges(capture_id, seq);
CREATE INDEX exchanges_by_flow_id ON exchanges(flow_id);

CREATE TABLE websocket_messages (
  exchange_id INTEGER NOT NULL REFERENCES exchanges(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  from_client INTEGER NOT NULL,
  time TEXT,
  is_text INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (exchange_id, seq)
) WITHOUT ROWID;

CREATE TABLE opaque_connections (
  id INTEGER PRIMARY KEY,
  capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  origin TEXT,
  time TEXT,
  protocol TEXT,
  client_host TEXT,
  client_ip TEXT,
  client_port INTEGER NOT NULL,
  server_host TEXT,
  server_ip TEXT,
  server_port INTEGER NOT NULL,
  sni TEXT,
  alpn TEXT NOT NULL,
  app TEXT
);
CREATE UNIQUE INDEX opaque_in_order ON opaque_connections(capture_id, seq);

-- Problems the reader met that did not stop it ("entry 12: no request"), replayed on re-analysis.
CREATE TABLE capture_diagnostics (
  capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  origin TEXT,
  message TEXT NOT NULL
);
CREATE INDEX capture_diagnostics_in_order ON capture_diagnostics(capture_id, seq);

-- Only with import --keep-tls-secrets; captures.tls_secrets_kept flags the capture.
CREATE TABLE tls_secrets (
  capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  key_log TEXT NOT NULL
);

-- The canary files given, byte for byte; the most recently chosen one is the case's canaries.
CREATE TABLE canary_sets (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  content BLOB NOT NULL,
  added_at TEXT NOT NULL,
  chosen_at TEXT NOT NULL
);

CREATE TABLE sessions (
  canary_set_id INTEGER NOT NULL REFERENCES canary_sets(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  start TEXT NOT NULL,
  end TEXT NOT NULL
);

-- One row per analysis; ended_at is NULL while it runs or when it was killed. Reports show the latest ended run.
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  tool_version TEXT NOT NULL,
  engine TEXT NOT NULL,
  canary_set_id INTEGER REFERENCES canary_sets(id),
  canary_sha256 TEXT,
  datasets TEXT NOT NULL,
  inputs TEXT NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  stopped TEXT,
  exchanges INTEGER NOT NULL DEFAULT 0,
  findings INTEGER NOT NULL DEFAULT 0
);

-- Destinations as attributed, shared by runs; key is every fact at once, so a dataset update makes a new row.
CREATE TABLE destinations (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  host TEXT,
  ip TEXT,
  port INTEGER NOT NULL,
  registrable_domain TEXT,
  organization TEXT,
  parent TEXT,
  organization_country TEXT,
  country TEXT,
  asn INTEGER NOT NULL,
  as_org TEXT,
  tracker_category TEXT,
  tracker_name TEXT
);
CREATE INDEX destinations_by_organization ON destinations(organization);
CREATE INDEX destinations_by_country ON destinations(country);

-- Which dataset says each fact of a destination.
CREATE TABLE destination_sources (
  destination_id INTEGER NOT NULL REFERENCES destinations(id) ON DELETE CASCADE,
  fact TEXT NOT NULL,
  dataset TEXT NOT NULL,
  PRIMARY KEY (destination_id, fact)
) WITHOUT ROWID;

-- The flows of a run that have something to show (findings, expected matches, or an analysis cut by a limit).
CREATE TABLE run_flows (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  flow_index INTEGER NOT NULL,
  flow_id TEXT NOT NULL,
  exchange_id INTEGER,
  input TEXT NOT NULL,
  host TEXT,
  session TEXT,
  analysis_incomplete INTEGER NOT NULL,
  PRIMARY KEY (run_id, flow_index)
) WITHOUT ROWID;

CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  flow_index INTEGER NOT NULL,
  flow_id TEXT NOT NULL,
  canary TEXT,
  kind TEXT NOT NULL,
  value TEXT,
  matched TEXT,
  location TEXT NOT NULL,
  location_index INTEGER NOT NULL,
  steps TEXT NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  transform TEXT,
  confidence TEXT NOT NULL,
  session TEXT,
  destination_id INTEGER REFERENCES destinations(id)
);
CREATE INDEX findings_by_run ON findings(run_id);
CREATE INDEX findings_by_kind ON findings(run_id, kind);
CREATE INDEX findings_by_session ON findings(run_id, session);
CREATE INDEX findings_by_destination ON findings(run_id, destination_id);

CREATE TABLE expected_matches (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  flow_index INTEGER NOT NULL,
  flow_id TEXT NOT NULL,
  canary TEXT NOT NULL,
  host TEXT,
  allowed_by TEXT
);
CREATE INDEX expected_in_order ON expected_matches(run_id, flow_index);

-- Connections a run could not read, with the session and destination that run gave them.
CREATE TABLE run_opaque (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  input TEXT NOT NULL,
  origin TEXT,
  time TEXT,
  protocol TEXT,
  client_host TEXT,
  client_ip TEXT,
  client_port INTEGER NOT NULL,
  server_host TEXT,
  server_ip TEXT,
  server_port INTEGER NOT NULL,
  sni TEXT,
  alpn TEXT NOT NULL,
  app TEXT,
  session TEXT,
  destination_id INTEGER REFERENCES destinations(id),
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

CREATE TABLE run_diagnostics (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  flow_index INTEGER,
  input TEXT,
  origin TEXT,
  message TEXT NOT NULL,
  fatal INTEGER NOT NULL,
  count INTEGER NOT NULL,
  places TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
