-- Engine bookkeeping that makes the timed jobs idempotent; every column is decided by the database clock.

-- The step whose escalation group was told (and may now decide it); null when the current step was never escalated.
alter table access_requests add column escalated_step int;
-- The expiry a reminder was sent for, so a re-run job does not remind twice and an extension gets a fresh reminder.
alter table access_requests add column reminded_for timestamptz;
-- Provisioning attempts by the grant job, so the engine (not the scheduler) decides when to stop retrying.
alter table access_requests add column provision_attempts int not null default 0;
-- Set when the provisioner asked a person to act (manual kind); the request stays approved until someone confirms.
alter table access_requests add column awaiting_human_since timestamptz;

create index access_requests_pending_created on access_requests (created_at) where state = 'pending';
create index access_requests_extends on access_requests (extends_request_id) where extends_request_id is not null;

-- Grants whose provisioner revoke has run (null while the target may still hold the access).
alter table grants add column deprovisioned_at timestamptz;
