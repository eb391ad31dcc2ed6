-- name: accepted_not_carried_out_list
-- question: Which visits have States accepted that the special procedures have not yet carried out,
--   and how long ago were they accepted?
-- definition: Accepted, not yet carried out (the special procedures' side): a thread whose status as
--   at d is invited, accepted, dates_proposed or postponed; its time since acceptance runs from its
--   latest invited, accepted or dates_proposed event to d (base/accepted_not_carried_out.sql). Every
--   host kind is listed; with a regional-group filter, a thread counts when its host's iso3 belongs
--   to a selected group (institutions then drop out).
-- grain: one row per such thread, ordered by acceptance (oldest first), host, mandate
-- key: visit_id
-- parameters: $as_at DATE (the as-at date d); $regions VARCHAR[] (regional group codes; empty = all)
SELECT
    a.visit_id,
    a.host_kind,
    a.iso3,
    CASE a.host_kind WHEN 'state' THEN coalesce(s.name, a.iso3) ELSE a.host_name END  AS host,
    s.regional_group,
    a.mandate_id,
    m.title                                                                           AS mandate_title,
    m.kind                                                                            AS mandate_kind,
    a.status,
    a.status_date,
    a.first_request_on,
    a.accepted_on,
    a.days_since_acceptance
FROM accepted_not_carried_out($as_at::DATE) a
JOIN mandates m USING (mandate_id)
LEFT JOIN states s ON s.iso3 = a.iso3
WHERE in_regions(s.regional_group, $regions::VARCHAR[])
ORDER BY a.accepted_on NULLS LAST, host, m.title, a.visit_id;
