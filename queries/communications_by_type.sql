-- name: communications_by_type
-- question: How many communications of each type were sent in the year, how many were joint, and
--   how many got a substantive reply, and how quickly?
-- definition: Communications sent in Y: sent_on in Y (and on or before d), to States and non-State
--   actors; type AL (allegation letter), UA (urgent appeal) or OL (other letter); joint = two or
--   more mandates. Replied: at least one substantive reply on or before d; reply rate for Y =
--   replied / sent, as a percentage with two decimals. Days to first reply: from sent_on to the
--   first reply of any kind received on or before d (median over the communications that have
--   one); days to first substantive reply likewise. With a regional-group filter, a communication
--   counts when the State it is addressed to or concerns is in a selected group (as in
--   facts_communications). The last row (type empty) is the total over the types.
-- grain: one row per communication type sent in Y, then one total row with an empty type
-- key: type (may be NULL: the total row)
-- parameters: $as_at DATE (the as-at date d); $regions VARCHAR[] (empty = all); $mandate VARCHAR
--   (a mandate_id that must be among the communication's mandates; NULL = all)
WITH sent AS (
    SELECT c.type, c.mandate_ids, c.sent_on, c.first_reply_on, c.first_substantive_reply_on
    -- With each letter's first reply and first substantive reply by d: base/communications_as_at.sql.
    FROM communications_as_at($as_at::DATE) c
    LEFT JOIN states s ON s.iso3 = c.iso3
    WHERE c.sent_on BETWEEN year_start($as_at::DATE) AND $as_at::DATE
      AND in_regions(s.regional_group, $regions::VARCHAR[])
      AND ($mandate::VARCHAR IS NULL OR list_contains(c.mandate_ids, $mandate::VARCHAR))
)
SELECT
    type,
    count(*)                                                        AS communications,
    count(*) FILTER (len(mandate_ids) >= 2)                         AS joint,
    percent(count(*) FILTER (len(mandate_ids) >= 2), count(*))      AS joint_share_percent,
    count(*) FILTER (first_substantive_reply_on IS NOT NULL)        AS substantively_replied,
    count(*) FILTER (first_reply_on IS NOT NULL)                    AS replied_any,
    percent(count(*) FILTER (first_substantive_reply_on IS NOT NULL), count(*))
                                                                    AS reply_rate_percent,
    median(first_reply_on - sent_on)                                AS median_days_to_first_reply,
    median(first_substantive_reply_on - sent_on)                    AS median_days_to_first_substantive_reply
FROM sent
GROUP BY GROUPING SETS ((type), ())
ORDER BY type IS NULL, list_position(['AL', 'UA', 'OL'], type);
