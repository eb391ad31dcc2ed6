-- name: not_visited_window
-- question: Which Member States were not visited in the five-year window, and which of them received a request in it?
-- definition: Not visited in the window: a Member State with no `completed` event dated in the
--   window; it received a request in the window when a `requested` or `reminder` event is dated in
--   it. Per-State columns as defined in base/state_cooperation.sql (only threads hosted by the
--   State count): last visit ever (before the window), pending requests as at d, standing
--   invitation as at d.
-- grain: one row per Member State of the selected groups with no visit in the window, ordered by name
-- key: iso3
-- parameters: $as_at DATE (the as-at date d); $regions VARCHAR[] (regional group codes; empty = all);
--   $threshold INTEGER (passed to state_cooperation; does not change these rows)
SELECT
    iso3, name, regional_group,
    request_in_5y,
    ever_visited,
    last_visit_on,
    pending_requests,
    standing_invitation
FROM state_visits($as_at::DATE, $regions::VARCHAR[], $threshold::INTEGER)
WHERE un_status = 'member' AND visits_5y = 0
ORDER BY name;
