-- Drift detection: access a target reports without an active grant in the engine ("shadow access").
-- One open finding per (resource, subject) while the access persists, so it is audited and alerted once;
-- resolved_at is set when the target stops reporting it. Rows are kept as the history of findings.
create table drift_findings (
    id           bigint generated always as identity primary key,
    resource     text not null,
    subject      text not null,
    email        text,
    detected_at  timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    revoked_at   timestamptz,
    resolved_at  timestamptz
);
create unique index drift_findings_open on drift_findings (resource, subject) where resolved_at is null;
