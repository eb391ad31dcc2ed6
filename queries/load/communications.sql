-- name: communications
-- question: When did each communication receive its first reply and its first substantive reply, over all its replies?
-- definition: The snapshot's communications, in the file's order, with the dates of each letter's
--   first reply (first_reply_ever_on) and first substantive reply (first_substantive_reply_ever_on)
--   over all its replies, whatever their date (NULL when there is none).
-- note: built once when the snapshot is loaded, straight from the Parquet file (the view
--   communications_file, see sp_data/db.py), which it drops. The two dates include replies after
--   any as-at date: queries read them only through base/communications_as_at.sql (a test checks
--   it). Joining every letter with its replies on the text reference in each query cost a large
--   snapshot half of the Communications page's time.
-- grain: one row per communication
-- key: ref
-- needs: none
-- builds: communications
-- reads_file: communications
-- adds_columns: first_reply_ever_on, first_substantive_reply_ever_on
-- parameters: none
CREATE TABLE communications AS
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
