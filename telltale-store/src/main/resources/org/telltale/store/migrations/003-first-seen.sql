-- Where a value the run learned from another request was first seen (a hash of an identifier seen plain
-- elsewhere, an ID that reached several organisations): JSON {flow, flow_id, kind, provenance}; NULL for
-- every other finding.
ALTER TABLE findings ADD COLUMN first_seen TEXT;
