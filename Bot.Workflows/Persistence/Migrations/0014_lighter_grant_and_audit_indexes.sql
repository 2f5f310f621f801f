-- Two more index entries the hot path paid for and its readers did not need:
--
-- grants_open (expires_at where revoked_at is null): closing a grant sets revoked_at, a column of the predicate, so the
-- update could never be HOT and wrote new entries in every index of grants. Its readers are the weekly digest's two
-- counts, which read the grants table once a week.
drop index grants_open;

-- audit_events (at): a btree entry inside the audit chain's lock on every append. `at` rises with seq (it is read from
-- the clock under that lock), so a BRIN index answers the digest's and the export's time ranges from a summary per block
-- range, and an append costs it nothing until the range is summarised.
drop index audit_events_at;
create index audit_events_at on audit_events using brin (at);
