-- name: records_held
-- question: How many records of each kind does the snapshot hold, and from which date to which?
-- definition: One row per kind of record, in a fixed order. Visit threads: the rows of visits,
--   dated by their events (first and last event date). Standing invitations: the rows of
--   standing_invitations, dated by extended_on and withdrawn_on. Communications: dated by
--   sent_on. Replies: dated by received_on. A kind with no rows has 0 records and no dates: the
--   snapshot does not hold it (its figures are not recorded, never zero).
-- grain: one row per kind of record (4 rows)
-- key: kind
-- parameters: none
-- used_by: sp_data.public_build (the Data page's "build from public sources")
SELECT 1 AS position, 'visit threads' AS kind, (SELECT count(*) FROM visits) AS records,
       min(date) AS first_date, max(date) AS last_date
FROM visit_events
UNION ALL
SELECT 2, 'standing invitations', count(*), min(extended_on), greatest(max(extended_on), max(withdrawn_on))
FROM standing_invitations
UNION ALL
SELECT 3, 'communications', count(*), min(sent_on), max(sent_on) FROM communications
UNION ALL
SELECT 4, 'replies', count(*), min(received_on), max(received_on) FROM replies
ORDER BY position;
