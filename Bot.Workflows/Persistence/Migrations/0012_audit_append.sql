-- The audit append as one server-side call, so a transition can send its appends and its COMMIT in a single round trip
-- and the chain lock is held for microseconds of server work instead of a client round trip plus a WAL flush.
-- It computes exactly the encoding of AuditCanonicalForm (the verifier re-checks every row with the C# code):
-- after prev_hash, each field as a 4-byte big-endian length and its UTF-8 bytes, or 0xFFFFFFFF for null.

create function audit_field(value text) returns bytea
language sql immutable parallel safe as $$
    select case when value is null then '\xffffffff'::bytea
                else int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') end
$$;

-- details must already be canonical JSON (AuditCanonicalForm.CanonicalJson); it is hashed as given and stored as jsonb.
create function audit_append(
    p_actor text, p_platform text, p_action text, p_request_id bigint, p_resource text, p_details text, p_permalink text)
returns bigint
language plpgsql as $$
declare
    head_seq  bigint;
    head_hash bytea;
    new_at    timestamptz;
    new_hash  bytea;
begin
    -- The same transaction-scoped lock key as PostgresAuditLog.ChainLockKey ("AuditLog" as ASCII).
    perform pg_advisory_xact_lock(4716786588825972583);
    select seq, hash into head_seq, head_hash from audit_events order by seq desc limit 1;
    head_seq := coalesce(head_seq, 0) + 1;
    head_hash := coalesce(head_hash, decode(repeat('00', 32), 'hex'));
    -- Read after the lock, so `at` follows sequence order.
    new_at := date_trunc('microseconds', clock_timestamp());
    new_hash := sha256(head_hash
        || audit_field(head_seq::text)
        || audit_field((extract(epoch from new_at) * 1000000)::bigint::text)
        || audit_field(p_actor)
        || audit_field(p_platform)
        || audit_field(p_action)
        || audit_field(p_request_id::text)
        || audit_field(p_resource)
        || audit_field(p_details)
        || audit_field(p_permalink));
    insert into audit_events (seq, at, actor, platform, action, request_id, resource, details, permalink, prev_hash, hash)
    values (head_seq, new_at, p_actor, p_platform, p_action, p_request_id, p_resource, p_details::jsonb, p_permalink,
            head_hash, new_hash);
    return head_seq;
end
$$;
