-- The bytes a client sent on a connection no parser read (a game's own protocol over TCP or UDP), as the
-- reader kept them up to its cap, so re-analysis searches the canaries in them as the direct run did;
-- NULL when none were kept (TLS, QUIC, a proxy's tunnel).
ALTER TABLE opaque_connections ADD COLUMN payload BLOB;
