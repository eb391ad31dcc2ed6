-- name: communication_replies
-- question: Which replies had each communication received as at a date?
-- definition: For every communication, the replies received on or before d: how many, how many
--   substantive, the first reply of any kind and the first substantive reply. A communication is
--   substantively replied as at d when it received at least one substantive reply on or before d
--   (a confidential reply counts as received). This is the numerator of the reply rate.
-- grain: one row per communication
-- parameters: none (macro argument: d DATE, the as-at date)
CREATE OR REPLACE MACRO communication_replies(d) AS TABLE
SELECT
    c.ref,
    count(r.ref)                                                    AS replies,
    count(r.ref) FILTER (r.substantive)                             AS substantive_replies,
    min(r.received_on)                                              AS first_reply_on,
    min(r.received_on) FILTER (r.substantive)                       AS first_substantive_reply_on,
    count(r.ref) FILTER (r.substantive) > 0                         AS substantively_replied
FROM communications c
LEFT JOIN replies r ON r.ref = c.ref AND r.received_on <= d
GROUP BY c.ref;
