-- name: communications_by_actor
-- question: Which non-State actors were sent communications in the year, and how many did they
--   answer substantively?
-- definition: Communications sent in Y: sent_on in Y (and on or before d) to a non-State actor
--   (recipient kind `non_state_actor`), one actor per distinct recipient name (DESIGN.md's
--   non-State actors addressed). The State concerned is the communication's iso3, if any. Replied:
--   communications with at least one substantive reply on or before d; reply rate = replied /
--   sent, as a percentage with two decimals. With a regional-group filter, a communication counts
--   when the State it concerns is in a selected group; letters with no State concerned then drop
--   out (as in facts_communications). Letters with no recipient name are left out (they have no
--   distinct name to count).
-- grain: one row per recipient name, ordered by communications (most first), then name
-- key: recipient
-- parameters: $as_at DATE (the as-at date d); $regions VARCHAR[] (groups of the State concerned;
--   empty = all); $types VARCHAR[] (AL, UA, OL; empty = all); $mandate VARCHAR (a mandate_id that
--   must be among the communication's mandates; NULL = all)
WITH sent AS (
    SELECT c.recipient, c.iso3, s.name AS state_name, s.regional_group,
           c.first_reply_on, c.first_substantive_reply_on
    -- With each letter's first reply and first substantive reply by d: base/communications_as_at.sql.
    FROM communications_as_at($as_at::DATE) c
    LEFT JOIN states s ON s.iso3 = c.iso3
    WHERE c.recipient_kind = 'non_state_actor'
      AND c.sent_on BETWEEN year_start($as_at::DATE) AND $as_at::DATE
      AND in_regions(s.regional_group, $regions::VARCHAR[])
      AND (len($types::VARCHAR[]) = 0 OR list_contains($types::VARCHAR[], c.type))
      AND ($mandate::VARCHAR IS NULL OR list_contains(c.mandate_ids, $mandate::VARCHAR))
)
SELECT
    recipient,
    string_agg(DISTINCT state_name, '; ' ORDER BY state_name)      AS states_concerned,
    string_agg(DISTINCT iso3, ';' ORDER BY iso3)                   AS iso3_concerned,
    string_agg(DISTINCT regional_group, '; ' ORDER BY regional_group) AS regional_groups,
    count(*)                                                       AS communications,
    count(*) FILTER (first_substantive_reply_on IS NOT NULL)       AS substantively_replied,
    count(*) FILTER (first_reply_on IS NOT NULL)                   AS replied_any,
    percent(count(*) FILTER (first_substantive_reply_on IS NOT NULL), count(*)) AS reply_rate_percent
FROM sent
WHERE recipient IS NOT NULL
GROUP BY recipient
ORDER BY communications DESC, recipient;
