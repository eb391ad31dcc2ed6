-- name: communications_as_at
-- question: Which replies had each communication received as at a date?
-- definition: Every communication, with its first reply of any kind and its first substantive reply
--   received on or before d (NULL when there is none). A communication is substantively replied as
--   at d when it received at least one substantive reply on or before d (a confidential reply
--   counts as received). This is the numerator of the reply rate.
-- note: load/communications.sql gives each letter its first reply and first substantive reply
--   over all its replies (first_reply_ever_on, first_substantive_reply_ever_on). As at d, a first
--   reply dated after d means no reply by d, and one dated on or before d is the first by d.
--   Queries read these two columns only through this macro (a test checks it).
-- grain: one row per communication, whatever its sent date (filter on sent_on for those sent by d)
-- key: ref
-- needs: communications
-- parameters: none (macro argument: d DATE, the as-at date)
CREATE MACRO communications_as_at(d) AS TABLE
SELECT
    * EXCLUDE (first_reply_ever_on, first_substantive_reply_ever_on),
    CASE WHEN first_reply_ever_on <= d THEN first_reply_ever_on END                         AS first_reply_on,
    CASE WHEN first_substantive_reply_ever_on <= d THEN first_substantive_reply_ever_on END AS first_substantive_reply_on,
    coalesce(first_substantive_reply_ever_on <= d, false)                                   AS substantively_replied
FROM communications;
