-- A transition's follow-up work for one request is now one outbox row of kind 'batch' instead of a row per piece of work
-- (a full lifecycle wrote 12 rows, each with two index entries; it now writes 4). The row's payload is
-- {"items": [{"kind", "payload", "delay_us" | "run_at"}, …]}; an item's time is the row's created_at (the writing
-- transaction's now()) plus its delay, or its run_at. Single pieces of work keep the row-per-item form.
--
-- This view shows every piece of work as the row it used to be, addressed as row id + (index << 48) (see OutboxItemId),
-- for operators and tests; the dispatcher reads the table itself, because it locks the rows it claims. A batch row's
-- job_id lists its items' Hangfire job ids in order, comma-separated (empty for an item of a kind with no job).
create view outbox_items as
select case when o.kind = 'batch' then o.id + (i.n - 1) * 281474976710656 else o.id end as id,
       o.id as row_id,
       coalesce(i.item ->> 'kind', o.kind) as kind,
       o.request_id,
       case when o.kind = 'batch' then coalesce(i.item -> 'payload', '{}') else o.payload end as payload,
       case when o.kind = 'batch'
            then coalesce(o.created_at + (i.item ->> 'delay_us')::bigint * interval '1 microsecond', (i.item ->> 'run_at')::timestamptz)
            else o.run_at end as run_at,
       o.created_at,
       o.dispatched_at,
       case when o.kind = 'batch' then nullif(split_part(o.job_id, ',', i.n::int), '') else o.job_id end as job_id
from outbox o
left join lateral jsonb_array_elements(case when o.kind = 'batch' then o.payload -> 'items' end) with ordinality as i(item, n) on true;
