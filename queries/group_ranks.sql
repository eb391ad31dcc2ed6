-- name: group_ranks
-- question: Where does each State stand within its regional group on the profile's key figures?
-- definition: For every State of the selected regional groups, its figures of the per-State table
--   (base/state_cooperation.sql, the profile's definitions, as at d): standing invitation, pending
--   requests, visits carried out in the five-year window, communications sent in Y, those with a
--   substantive reply, and the reply rate. For each of pending requests, visits in the window,
--   communications sent and the reply rate: its rank within its own regional group, 1 for the
--   highest figure, States with the same figure sharing the rank (standard competition ranking:
--   1, 2, 2, 4); how many States of the group share its figure (tied, itself included); and how many
--   States of the group have the figure (ranked: for the reply rate, the States sent something in Y).
--   A State in no regional group, or whose figure is undefined (no communication, no reply rate),
--   gets no rank. Also the group's size and how many of its States have a standing invitation.
-- grain: one row per State of the selected regional groups (all States when none is selected)
-- key: iso3
-- parameters: $as_at DATE (the as-at date d); $regions VARCHAR[] (the groups whose States are
--   returned, each ranked within its whole group; empty = all); $threshold INTEGER (five-plus)
WITH s AS (
    SELECT iso3, name, regional_group, un_status, standing_invitation, pending_requests, visits_5y,
           communications_in_year, substantive_replied_in_year, reply_rate_percent
    FROM state_cooperation($as_at::DATE, $regions::VARCHAR[], $threshold::INTEGER)
)
SELECT
    s.*,
    CASE WHEN regional_group IS NOT NULL THEN count(*) OVER g END                           AS group_states,
    CASE WHEN regional_group IS NOT NULL THEN count(*) FILTER (standing_invitation) OVER g END
                                                                                            AS group_standing_invitations,
    CASE WHEN regional_group IS NOT NULL THEN rank() OVER (g ORDER BY pending_requests DESC) END
                                                                                            AS pending_requests_rank,
    CASE WHEN regional_group IS NOT NULL
         THEN count(*) OVER (PARTITION BY regional_group, pending_requests) END             AS pending_requests_tied,
    CASE WHEN regional_group IS NOT NULL THEN count(pending_requests) OVER g END            AS pending_requests_ranked,
    CASE WHEN regional_group IS NOT NULL THEN rank() OVER (g ORDER BY visits_5y DESC) END   AS visits_5y_rank,
    CASE WHEN regional_group IS NOT NULL
         THEN count(*) OVER (PARTITION BY regional_group, visits_5y) END                    AS visits_5y_tied,
    CASE WHEN regional_group IS NOT NULL THEN count(visits_5y) OVER g END                   AS visits_5y_ranked,
    CASE WHEN regional_group IS NOT NULL
         THEN rank() OVER (g ORDER BY communications_in_year DESC) END                      AS communications_in_year_rank,
    CASE WHEN regional_group IS NOT NULL
         THEN count(*) OVER (PARTITION BY regional_group, communications_in_year) END       AS communications_in_year_tied,
    CASE WHEN regional_group IS NOT NULL THEN count(communications_in_year) OVER g END      AS communications_in_year_ranked,
    -- NULLS LAST: a State sent nothing has no rate and does not push the others down.
    CASE WHEN regional_group IS NOT NULL AND reply_rate_percent IS NOT NULL
         THEN rank() OVER (g ORDER BY reply_rate_percent DESC NULLS LAST) END               AS reply_rate_percent_rank,
    CASE WHEN regional_group IS NOT NULL AND reply_rate_percent IS NOT NULL
         THEN count(*) OVER (PARTITION BY regional_group, reply_rate_percent) END           AS reply_rate_percent_tied,
    CASE WHEN regional_group IS NOT NULL THEN count(reply_rate_percent) OVER g END          AS reply_rate_percent_ranked
FROM s
WINDOW g AS (PARTITION BY regional_group)
ORDER BY regional_group NULLS LAST, name, iso3;
