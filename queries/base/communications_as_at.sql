-- name: communications_as_at
-- question: Which replies had each communication received as at a date?
-- definition: Every communication, with its first reply of any kind and its first substantive reply
--   received on or before d (NULL when there is none). A communication is substantively replied as
--   at d when it received at least one substantive reply on or before d (a confidential reply
--   counts as received). This is the numerator of the reply rate.
-- note: when the snapshot is loaded, its communications file (the view communications_file, see
--   sp_data/db.py) is stored as the communications table, in the file's order, with two more
--   columns: the dates of each letter's first reply and first substantive reply over all its
--   replies (first_reply_ever_on, first_substantive_reply_ever_on). As at d, a first reply dated
--   after d means no reply by d, and one dated on or before d is the first by d. Queries read these
--   two columns only through this macro (a test checks it). Joining every letter with its replies
--   on the text reference in each query cost a large snapshot half of the Communications page's
--   time.
-- grain: one row per communication, whatever its sent date (filter on sent_on for those sent by d)
-- parameters: none (macro argument: d DATE, the as-at date)
CREATE OR REPLACE TABLE communications AS
SELECT c.* EXCLUDE (file_row_number), r.first_reply_ever_on, r.first_substantive_reply_ever_on
FROM communications_file c
LEFT JOIN (
    SELECT
        ref,
        min(received_on)                          AS first_reply_ever_on,
        min(received_on) FILTER (substantive)     AS first_substantive_reply_ever_on
    FROM replies
    GROUP BY ref
) r USING (ref)
ORDER BY c.file_row_number;
DROP VIEW communications_file;

CREATE OR REPLACE MACRO communications_as_at(d) AS TABLE
SELECT
    * EXCLUDE (first_reply_ever_on, first_substantive_reply_ever_on),
    CASE WHEN first_reply_ever_on <= d THEN first_reply_ever_on END                         AS first_reply_on,
    CASE WHEN first_substantive_reply_ever_on <= d THEN first_substantive_reply_ever_on END AS first_substantive_reply_on,
    coalesce(first_substantive_reply_ever_on <= d, false)                                   AS substantively_replied
FROM communications;
