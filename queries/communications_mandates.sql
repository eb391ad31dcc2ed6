-- name: communications_mandates
-- question: Which mandates can the communications be filtered by, as at a date?
-- definition: Mandates as at d (established_on <= d and ended_on empty or > d), together with any
--   other mandate that took part in a communication sent in Y (sent_on in Y and on or before d),
--   so that a mandate that ended during the year can still be chosen.
-- grain: one row per mandate, ordered by mandate_id
-- key: mandate_id
-- parameters: $as_at DATE (the as-at date d)
SELECT m.mandate_id, m.title, m.kind
FROM mandates m
WHERE mandate_active(m, $as_at::DATE)
   OR m.mandate_id IN (
        SELECT unnest(mandate_ids) FROM communications
        WHERE sent_on BETWEEN year_start($as_at::DATE) AND $as_at::DATE)
ORDER BY m.mandate_id;
