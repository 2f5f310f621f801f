-- Append-only, hash-chained audit log. hash = SHA-256(prev_hash || canonical encoding of the row); see AuditCanonicalForm.
create table audit_events (
    seq         bigint primary key check (seq > 0),
    at          timestamptz not null,
    actor       text not null,
    platform    text not null,
    action      text not null,
    request_id  bigint,
    resource    text,
    details     jsonb not null default '{}',
    permalink   text,
    prev_hash   bytea not null check (octet_length(prev_hash) = 32),
    hash        bytea not null unique check (octet_length(hash) = 32)
);
create index audit_events_request on audit_events (request_id);
create index audit_events_at on audit_events (at);

-- The table only grows. These triggers are the database's own refusal; they are ENABLE ALWAYS so that
-- session_replication_role = replica does not silence them. A superuser can still disable them (ALTER TABLE),
-- which is why the chain head is also checkpointed, signed, outside the database.
create function audit_events_refuse_change() returns trigger
language plpgsql as $$
begin
    raise exception 'audit_events is append-only: % is refused', tg_op
        using errcode = 'insufficient_privilege',
              hint = 'Audit events are never changed or removed; record a correcting event instead.';
end
$$;

create trigger audit_events_no_update_or_delete
    before update or delete on audit_events
    for each row execute function audit_events_refuse_change();

create trigger audit_events_no_truncate
    before truncate on audit_events
    for each statement execute function audit_events_refuse_change();

-- A new row must extend the chain: seq follows the head and prev_hash is the head's hash. This catches a buggy or
-- hostile writer at insert time; the verifier still re-checks everything, including the hashes themselves.
create function audit_events_check_link() returns trigger
language plpgsql as $$
begin
    if new.seq = 1 then
        if new.prev_hash <> decode(repeat('00', 32), 'hex') then
            raise exception 'audit_events: the first event must link to the genesis hash'
                using errcode = 'integrity_constraint_violation';
        end if;
    elsif not exists (select 1 from audit_events where seq = new.seq - 1 and hash = new.prev_hash) then
        raise exception 'audit_events: event % does not extend the chain (no event % with that prev_hash)', new.seq, new.seq - 1
            using errcode = 'integrity_constraint_violation';
    end if;
    return new;
end
$$;

create trigger audit_events_link
    before insert on audit_events
    for each row execute function audit_events_check_link();

alter table audit_events enable always trigger audit_events_no_update_or_delete;
alter table audit_events enable always trigger audit_events_no_truncate;
alter table audit_events enable always trigger audit_events_link;

revoke update, delete, truncate on audit_events from public;
