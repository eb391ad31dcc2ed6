-- name: communication_replies
-- question: Which replies had each communication received as at a date?
-- definition: For every communication that received a reply on or before d: its first reply of any
--   kind and its first substantive reply received on or before d. A communication is substantively
--   replied as at d when it received at least one substantive reply on or before d (a confidential
--   reply counts as received). This is the numerator of the reply rate.
-- note: the first reply and first substantive reply of each communication, over all its replies,
--   are found once when the snapshot is loaded (table reply_dates): as at d, a first reply dated
--   after d means no reply by d, and the first one dated on or before d is the first by d.
--   Counting the replies afresh in every query cost a large snapshot a third of each page's time.
-- grain: one row per communication with at least one reply received on or before d (join it with
--   LEFT JOIN: a communication without a row has no reply yet, so it is not substantively replied)
-- parameters: none (macro argument: d DATE, the as-at date)
CREATE OR REPLACE TABLE reply_dates AS
SELECT
    ref,
    min(received_on)                          AS first_reply_on,
    min(received_on) FILTER (substantive)     AS first_substantive_reply_on
FROM replies
GROUP BY ref;

CREATE OR REPLACE MACRO communication_replies(d) AS TABLE
SELECT
    ref,
    first_reply_on,
    CASE WHEN first_substantive_reply_on <= d THEN first_substantive_reply_on END AS first_substantive_reply_on,
    coalesce(first_substantive_reply_on <= d, false)                             AS substantively_replied
FROM reply_dates
WHERE first_reply_on <= d;
