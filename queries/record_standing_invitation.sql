-- name: record_standing_invitation
-- question: Has one State extended a standing invitation, and is it withdrawn?
-- definition: The State's row of standing_invitations as recorded (the table holds at most one per
--   State): the date it was extended and, if withdrawn, the date it was withdrawn; whatever the
--   as-at date, since an editor records onto the records as they stand.
-- grain: at most one row, for the State $iso3
-- key: iso3
-- parameters: $iso3 VARCHAR (the State's ISO 3166-1 alpha-3 code)
SELECT iso3, extended_on, withdrawn_on
FROM standing_invitations
WHERE iso3 = $iso3::VARCHAR;
