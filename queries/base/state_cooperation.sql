-- name: state_cooperation
-- question: How does each State cooperate, as at a date? (the per-State table every State figure counts)
-- definition: For each State (Member and observer), as at d, with the five-year window W:
--   standing invitation: extended_on <= d and (withdrawn_on empty or > d).
--   ever visited: a `completed` event of a thread hosted by the State, dated on or before d.
--   visits in year / in window: `completed` events dated in Y / in W (and on or before d).
--   request in window: a `requested` or `reminder` event dated in W.
--   pending request: a thread whose status as at d is requested, reminder or acknowledged and whose
--   latest request or reminder is dated within W (base/thread_status.sql's `pending`).
--   accepted in window: an invited, accepted or dates_proposed event dated in W, or a visit carried
--   out in W.
--   never visited (Member States only): not visited; "accepted_not_yet_conducted" when some thread's
--   status is invited, accepted, dates_proposed or postponed; otherwise "requests_not_accepted"
--   when some request or reminder is dated on or before d; otherwise "no_request".
--   five-plus pending: at least `threshold` pending requests.
--   communications in year: communications to the State (recipient kind state) sent in Y; replied:
--   those with at least one substantive reply received on or before d (base/communications_as_at.sql);
--   reply rate = replied / sent.
--   Only threads whose host kind is `state` count for a State (territories and institutions do not).
-- note: state_visits is the table without the three communications columns, for the questions that
--   do not read them (most State lists and counts): reading replies cost each of them a fifth of its time.
--   only_states (optional, both macros): the rows of these States alone (ISO 3166-1 alpha-3 codes;
--   omitted or NULL: every State). A State's row does not depend on the others, so its figures are
--   the same; it lets a question about a few States (compare_by_year.sql, one table per year) read
--   only their threads and letters instead of every State's (most of that query's time at scale).
-- grain: one row per State in states, filtered to the regional groups given (both macros), and to
--   only_states when given
-- key: iso3
-- needs: thread_status, communications_as_at, calendar, statuses, percent
-- parameters: none (macro arguments: d DATE, regions VARCHAR[], threshold INTEGER, only_states VARCHAR[])
CREATE MACRO state_visits(d, regions, threshold, only_states := NULL) AS TABLE
-- One pass over the threads (a second one, for the earliest request, cost a large snapshot dear).
WITH visit_stats AS (
    SELECT
        iso3,
        count(visit_start)                                              AS visits_ever,
        count(*) FILTER (visit_start >= year_start(d))                  AS visits_in_year,
        count(*) FILTER (visit_start >= window_start(d))                AS visits_5y,
        max(visit_start)                                                AS last_visit_on,
        bool_or(last_request_on IS NOT NULL)                            AS ever_requested,
        bool_or(last_request_on >= window_start(d))                     AS request_in_5y,
        bool_or(last_accepted_on >= window_start(d)
                OR visit_start >= window_start(d))                      AS accepted_in_5y,
        bool_or(is_accepted_status(status))                             AS accepted_open,
        count(*) FILTER (pending)                                       AS pending_requests,
        min(first_request_on) FILTER (pending)                          AS oldest_pending_request_on,
        sum(reminders) FILTER (pending)                                 AS pending_reminders,
        -- The first request ever made to the State, shown for context on its profile.
        min(first_request_on)                                           AS first_request_on
    FROM thread_status(d)
    WHERE host_kind = 'state' AND (only_states IS NULL OR list_contains(only_states, iso3))
    GROUP BY iso3
),
invitations AS (
    SELECT iso3, extended_on, withdrawn_on FROM standing_invitations
    WHERE extended_on <= d AND (withdrawn_on IS NULL OR withdrawn_on > d)
)
SELECT
    s.iso3, s.name, s.regional_group, s.un_status,
    i.iso3 IS NOT NULL                                     AS standing_invitation,
    i.extended_on                                          AS standing_invitation_since,
    coalesce(v.visits_ever, 0) > 0                         AS ever_visited,
    CASE
        WHEN s.un_status <> 'member' OR coalesce(v.visits_ever, 0) > 0 THEN NULL
        WHEN coalesce(v.accepted_open, false) THEN 'accepted_not_yet_conducted'
        WHEN coalesce(v.ever_requested, false) THEN 'requests_not_accepted'
        ELSE 'no_request'
    END                                                    AS never_visited_category,
    v.last_visit_on,
    coalesce(v.visits_in_year, 0)                          AS visits_in_year,
    coalesce(v.visits_5y, 0)                               AS visits_5y,
    coalesce(v.request_in_5y, false)                       AS request_in_5y,
    coalesce(v.pending_requests, 0)                        AS pending_requests,
    v.oldest_pending_request_on,
    coalesce(v.pending_reminders, 0)::INTEGER              AS pending_reminders,
    coalesce(v.pending_requests, 0) >= threshold           AS five_plus_pending,
    coalesce(v.accepted_in_5y, false)                      AS accepted_in_5y,
    v.first_request_on                                     AS first_request_on
FROM states s
LEFT JOIN visit_stats v ON v.iso3 = s.iso3
LEFT JOIN invitations i ON i.iso3 = s.iso3
WHERE in_regions(s.regional_group, regions)
  AND (only_states IS NULL OR list_contains(only_states, s.iso3));

CREATE MACRO state_cooperation(d, regions, threshold, only_states := NULL) AS TABLE
WITH comms AS (
    SELECT
        c.iso3,
        count(*) AS communications_in_year,
        count(*) FILTER (c.substantively_replied) AS substantive_replied_in_year
    FROM communications_as_at(d) c
    WHERE c.recipient_kind = 'state' AND c.sent_on BETWEEN year_start(d) AND d
      AND (only_states IS NULL OR list_contains(only_states, c.iso3))
    GROUP BY c.iso3
)
SELECT
    sv.*,
    coalesce(c.communications_in_year, 0)                  AS communications_in_year,
    coalesce(c.substantive_replied_in_year, 0)             AS substantive_replied_in_year,
    percent(c.substantive_replied_in_year, c.communications_in_year) AS reply_rate_percent
FROM state_visits(d, regions, threshold, only_states := only_states) sv
LEFT JOIN comms c ON c.iso3 = sv.iso3;
