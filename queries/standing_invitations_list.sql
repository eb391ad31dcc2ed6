-- name: standing_invitations_list
-- question: Which States have extended a standing invitation, since when, and which have withdrawn it, as at a date?
-- definition: Standing invitation as at d: extended_on <= d and (withdrawn_on empty or > d) (the
--   per-State table, base/state_cooperation.sql, decides it). A State whose invitation was extended
--   on or before d but withdrawn on or before d is listed as withdrawn, with both dates; an
--   invitation extended after d, or a withdrawal dated after d, is not yet known at d.
-- grain: one row per State in the selected regional groups whose standing invitation was extended
--   on or before d; status 'in_force' first, then 'withdrawn'; by name
-- key: iso3
-- parameters: $as_at DATE (the as-at date d); $regions VARCHAR[] (regional group codes; empty =
--   all); $threshold INTEGER (unused here; the per-State table takes it)
SELECT
    sc.iso3, sc.name, sc.regional_group, sc.un_status,
    CASE WHEN sc.standing_invitation THEN 'in_force' ELSE 'withdrawn' END   AS status,
    si.extended_on,
    CASE WHEN sc.standing_invitation THEN NULL ELSE si.withdrawn_on END      AS withdrawn_on
FROM state_visits($as_at::DATE, $regions::VARCHAR[], $threshold::INTEGER) sc
JOIN standing_invitations si ON si.iso3 = sc.iso3
WHERE si.extended_on <= $as_at::DATE
ORDER BY NOT sc.standing_invitation, sc.name;
