-- name: communications_by_mandate
-- question: In how many of the year's communications did each mandate take part, how many were
--   joint, and how many got a substantive reply?
-- definition: Communications sent in Y: sent_on in Y (and on or before d), to States and non-State
--   actors; a mandate took part when its mandate_id is among the communication's mandates; joint =
--   two or more mandates. Replied: at least one substantive reply on or before d; reply rate for Y
--   = replied / sent, as a percentage with two decimals. With a regional-group filter, a
--   communication counts when the State it is addressed to or concerns is in a selected group (as
--   in facts_communications). A joint communication counts once for each of its mandates, so the
--   rows add up to more than the communications sent.
-- grain: one row per mandate that took part in a communication sent in Y, ordered by
--   communications (most first), then mandate_id
-- key: mandate_id
-- parameters: $as_at DATE (the as-at date d); $regions VARCHAR[] (empty = all); $types VARCHAR[]
--   (AL, UA, OL; empty = all)
WITH sent AS (
    SELECT c.mandate_ids, c.first_substantive_reply_on
    -- With each letter's first substantive reply by d: base/communications_as_at.sql.
    FROM communications_as_at($as_at::DATE) c
    LEFT JOIN states s ON s.iso3 = c.iso3
    WHERE c.sent_on BETWEEN year_start($as_at::DATE) AND $as_at::DATE
      AND in_regions(s.regional_group, $regions::VARCHAR[])
      AND (len($types::VARCHAR[]) = 0 OR list_contains($types::VARCHAR[], c.type))
),
per_mandate AS (
    SELECT unnest(list_distinct(mandate_ids)) AS mandate_id, mandate_ids, first_substantive_reply_on
    FROM sent
)
SELECT
    p.mandate_id, m.title, m.kind,
    count(*)                                                        AS communications,
    count(*) FILTER (len(p.mandate_ids) >= 2)                       AS joint,
    percent(count(*) FILTER (len(p.mandate_ids) >= 2), count(*))    AS joint_share_percent,
    count(*) FILTER (p.first_substantive_reply_on IS NOT NULL)      AS substantively_replied,
    percent(count(*) FILTER (p.first_substantive_reply_on IS NOT NULL), count(*))
                                                                    AS reply_rate_percent
FROM per_mandate p
LEFT JOIN mandates m ON m.mandate_id = p.mandate_id
GROUP BY ALL
ORDER BY communications DESC, p.mandate_id;
