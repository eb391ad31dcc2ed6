-- name: facts_communications
-- question: How many communications were sent in the year, and how many replies came back?
-- definition: Communications sent in Y: sent_on in Y (and on or before d); joint = two or more
--   mandates; States addressed = distinct iso3 of State recipients; non-State actors = distinct
--   recipient names; individuals and individuals_female are summed. Replies received in Y:
--   received_on in Y and on or before d, whatever year the communication was sent. Replies to the
--   year's communications: replies received on or before d to communications sent in Y. Reply rate
--   for Y: communications sent in Y with at least one substantive reply on or before d, divided by
--   communications sent in Y, as a percentage with two decimals. With a regional-group filter, a
--   communication counts when the State it is addressed to or concerns (its iso3) is in a selected
--   group; letters to non-State actors with no State concerned then drop out.
-- grain: one row
-- key: (one row)
-- parameters: $as_at DATE; $regions VARCHAR[] (empty = all)
-- Each figure is a filtered aggregate over one pass: a scalar subquery per figure scanned the
-- communications again and again. Replies are counted in two small joins, by the year they were
-- received in and by the year their letter was sent in, rather than joining every reply.
WITH sent AS (
    SELECT c.*, c.substantively_replied AS substantive_reply
    -- Substantively replied by d: base/communications_as_at.sql.
    FROM communications_as_at($as_at::DATE) c
    LEFT JOIN states s ON s.iso3 = c.iso3
    WHERE in_regions(s.regional_group, $regions::VARCHAR[])
      AND c.sent_on BETWEEN year_start($as_at::DATE) AND $as_at::DATE
),
sent_figures AS (
    SELECT
        count(*)                                                            AS communications_sent,
        count(*) FILTER (len(mandate_ids) >= 2)                             AS communications_joint,
        count(DISTINCT iso3) FILTER (recipient_kind = 'state')              AS communications_states_addressed,
        count(DISTINCT recipient) FILTER (recipient_kind = 'non_state_actor') AS communications_non_state_actors,
        coalesce(sum(individuals), 0)::BIGINT                               AS communications_individuals,
        coalesce(sum(individuals_female), 0)::BIGINT                        AS communications_individuals_female,
        count(*) FILTER (substantive_reply)                                 AS communications_substantively_replied,
        percent(count(*) FILTER (substantive_reply), count(*))              AS reply_rate_percent
    FROM sent
),
-- Replies received in Y (and on or before d) to communications of the selected groups, whenever sent.
received AS (
    SELECT
        count(*)                                    AS replies_received_in_year,
        count(*) FILTER (r.substantive)             AS replies_received_in_year_substantive
    FROM replies r
    JOIN communications c USING (ref)
    LEFT JOIN states s ON s.iso3 = c.iso3
    WHERE r.received_on BETWEEN year_start($as_at::DATE) AND $as_at::DATE
      AND in_regions(s.regional_group, $regions::VARCHAR[])
),
-- Replies received on or before d to the selected communications sent in Y.
to_year AS (
    SELECT
        count(*)                                    AS replies_to_year_communications,
        count(*) FILTER (r.substantive)             AS replies_to_year_communications_substantive
    FROM replies r
    JOIN sent c USING (ref)
    WHERE r.received_on <= $as_at::DATE
)
SELECT
    s.communications_sent, s.communications_joint, s.communications_states_addressed,
    s.communications_non_state_actors, s.communications_individuals, s.communications_individuals_female,
    r.replies_received_in_year, r.replies_received_in_year_substantive,
    t.replies_to_year_communications, t.replies_to_year_communications_substantive,
    s.communications_substantively_replied, s.reply_rate_percent
FROM sent_figures s, received r, to_year t;
