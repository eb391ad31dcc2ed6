-- name: standing_invitations_by_group
-- question: In each regional group, how many Member States have a standing invitation as at a date?
-- definition: Counts over the per-State table (base/state_cooperation.sql), by regional group:
--   Member States, and Member States with a standing invitation as at d (extended_on <= d and
--   withdrawn_on empty or > d); share = those with one / Member States, as a percentage with one
--   decimal. Observer States with a standing invitation are counted apart. States in no group
--   (Kiribati, and the observer States) form their own row with an empty group.
-- grain: one row per regional group present in the selection (empty group last)
-- key: regional_group (may be NULL: the States in no group)
-- parameters: $as_at DATE (the as-at date d); $regions VARCHAR[] (empty = all); $threshold INTEGER
--   (unused here; the per-State table takes it)
SELECT
    regional_group,
    count(*) FILTER (un_status = 'member')                                   AS member_states,
    count(*) FILTER (un_status = 'member' AND standing_invitation)            AS member_states_with_invitation,
    percent(count(*) FILTER (un_status = 'member' AND standing_invitation),
            count(*) FILTER (un_status = 'member'), 1)                       AS share_percent,
    count(*) FILTER (un_status = 'observer')                                 AS observer_states,
    count(*) FILTER (un_status = 'observer' AND standing_invitation)         AS observer_states_with_invitation
FROM state_visits($as_at::DATE, $regions::VARCHAR[], $threshold::INTEGER)
GROUP BY regional_group
ORDER BY regional_group NULLS LAST;
