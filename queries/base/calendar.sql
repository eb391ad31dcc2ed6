-- name: calendar
-- question: Shared calendar and filter building blocks used by every query.
-- definition: Reporting year Y is the calendar year of the as-at date d; "in Y" means dated from
--   1 January of Y up to and including d. The five-year window is the five calendar years ending
--   with d's year, up to d (for d = 2023-12-31: 2019-01-01 to 2023-12-31). On a tie of dates,
--   visit events rank in the import format's order: requested, reminder, invited, acknowledged,
--   accepted, dates_proposed, postponed, declined, cancelled, withdrawn, completed (later wins).
--   A regional-group filter that is empty keeps everything; otherwise it keeps rows whose group
--   is listed (a row with no group, such as an institution, is then left out).
--   event_order() is that order: sp_data.db checks, when it is imported, that it is the import
--   format's (sp_data.schema.VISIT_EVENTS).
-- grain: scalar macros
-- key: none (scalar macros)
-- needs: none
-- parameters: none (macro arguments: d DATE, e VARCHAR, grp VARCHAR, regions VARCHAR[])
CREATE MACRO year_start(d) AS make_date(year(d), 1, 1);
CREATE MACRO window_start(d) AS make_date(year(d) - 4, 1, 1);
CREATE MACRO event_order() AS
    ['requested', 'reminder', 'invited', 'acknowledged', 'accepted', 'dates_proposed',
     'postponed', 'declined', 'cancelled', 'withdrawn', 'completed'];
CREATE MACRO event_rank(e) AS list_position(event_order(), e);
CREATE MACRO in_regions(grp, regions) AS
    (len(regions) = 0 OR coalesce(list_contains(regions, grp), false));
CREATE MACRO mandate_active(m, d) AS
    (m.established_on <= d AND (m.ended_on IS NULL OR m.ended_on > d));
