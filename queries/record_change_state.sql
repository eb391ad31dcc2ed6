-- name: record_change_state
-- question: Which State does a change to a visit thread or a communication concern?
-- definition: The State of the visit thread $visit_id (visits.iso3: the State host, or the State
--   of a territory) and the State of the communication $ref (communications.iso3); none for an
--   institution, a non-State actor with no State concerned, or an id not recorded.
-- grain: one row per State concerned (at most two: the thread's and the communication's)
-- key: iso3
-- parameters: $visit_id VARCHAR (a visit thread, or empty); $ref VARCHAR (a communication, or empty)
SELECT iso3 FROM visits WHERE visit_id = $visit_id::VARCHAR AND iso3 IS NOT NULL
UNION
SELECT iso3 FROM communications WHERE ref = $ref::VARCHAR AND iso3 IS NOT NULL;
