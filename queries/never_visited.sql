-- name: never_visited
-- question: Which Member States have never been visited, in which of the three categories, with what requests?
-- definition: Never visited: a Member State that is not visited; split into three: accepted but not
--   yet carried out (some thread's status as at d is invited, accepted, dates_proposed or
--   postponed); otherwise requests not accepted (some `requested` or `reminder` event on or before
--   d); otherwise no request (category from base/state_cooperation.sql). Requests made: the State's
--   threads with a `requested` or `reminder` event on or before d; first request: the first
--   request ever made to the State (state_cooperation's first_request_on); latest request: the
--   latest `requested` or `reminder` event. Pending requests and standing invitation as at d, as in
--   state_cooperation. For accepted threads (status invited, accepted, dates_proposed or postponed):
--   the latest acceptance (`invited`, `accepted` or `dates_proposed` event) and the mandates.
--   Only threads hosted by the State count.
-- grain: one row per never-visited Member State of the selected groups, ordered by category
--   (no request, requests not accepted, accepted not yet carried out), then name
-- key: iso3
-- parameters: $as_at DATE (the as-at date d); $regions VARCHAR[] (regional group codes; empty = all);
--   $threshold INTEGER (passed to state_cooperation; does not change these rows)
WITH requests AS (
    SELECT
        t.iso3,
        count(*) FILTER (t.last_request_on IS NOT NULL)                          AS requests_made,
        max(t.last_request_on)                                                   AS latest_request_on,
        max(t.last_accepted_on) FILTER (is_accepted_status(t.status))
                                                                                 AS accepted_on,
        string_agg(DISTINCT m.title, '; ' ORDER BY m.title)
            FILTER (is_accepted_status(t.status))
                                                                                 AS accepted_mandates
    FROM thread_status($as_at::DATE) t
    JOIN mandates m USING (mandate_id)
    WHERE t.host_kind = 'state'
    GROUP BY t.iso3
)
SELECT
    c.iso3, c.name, c.regional_group,
    c.never_visited_category                                  AS category,
    c.standing_invitation,
    c.standing_invitation_since,
    coalesce(r.requests_made, 0)                              AS requests_made,
    c.first_request_on,
    r.latest_request_on,
    c.pending_requests,
    r.accepted_on,
    r.accepted_mandates
FROM state_visits($as_at::DATE, $regions::VARCHAR[], $threshold::INTEGER) c
LEFT JOIN requests r USING (iso3)
WHERE c.never_visited_category IS NOT NULL
ORDER BY list_position(['no_request', 'requests_not_accepted', 'accepted_not_yet_conducted'],
                       c.never_visited_category), c.name;
