-- A transition's conditional update can travel in the same round trip as its audit rows, outbox rows and COMMIT: the
-- update counts the rows it changed and this function stops the batch when that is not one. The error aborts the
-- transaction, so nothing after it in the batch (audit, outbox, COMMIT) runs; the engine reads the request again.
create function accessbot_expect_change(changed bigint) returns bigint
language plpgsql as $$
begin
    if changed <> 1 then
        raise exception 'the request changed since it was read (% rows matched)', changed
            using errcode = 'serialization_failure';
    end if;
    return changed;
end
$$;
