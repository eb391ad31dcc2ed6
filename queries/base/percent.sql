-- name: percent
-- question: What share of a whole is a part, as a percentage?
-- definition: 100 x part / whole, rounded to two decimals (or the digits given); NULL when the
--   whole is 0 or NULL (nothing to share: never shown as 0 %).
-- grain: scalar macro
-- key: none (scalar macro)
-- needs: none
-- parameters: none (macro arguments: part, whole numbers; digits INTEGER, 2 by default)
CREATE MACRO percent(part, whole, digits := 2) AS
    CASE WHEN whole = 0 THEN NULL ELSE round(100.0 * part / whole, digits) END;
