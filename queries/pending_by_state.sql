-- name: pending_by_state
-- question: Which States have at least N pending visit requests as at a date, and did they accept any visit in the window?
-- definition: Pending request as at d: a thread whose status as at d is `requested`, `reminder` or
--   `acknowledged` and whose latest request or reminder is dated within the five-year window.
--   Five-plus pending: a State with at least $threshold pending requests as at d (default 5).
--   Accepted in the window: an `invited`, `accepted` or `dates_proposed` event dated in the window,
--   or a visit carried out in the window. All per-State columns from base/state_cooperation.sql
--   (oldest pending request = the earliest first request of its pending threads; reminders = those
--   sent in its pending threads). no_acceptance_flag: a Member State with at least $threshold
--   pending requests and no visit accepted in the window (the annual report's "five-plus pending,
--   no acceptance" at the default threshold).
-- grain: one row per State (Member or observer) of the selected groups with at least $threshold
--   pending requests, ordered by pending requests (most first), then name
-- key: iso3
-- parameters: $as_at DATE (the as-at date d); $regions VARCHAR[] (regional group codes; empty = all);
--   $threshold INTEGER (the number of pending requests that makes a State listed; default 5)
SELECT
    iso3, name, regional_group, un_status,
    pending_requests,
    oldest_pending_request_on,
    pending_reminders,
    standing_invitation,
    standing_invitation_since,
    accepted_in_5y,
    visits_5y,
    un_status = 'member' AND NOT accepted_in_5y               AS no_acceptance_flag
FROM state_visits($as_at::DATE, $regions::VARCHAR[], $threshold::INTEGER)
WHERE five_plus_pending
ORDER BY pending_requests DESC, name;
