-- name: communications_by_state
-- question: How many communications did each State receive in the year, how many got a substantive
--   reply, and how quickly did it reply?
-- definition: Communications sent in Y: sent_on in Y (and on or before d), addressed to the State
--   (recipient kind `state`). Replied: those that received at least one substantive reply on or
--   before d. Reply rate for Y: replied / sent, as a percentage with two decimals (DESIGN.md; the
--   same as state_cooperation's, which this equals when no type or mandate is selected). Days to
--   first reply: from sent_on to the first reply of any kind received on or before d; days to first
--   substantive reply: to the first substantive one; each is the median over the State's
--   communications of the year that have such a reply (empty when none has).
-- grain: one row per State that was sent a communication in Y, in the selected regional groups,
--   ordered by communications (most first), then name
-- key: iso3
-- parameters: $as_at DATE (the as-at date d); $regions VARCHAR[] (the State's regional groups;
--   empty = all); $types VARCHAR[] (communication types AL, UA, OL; empty = all);
--   $mandate VARCHAR (a mandate_id that must be among the communication's mandates; NULL = all)
WITH sent AS (
    SELECT c.iso3, c.sent_on, c.first_reply_on, c.first_substantive_reply_on
    -- With each letter's first reply and first substantive reply by d: base/communications_as_at.sql.
    FROM communications_as_at($as_at::DATE) c
    WHERE c.recipient_kind = 'state'
      AND c.sent_on BETWEEN year_start($as_at::DATE) AND $as_at::DATE
      AND (len($types::VARCHAR[]) = 0 OR list_contains($types::VARCHAR[], c.type))
      AND ($mandate::VARCHAR IS NULL OR list_contains(c.mandate_ids, $mandate::VARCHAR))
)
SELECT
    s.iso3, s.name, s.regional_group, s.un_status,
    count(*)                                                        AS communications,
    count(*) FILTER (c.first_substantive_reply_on IS NOT NULL)      AS substantively_replied,
    count(*) FILTER (c.first_reply_on IS NOT NULL)                  AS replied_any,
    percent(count(*) FILTER (c.first_substantive_reply_on IS NOT NULL), count(*))
                                                                    AS reply_rate_percent,
    median(c.first_reply_on - c.sent_on)                            AS median_days_to_first_reply,
    median(c.first_substantive_reply_on - c.sent_on)                AS median_days_to_first_substantive_reply
FROM sent c
JOIN states s ON s.iso3 = c.iso3
WHERE in_regions(s.regional_group, $regions::VARCHAR[])
GROUP BY ALL
ORDER BY communications DESC, s.name;
