-- Weekly digest deliveries and real-time alerts: the rows that make both idempotent.

-- One row per (ISO week, policy channel, platform). Claimed in the transaction that posts the digest, so a second
-- send of the same week waits for the first and then finds the row instead of posting again.
create table digest_deliveries (
    week            text not null check (week ~ '^[0-9]{4}-W[0-9]{2}$'),
    channel         text not null,
    platform        text not null,
    notification_id bigint not null,
    delivered_at    timestamptz not null default now(),
    primary key (week, channel, platform)
);

-- Each alert fires once per cause: the key is (rule, cause). `subject` groups causes that concern the same thing
-- (a requester for repeated denials) so a burst is reported once.
create table alerts_fired (
    rule       text not null,
    cause      text not null,
    subject    text,
    request_id bigint,
    source_seq bigint,
    fired_at   timestamptz not null default now(),
    primary key (rule, cause)
);
create index alerts_fired_subject on alerts_fired (rule, subject, fired_at);

-- How far the alert scanner has read the audit log.
create table alert_cursor (
    name     text primary key,
    last_seq bigint not null,
    moved_at timestamptz not null default now()
);
