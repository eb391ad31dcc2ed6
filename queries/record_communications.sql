-- name: record_communications
-- question: Which communications about one State can an editor record a reply to, or remove?
-- definition: Every communication whose State (communications.iso3: the State addressed, or for a
--   non-State actor the State concerned) is $iso3, with its reference, date sent, type, recipient
--   kind and name, and the replies recorded to it (how many, and the latest date received).
-- grain: one row per communication, newest first
-- key: ref
-- parameters: $iso3 VARCHAR (the State's ISO 3166-1 alpha-3 code)
SELECT
    c.ref, c.sent_on, c.type, c.recipient_kind, c.recipient,
    count(r.ref)        AS replies,
    max(r.received_on)  AS last_reply_on,
    list(r.received_on ORDER BY r.received_on) FILTER (WHERE r.ref IS NOT NULL) AS reply_dates
FROM communications c
LEFT JOIN replies r USING (ref)
WHERE c.iso3 = $iso3::VARCHAR
GROUP BY ALL
ORDER BY c.sent_on DESC, c.ref;
