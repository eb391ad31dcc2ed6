-- name: standing_invitations_selective
-- question: Which States hold a standing invitation yet have pending visit requests, or had no visit
--   in five years (selective cooperation)?
-- definition: From the per-State table (base/state_cooperation.sql), States with a standing
--   invitation as at d (extended_on <= d and withdrawn_on empty or > d) that have at least one
--   pending request as at d (a thread whose status as at d is requested, reminder or acknowledged
--   and whose latest request or reminder is dated within the five-year window), or no visit carried
--   out in the five-year window (no `completed` event dated in it). Shown with how many requests
--   are pending, the oldest pending request, their reminders, visits in the window and the last
--   visit.
-- grain: one row per such State in the selected regional groups, most pending requests first, then
--   by name
-- key: iso3
-- parameters: $as_at DATE (the as-at date d); $regions VARCHAR[] (empty = all); $threshold INTEGER
--   (unused here; the per-State table takes it)
SELECT
    iso3, name, regional_group, un_status,
    standing_invitation_since,
    pending_requests,
    oldest_pending_request_on,
    pending_reminders,
    visits_5y,
    last_visit_on,
    pending_requests > 0                                        AS has_pending_requests,
    visits_5y = 0                                               AS no_visit_in_window
FROM state_visits($as_at::DATE, $regions::VARCHAR[], $threshold::INTEGER)
WHERE standing_invitation AND (pending_requests > 0 OR visits_5y = 0)
ORDER BY pending_requests DESC, name;
