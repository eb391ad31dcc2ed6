-- name: facts_visits
-- question: How many country visits were carried out in the year, and to how many hosts?
-- definition: Visit carried out in Y: a `completed` event dated (first day of the visit) in Y and
--   on or before d. Hosts are counted as distinct States and territories (a State by its iso3, a
--   territory by its name) and distinct institutions (by name). With a regional-group filter, a
--   host counts when its iso3 belongs to a selected group (institutions then drop out).
-- grain: one row
-- key: (one row)
-- parameters: $as_at DATE; $regions VARCHAR[] (empty = all)
WITH carried_out AS (
    SELECT v.visit_id, v.host_kind, v.iso3, v.host_name, e.date
    FROM visits v
    JOIN visit_events e USING (visit_id)
    LEFT JOIN states s ON s.iso3 = v.iso3
    WHERE e.event = 'completed'
      AND e.date BETWEEN year_start($as_at::DATE) AND $as_at::DATE
      AND in_regions(s.regional_group, $regions::VARCHAR[])
)
SELECT
    count(*)                                                          AS visits_in_year,
    count(DISTINCT CASE host_kind WHEN 'state' THEN 'state:' || iso3
                                  WHEN 'territory' THEN 'territory:' || host_name END)
                                                                      AS visit_hosts_states_territories,
    count(DISTINCT host_name) FILTER (host_kind = 'institution')       AS visit_hosts_institutions
FROM carried_out;
