-- name: state_profiles
-- question: What does a State's profile show, for one or several chosen States, as at a date?
-- definition: For each chosen State (chosen: a list of ISO 3166-1 alpha-3 codes; a code the snapshot
--   lacks gives no row):
--   state_profiles: its row of the per-State table (base/state_cooperation.sql) computed over all
--   States whatever the group filter, the date its standing invitation was withdrawn when that is on
--   or before d, whether it is in the selected groups (regions, empty = all), the five-year window's
--   start, and over the States of its own regional group (none for a State in no group) the group's
--   size and the medians of their pending requests, of their visits in the five-year window and of
--   their reply rates (States sent nothing in Y are left out of that median, and counted apart).
--   state_threads_of: every visit thread it hosts (host kind `state`) with at least one event on or
--   before d, with its status as at d (base/thread_status.sql), its first event's date, its visit,
--   whether the visit's first day is in the five-year window, and, for a pending request, its age in
--   days from its first request to d.
--   state_events_of: every event, dated on or before d, of the threads it hosts (host kind `state`),
--   with the event's rank in the import format's order (event_rank).
--   state_communications_years: for each calendar year y from the first year with any communication
--   up to d's year, with d_y = 31 December of y, or d for d's own year: communications sent to it in y
--   (recipient kind state) up to d_y, those with a substantive reply on or before d_y
--   (base/communications_as_at.sql), the reply rate, and over the States of its regional group the
--   median reply rate of those sent something in y and how many they are.
-- note: one definition for the Cooperation profile (state_profile.sql, state_threads.sql,
--   state_events.sql, state_communications_by_year.sql: one State) and Compare
--   (compare_state_*.sql: every State compared in one query each, not one query per State).
-- grain: state_profiles: one row per chosen State found; state_threads_of: one row per (State,
--   visit thread); state_events_of: one row per (State, visit event); state_communications_years:
--   one row per (State, year)
-- key: iso3; state_threads_of: visit_id; state_events_of: visit_id, date, event;
--   state_communications_years: iso3, year
-- needs: state_cooperation, thread_status, communications_as_at, calendar, percent
-- parameters: none (macro arguments: d DATE, chosen VARCHAR[], regions VARCHAR[], threshold INTEGER)
CREATE MACRO state_profiles(d, chosen, regions, threshold) AS TABLE
WITH everyone AS (
    SELECT * FROM state_cooperation(d, []::VARCHAR[], threshold)
),
me AS (
    SELECT * FROM everyone WHERE list_contains(chosen, iso3)
),
peers AS (
    SELECT
        e.regional_group,
        count(*)                                   AS group_states,
        median(e.pending_requests)                 AS group_median_pending_requests,
        median(e.visits_5y)                        AS group_median_visits_5y,
        round(median(e.reply_rate_percent), 2)     AS group_median_reply_rate_percent,
        count(e.reply_rate_percent)                AS group_states_with_communications
    FROM everyone e
    -- IN, not a join with me: two chosen States of one group must not count it twice.
    WHERE e.regional_group IN (SELECT regional_group FROM me)
    GROUP BY e.regional_group
),
withdrawn AS (
    SELECT iso3, max(withdrawn_on) AS withdrawn_on FROM standing_invitations
    WHERE list_contains(chosen, iso3) AND extended_on <= d AND withdrawn_on <= d
    GROUP BY iso3
)
SELECT
    me.*,
    w.withdrawn_on                                             AS standing_invitation_withdrawn_on,
    in_regions(me.regional_group, regions)                     AS in_selection,
    window_start(d)                                            AS window_start,
    p.group_states,
    p.group_median_pending_requests,
    p.group_median_visits_5y,
    p.group_median_reply_rate_percent,
    p.group_states_with_communications
FROM me
LEFT JOIN peers p ON p.regional_group = me.regional_group
LEFT JOIN withdrawn w ON w.iso3 = me.iso3;

CREATE MACRO state_threads_of(d, chosen) AS TABLE
WITH t AS (
    SELECT * FROM thread_status(d)
    WHERE host_kind = 'state' AND list_contains(chosen, iso3)
),
first_events AS (
    SELECT e.visit_id, min(e.date) AS first_event_on
    FROM visit_events e JOIN t USING (visit_id)
    WHERE e.date <= d
    GROUP BY e.visit_id
)
SELECT
    t.iso3,
    t.visit_id, t.mandate_id, m.title AS mandate_title, m.kind AS mandate_kind,
    t.status, t.status_date, f.first_event_on,
    t.first_request_on, t.last_request_on, t.reminders, t.last_accepted_on, t.last_declined_on,
    t.visit_start, t.visit_end,
    t.visit_start >= window_start(d)                               AS visit_in_window,
    t.pending,
    CASE WHEN t.pending THEN date_diff('day', t.first_request_on, d) END AS pending_age_days
FROM t
JOIN first_events f USING (visit_id)
JOIN mandates m USING (mandate_id);

CREATE MACRO state_events_of(d, chosen) AS TABLE
SELECT
    v.iso3,
    v.visit_id, v.mandate_id, m.title AS mandate_title,
    e.event, e.date, e.end_date, event_rank(e.event) AS event_order
FROM visits v
JOIN visit_events e USING (visit_id)
JOIN mandates m USING (mandate_id)
WHERE v.host_kind = 'state' AND list_contains(chosen, v.iso3) AND e.date <= d;

CREATE MACRO state_communications_years(d, chosen) AS TABLE
WITH me AS (
    SELECT iso3, regional_group FROM states WHERE list_contains(chosen, iso3)
),
years AS (
    SELECT y::INTEGER AS year, least(make_date(y::INTEGER, 12, 31), d) AS d
    FROM range(
        coalesce((SELECT min(year(sent_on)) FROM communications), year(d)),
        year(d) + 1) t(y)
),
-- The chosen States and the other States of their regional groups.
compared AS (
    SELECT iso3, regional_group FROM states
    WHERE list_contains(chosen, iso3) OR regional_group IN (SELECT regional_group FROM me)
),
-- The per-State table's communications_in_year and substantive_replied_in_year as at each d_y: a
-- substantive reply on or before d_y is a first substantive reply (as at d) on or before d_y.
sent AS (
    SELECT c.iso3, y.year,
           count(*)                                                AS communications_in_year,
           count(*) FILTER (c.first_substantive_reply_on <= y.d)   AS substantive_replied_in_year
    FROM communications_as_at(d) c
    JOIN compared s ON s.iso3 = c.iso3
    JOIN years y ON year(c.sent_on) = y.year AND c.sent_on <= y.d
    WHERE c.recipient_kind = 'state'
    GROUP BY c.iso3, y.year
),
per_state AS (
    SELECT y.year, y.d, s.iso3, s.regional_group,
           coalesce(x.communications_in_year, 0)        AS communications_in_year,
           coalesce(x.substantive_replied_in_year, 0)   AS substantive_replied_in_year,
           percent(x.substantive_replied_in_year, x.communications_in_year) AS reply_rate_percent
    FROM years y
    CROSS JOIN compared s
    LEFT JOIN sent x ON x.iso3 = s.iso3 AND x.year = y.year
),
peers AS (
    SELECT regional_group, year,
           round(median(reply_rate_percent), 2) AS group_median_reply_rate_percent,
           count(reply_rate_percent)            AS group_states_with_communications
    FROM per_state
    WHERE regional_group IN (SELECT regional_group FROM me)
    GROUP BY regional_group, year
)
SELECT
    p.iso3,
    p.year, p.d AS as_at,
    p.communications_in_year      AS communications,
    p.substantive_replied_in_year AS substantively_replied,
    p.reply_rate_percent,
    g.group_median_reply_rate_percent,
    coalesce(g.group_states_with_communications, 0) AS group_states_with_communications
FROM per_state p
LEFT JOIN peers g ON g.regional_group = p.regional_group AND g.year = p.year
WHERE list_contains(chosen, p.iso3);
