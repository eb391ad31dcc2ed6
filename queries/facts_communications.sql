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
-- parameters: $as_at DATE; $regions VARCHAR[] (empty = all)
WITH selected AS (
    SELECT c.*
    FROM communications c
    LEFT JOIN states s ON s.iso3 = c.iso3
    WHERE in_regions(s.regional_group, $regions::VARCHAR[])
),
sent AS (
    SELECT s.*, cr.substantively_replied AS substantive_reply
    FROM selected s
    JOIN communication_replies($as_at::DATE) cr USING (ref)
    WHERE s.sent_on BETWEEN year_start($as_at::DATE) AND $as_at::DATE
),
replied AS (
    SELECT r.*, c.sent_on
    FROM replies r
    JOIN selected c USING (ref)
    WHERE r.received_on <= $as_at::DATE
)
SELECT
    (SELECT count(*) FROM sent)                                                 AS communications_sent,
    (SELECT count(*) FROM sent WHERE len(mandate_ids) >= 2)                      AS communications_joint,
    (SELECT count(DISTINCT iso3) FROM sent WHERE recipient_kind = 'state')       AS communications_states_addressed,
    (SELECT count(DISTINCT recipient) FROM sent WHERE recipient_kind = 'non_state_actor')
                                                                                AS communications_non_state_actors,
    (SELECT coalesce(sum(individuals), 0)::BIGINT FROM sent)                    AS communications_individuals,
    (SELECT coalesce(sum(individuals_female), 0)::BIGINT FROM sent)             AS communications_individuals_female,
    (SELECT count(*) FROM replied WHERE received_on >= year_start($as_at::DATE)) AS replies_received_in_year,
    (SELECT count(*) FROM replied WHERE received_on >= year_start($as_at::DATE) AND substantive)
                                                                                AS replies_received_in_year_substantive,
    (SELECT count(*) FROM replied WHERE sent_on >= year_start($as_at::DATE))    AS replies_to_year_communications,
    (SELECT count(*) FROM replied WHERE sent_on >= year_start($as_at::DATE) AND substantive)
                                                                                AS replies_to_year_communications_substantive,
    (SELECT count(*) FILTER (substantive_reply) FROM sent)                      AS communications_substantively_replied,
    (SELECT CASE WHEN count(*) = 0 THEN NULL
                 ELSE round(100.0 * count(*) FILTER (substantive_reply) / count(*), 2) END FROM sent)
                                                                                AS reply_rate_percent;
