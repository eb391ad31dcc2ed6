-- name: communications_reply_times
-- question: How long did it take to get a first reply to each of the year's communications?
-- definition: Communications sent in Y: sent_on in Y (and on or before d), to States and non-State
--   actors, that received a reply of any kind on or before d. Days to first reply: from sent_on to
--   the first reply received on or before d; days to first substantive reply: to the first
--   substantive reply received on or before d (empty when there is none yet). With a
--   regional-group filter, a communication counts when the State it is addressed to or concerns is
--   in a selected group (as in facts_communications).
-- grain: one row per communication sent in Y with a reply by d, ordered by sent_on, then ref
-- key: ref
-- parameters: $as_at DATE (the as-at date d); $regions VARCHAR[] (empty = all); $types VARCHAR[]
--   (AL, UA, OL; empty = all); $mandate VARCHAR (a mandate_id that must be among the
--   communication's mandates; NULL = all)
SELECT
    c.ref, c.type, c.recipient_kind, c.iso3, s.regional_group, c.sent_on,
    c.first_reply_on, c.first_substantive_reply_on,
    c.first_reply_on - c.sent_on                 AS days_to_first_reply,
    c.first_substantive_reply_on - c.sent_on     AS days_to_first_substantive_reply
-- With each letter's first reply and first substantive reply by d: base/communications_as_at.sql.
FROM communications_as_at($as_at::DATE) c
LEFT JOIN states s ON s.iso3 = c.iso3
WHERE c.first_reply_on IS NOT NULL
  AND c.sent_on BETWEEN year_start($as_at::DATE) AND $as_at::DATE
  AND in_regions(s.regional_group, $regions::VARCHAR[])
  AND (len($types::VARCHAR[]) = 0 OR list_contains($types::VARCHAR[], c.type))
  AND ($mandate::VARCHAR IS NULL OR list_contains(c.mandate_ids, $mandate::VARCHAR))
ORDER BY c.sent_on, c.ref;
