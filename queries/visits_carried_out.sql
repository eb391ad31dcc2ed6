-- name: visits_carried_out
-- question: Which country visits were carried out in the year, to which hosts, by which mandates?
-- definition: Visit carried out in Y: a `completed` event dated (first day of the visit) in Y and
--   on or before d. Hosts are counted as distinct States/territories and distinct institutions: a
--   State by its iso3, a territory by its name, an institution by its name (host_key). A host's
--   regional group is that of its iso3 (a territory of a State takes the State's group); with a
--   regional-group filter, a visit counts when its host's iso3 belongs to a selected group
--   (institutions, and territories of no State, then drop out), as in facts_visits.
-- grain: one row per visit carried out in Y up to d, ordered by first day, host
-- key: visit_id
-- parameters: $as_at DATE (the as-at date d); $regions VARCHAR[] (regional group codes; empty = all)
SELECT
    t.visit_id,
    t.host_kind,
    t.iso3,
    CASE t.host_kind WHEN 'state' THEN coalesce(s.name, t.iso3) ELSE t.host_name END     AS host,
    CASE t.host_kind WHEN 'state' THEN 'state:' || t.iso3
                     ELSE t.host_kind || ':' || t.host_name END                         AS host_key,
    s.regional_group,
    t.mandate_id,
    m.title                                                                              AS mandate_title,
    m.kind                                                                               AS mandate_kind,
    t.visit_start,
    t.visit_end
FROM thread_status($as_at::DATE) t
JOIN mandates m USING (mandate_id)
LEFT JOIN states s ON s.iso3 = t.iso3
WHERE t.visit_start >= year_start($as_at::DATE)
  AND in_regions(s.regional_group, $regions::VARCHAR[])
ORDER BY t.visit_start, host, t.visit_id;
