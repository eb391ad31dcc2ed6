-- name: mandate_communications_by_state
-- question: To which States and other recipients did one mandate send or join communications in the
--   five-year window, and which of them most often left them unanswered?
-- definition: Communications sent in the five-year window (sent_on from its first day up to d) with
--   the mandate among its mandates, per recipient (a State by its iso3, a non-State actor by its
--   name), by type (AL, UA, OL), and those sent in Y (sent_on in Y and on or before d).
--   Substantively replied: at least one substantive reply on or before d; unanswered: no reply of
--   any kind on or before d (base/communications_as_at.sql). With a regional-group filter, a
--   communication counts when the State it is addressed to or concerns is in a selected group.
-- grain: one row per recipient, ordered by unanswered (most first), then communications, then name
-- key: recipient_kind, iso3 (may be NULL: a non-State actor concerning no State), recipient
-- parameters: $as_at DATE (the as-at date d); $mandate VARCHAR (the mandate's id);
--   $regions VARCHAR[] (regional group codes; empty = all)
SELECT
    c.recipient_kind,
    c.iso3,
    CASE WHEN c.recipient_kind = 'state' THEN coalesce(s.name, c.iso3)
         ELSE coalesce(c.recipient, s.name, c.iso3) END                      AS recipient,
    s.regional_group,
    count(*)                                                                      AS communications_5y,
    count(*) FILTER (c.sent_on >= year_start($as_at::DATE))                       AS communications_in_year,
    count(*) FILTER (c.type = 'AL')                                               AS allegation_letters,
    count(*) FILTER (c.type = 'UA')                                               AS urgent_appeals,
    count(*) FILTER (c.type = 'OL')                                               AS other_letters,
    count(*) FILTER (c.substantively_replied)                                     AS substantively_replied,
    count(*) FILTER (c.first_reply_on IS NULL)                                    AS unanswered,
    percent(count(*) FILTER (c.substantively_replied), count(*))                  AS reply_rate_percent
FROM communications_as_at($as_at::DATE) c
LEFT JOIN states s ON s.iso3 = c.iso3
WHERE list_contains(c.mandate_ids, $mandate::VARCHAR)
  AND c.sent_on BETWEEN window_start($as_at::DATE) AND $as_at::DATE
  AND in_regions(s.regional_group, $regions::VARCHAR[])
GROUP BY ALL
ORDER BY unanswered DESC, communications_5y DESC, recipient;
