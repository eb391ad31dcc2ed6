-- name: statuses
-- question: Which visit events are requests or acceptances, and which thread statuses are pending, accepted or open?
-- definition: A request is a `requested` or `reminder` event; an acceptance is an `invited`,
--   `accepted` or `dates_proposed` event. A thread's status (its latest event as at d) is
--   pending when it is `requested`, `reminder` or `acknowledged` (a pending request also needs its
--   latest request or reminder within the five-year window: base/thread_status.sql); accepted, not
--   yet carried out, when it is an acceptance or `postponed`; open when it is either (neither
--   carried out, declined, cancelled nor withdrawn). A thread's first request is its first request
--   or, for a thread that starts with an invitation, that invitation.
-- grain: scalar macros
-- key: none (scalar macros)
-- needs: none
-- parameters: none (macro argument: e VARCHAR, a visit event or a thread's status)
CREATE MACRO is_request(e) AS e IN ('requested', 'reminder');
CREATE MACRO is_first_request(e) AS (is_request(e) OR e = 'invited');
CREATE MACRO is_acceptance(e) AS e IN ('invited', 'accepted', 'dates_proposed');
CREATE MACRO is_pending_status(e) AS e IN ('requested', 'reminder', 'acknowledged');
CREATE MACRO is_accepted_status(e) AS (is_acceptance(e) OR e = 'postponed');
CREATE MACRO is_open_status(e) AS (is_pending_status(e) OR is_accepted_status(e));
