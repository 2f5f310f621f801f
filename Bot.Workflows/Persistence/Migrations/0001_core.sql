-- Core tables of the engine. Times are timestamptz (UTC); the database's now() decides expiry and time-outs.

create table principals (
    id                  uuid primary key,
    email               text not null,
    display_name        text not null,
    slack_user_id       text unique,
    teams_aad_object_id text unique,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);
create unique index principals_email_key on principals (lower(email));

create table access_requests (
    id                 bigint generated always as identity primary key,
    requester_id       uuid not null references principals (id),
    resource           text not null,
    requested_duration interval not null check (requested_duration > interval '0'),
    reason             text not null,
    state              text not null check (state in ('pending', 'approved', 'active', 'expired', 'revoked',
                                                      'denied', 'cancelled', 'timed_out', 'failed')),
    current_step       int not null default 0,   -- 1-based while pending; 0 otherwise
    total_steps        int not null,
    step_started_at    timestamptz,
    break_glass        boolean not null default false,
    auto_approved      boolean not null default false,
    policy_version     text not null,
    origin_platform    text not null,
    origin_channel     text,
    origin_permalink   text,
    extends_request_id bigint references access_requests (id),
    created_at         timestamptz not null default now(),
    decided_at         timestamptz,
    granted_at         timestamptz,
    expires_at         timestamptz,
    closed_at          timestamptz,
    closed_reason      text,
    version            bigint not null default 1
);
create index access_requests_state on access_requests (state);
create index access_requests_requester on access_requests (requester_id, state);
create index access_requests_active_expiry on access_requests (expires_at) where state = 'active';

create table approvals (
    id          bigint generated always as identity primary key,
    request_id  bigint not null references access_requests (id),
    step        int not null,
    approver_id uuid not null references principals (id),
    decision    text not null check (decision in ('approve', 'deny')),
    comment     text,
    platform    text not null,
    permalink   text,
    at          timestamptz not null default now(),
    -- one person decides at most one step of a request (a double click is refused by the database)
    constraint approvals_one_per_person unique (request_id, approver_id)
);

create table grants (
    id            bigint generated always as identity primary key,
    request_id    bigint not null unique references access_requests (id),
    principal_id  uuid not null references principals (id),
    resource      text not null,
    provisioner   text not null,
    granted_at    timestamptz not null,
    expires_at    timestamptz not null,
    revoked_at    timestamptz,
    revoke_reason text
);
create index grants_open on grants (expires_at) where revoked_at is null;

-- Where the bot may post on each platform (adapters own the reference's shape).
create table conversation_refs (
    id         bigint generated always as identity primary key,
    platform   text not null,
    key        text not null,
    reference  jsonb not null,
    updated_at timestamptz not null default now(),
    unique (platform, key)
);

-- Every message the bot posted that belongs to a request, so it can be updated when the request changes.
create table chat_messages (
    id         bigint generated always as identity primary key,
    request_id bigint references access_requests (id),
    platform   text not null,
    channel    text not null,
    message_id text not null,
    permalink  text,
    purpose    text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz,
    unique (platform, channel, message_id)
);
create index chat_messages_request on chat_messages (request_id);

-- Follow-up work written in the same transaction as the state change; handed to Hangfire after commit.
create table outbox (
    id            bigint generated always as identity primary key,
    kind          text not null,
    request_id    bigint,
    payload       jsonb not null default '{}',
    run_at        timestamptz,
    created_at    timestamptz not null default now(),
    dispatched_at timestamptz,
    job_id        text
);
create index outbox_undispatched on outbox (id) where dispatched_at is null;

-- After-the-fact reviews that break-glass opens and someone must close.
create table reviews (
    request_id bigint primary key references access_requests (id),
    opened_at  timestamptz not null default now(),
    closed_at  timestamptz,
    closed_by  uuid references principals (id),
    note       text
);
