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
-- note: each figure's rank, ties and count are counted over the pairs of States of the same group (a
--   State's rank is 1 + the States of its group with a higher figure): the same standard competition
--   ranking as rank() OVER the group, which cost eight window passes over 195 rows, most of the query.
WITH s AS (
    SELECT iso3, name, regional_group, un_status, standing_invitation, pending_requests, visits_5y,
           communications_in_year, substantive_replied_in_year, reply_rate_percent
    FROM state_cooperation($as_at::DATE, $regions::VARCHAR[], $threshold::INTEGER)
),
ranks AS (
    SELECT
        a.iso3,
        count(*)                                                                    AS group_states,
        count(*) FILTER (b.standing_invitation)                                     AS group_standing_invitations,
        1 + count(*) FILTER (b.pending_requests > a.pending_requests)               AS pending_requests_rank,
        count(*) FILTER (b.pending_requests = a.pending_requests)                   AS pending_requests_tied,
        count(b.pending_requests)                                                   AS pending_requests_ranked,
        1 + count(*) FILTER (b.visits_5y > a.visits_5y)                             AS visits_5y_rank,
        count(*) FILTER (b.visits_5y = a.visits_5y)                                 AS visits_5y_tied,
        count(b.visits_5y)                                                          AS visits_5y_ranked,
        1 + count(*) FILTER (b.communications_in_year > a.communications_in_year)   AS communications_in_year_rank,
        count(*) FILTER (b.communications_in_year = a.communications_in_year)       AS communications_in_year_tied,
        count(b.communications_in_year)                                             AS communications_in_year_ranked,
        -- A State sent nothing has no rate: it gets no rank and does not push the others down.
        1 + count(*) FILTER (b.reply_rate_percent > a.reply_rate_percent)           AS reply_rate_percent_rank,
        count(*) FILTER (b.reply_rate_percent = a.reply_rate_percent)               AS reply_rate_percent_tied,
        count(b.reply_rate_percent)                                                 AS reply_rate_percent_ranked
    FROM s a
    JOIN s b ON b.regional_group = a.regional_group
    GROUP BY a.iso3
)
SELECT
    s.*,
    r.group_states, r.group_standing_invitations,
    r.pending_requests_rank, r.pending_requests_tied, r.pending_requests_ranked,
    r.visits_5y_rank, r.visits_5y_tied, r.visits_5y_ranked,
    r.communications_in_year_rank, r.communications_in_year_tied, r.communications_in_year_ranked,
    CASE WHEN s.reply_rate_percent IS NOT NULL THEN r.reply_rate_percent_rank END  AS reply_rate_percent_rank,
    CASE WHEN s.reply_rate_percent IS NOT NULL THEN r.reply_rate_percent_tied END  AS reply_rate_percent_tied,
    r.reply_rate_percent_ranked
FROM s
LEFT JOIN ranks r ON r.iso3 = s.iso3
ORDER BY s.regional_group NULLS LAST, s.name, s.iso3;
