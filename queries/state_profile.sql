-- name: state_profile
-- question: How does one State cooperate as at a date, and how does it compare with its regional group?
-- definition: The State's row of the per-State table (base/state_cooperation.sql, DESIGN.md's
--   definitions: standing invitation as at d: extended_on <= d and (withdrawn_on empty or > d);
--   pending request as at d; visits carried out in Y and in the five-year window; reply rate for Y:
--   communications sent in Y that received at least one substantive reply on or before d, divided
--   by communications sent in Y), computed over all States whatever the group filter, so that a
--   State outside the selected groups still has its profile. Also: the date a standing invitation
--   was withdrawn when that is on or before d; whether the State is in the selected groups; and,
--   over the States of the State's own regional group (none for a State in no group), the medians
--   of their pending requests, of their visits in the five-year window and of their reply rates
--   (States sent nothing in Y are left out of that median, as in by_group.sql).
-- grain: one row for the State $iso3 (no row when the snapshot has no such State)
-- key: (one row)
-- parameters: $as_at DATE (the as-at date d); $iso3 VARCHAR (the State's ISO 3166-1 alpha-3 code);
--   $regions VARCHAR[] (the selected regional groups; empty = all; only sets in_selection);
--   $threshold INTEGER (pending requests that make a State "five-plus"; default 5)
WITH everyone AS (
    SELECT * FROM state_cooperation($as_at::DATE, []::VARCHAR[], $threshold::INTEGER)
),
me AS (
    SELECT * FROM everyone WHERE iso3 = $iso3::VARCHAR
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
    JOIN me ON e.regional_group = me.regional_group
    GROUP BY e.regional_group
),
withdrawn AS (
    SELECT withdrawn_on FROM standing_invitations
    WHERE iso3 = $iso3::VARCHAR AND extended_on <= $as_at::DATE AND withdrawn_on <= $as_at::DATE
)
SELECT
    me.*,
    (SELECT max(withdrawn_on) FROM withdrawn)                  AS standing_invitation_withdrawn_on,
    in_regions(me.regional_group, $regions::VARCHAR[])         AS in_selection,
    window_start($as_at::DATE)                                 AS window_start,
    p.group_states,
    p.group_median_pending_requests,
    p.group_median_visits_5y,
    p.group_median_reply_rate_percent,
    p.group_states_with_communications
FROM me
LEFT JOIN peers p ON p.regional_group = me.regional_group;
