-- name: by_group
-- question: How does each regional group cooperate, as at a date?
-- definition: Sums and medians over the per-State table (base/state_cooperation.sql), by the
--   State's regional group (States in no group, Kiribati and the observer States, form their own
--   row with an empty group). Member States and standing invitations as at d; visits carried out
--   in Y to the group's States; pending requests as at d; Member States never visited; Member
--   States with five-plus pending requests ($threshold); communications sent in Y to the group's
--   States and those with a substantive reply on or before d; the reply rate = replied / sent; and
--   the median of the group's State reply rates (States sent nothing in Y are left out of it).
-- grain: one row per regional group present in the selection
-- key: regional_group (may be NULL: the States in no group)
-- parameters: $as_at DATE; $regions VARCHAR[] (empty = all); $threshold INTEGER
SELECT
    regional_group,
    count(*) FILTER (un_status = 'member')                                   AS member_states,
    count(*) FILTER (standing_invitation)                                    AS standing_invitations,
    sum(visits_in_year)::BIGINT                                              AS visits_in_year,
    sum(visits_5y)::BIGINT                                                   AS visits_5y,
    sum(pending_requests)::BIGINT                                            AS pending_requests,
    count(*) FILTER (never_visited_category IS NOT NULL)                     AS never_visited,
    count(*) FILTER (un_status = 'member' AND five_plus_pending)             AS five_plus_pending,
    sum(communications_in_year)::BIGINT                                      AS communications_in_year,
    sum(substantive_replied_in_year)::BIGINT                                 AS substantive_replied_in_year,
    percent(sum(substantive_replied_in_year), sum(communications_in_year))    AS reply_rate_percent,
    round(median(reply_rate_percent), 2)                                     AS median_state_reply_rate_percent
FROM state_cooperation($as_at::DATE, $regions::VARCHAR[], $threshold::INTEGER)
GROUP BY regional_group
ORDER BY regional_group NULLS LAST;
