-- name: facts_states
-- question: The annual report's State-level facts and figures, as at a date.
-- definition: Counts over the per-State table (base/state_cooperation.sql), Member States unless
--   said otherwise. Standing invitations as at d (Member States; observer States apart). Visited
--   (ever) and never visited, with never visited split into no request, requests not accepted and
--   accepted but not yet carried out. Not visited in the five-year window, and of those the ones
--   that received a request in the window. Five-plus pending with no acceptance: at least
--   $threshold pending requests as at d and no visit accepted in the window. Five or more visits
--   carried out in the window.
-- grain: one row
-- key: (one row)
-- parameters: $as_at DATE; $regions VARCHAR[] (empty = all); $threshold INTEGER (default 5)
SELECT
    count(*) FILTER (un_status = 'member')                                    AS member_states,
    count(*) FILTER (un_status = 'member' AND standing_invitation)             AS standing_invitations_member_states,
    count(*) FILTER (un_status = 'observer' AND standing_invitation)          AS standing_invitations_observer_states,
    count(*) FILTER (un_status = 'member' AND ever_visited)                   AS member_states_visited,
    count(*) FILTER (un_status = 'member' AND NOT ever_visited)               AS member_states_never_visited,
    count(*) FILTER (never_visited_category = 'no_request')                   AS never_visited_no_request,
    count(*) FILTER (never_visited_category = 'requests_not_accepted')        AS never_visited_requests_not_accepted,
    count(*) FILTER (never_visited_category = 'accepted_not_yet_conducted')   AS never_visited_accepted_not_yet_conducted,
    count(*) FILTER (un_status = 'member' AND visits_5y = 0)                  AS member_states_not_visited_5y,
    count(*) FILTER (un_status = 'member' AND visits_5y = 0 AND request_in_5y) AS member_states_not_visited_5y_with_request,
    count(*) FILTER (un_status = 'member' AND five_plus_pending AND NOT accepted_in_5y)
                                                                              AS member_states_five_plus_pending_no_acceptance,
    count(*) FILTER (un_status = 'member' AND visits_5y >= 5)                 AS member_states_five_plus_visits_5y
FROM state_visits($as_at::DATE, $regions::VARCHAR[], $threshold::INTEGER);
