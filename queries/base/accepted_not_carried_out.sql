-- name: accepted_not_carried_out
-- question: Which visit threads have been accepted and not yet carried out as at a date, and for how long?
-- definition: Accepted, not yet carried out (the special procedures' side): a thread whose status as
--   at d is invited, accepted, dates_proposed or postponed; its time since acceptance runs from its
--   latest invited, accepted or dates_proposed event to d (base/thread_status.sql gives the status
--   and that latest event, last_accepted_on; NULL for a thread postponed before any acceptance).
-- note: one definition for the list (accepted_not_carried_out_list.sql) and the per-mandate counts
--   (mandate_summary.sql).
-- grain: one row per visit thread accepted and not yet carried out as at d (every host kind)
-- key: visit_id
-- needs: thread_status, statuses
-- parameters: none (macro argument: d DATE, the as-at date)
CREATE MACRO accepted_not_carried_out(d) AS TABLE
SELECT
    t.*,
    t.last_accepted_on                                      AS accepted_on,
    date_diff('day', t.last_accepted_on, d)                 AS days_since_acceptance
FROM thread_status(d) t
WHERE is_accepted_status(t.status);
