-- Append-only, hash-chained audit log. hash = SHA-256(prev_hash || canonical encoding of the row); see AuditCanonicalForm.
create table audit_events (
    seq         bigint primary key,
    at          timestamptz not null,
    actor       text not null,
    platform    text not null,
    action      text not null,
    request_id  bigint,
    resource    text,
    details     jsonb not null default '{}',
    permalink   text,
    prev_hash   bytea not null,
    hash        bytea not null unique
);
create index audit_events_request on audit_events (request_id);
create index audit_events_at on audit_events (at);
