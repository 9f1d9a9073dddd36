/** Caps on tables read from CSV and XLSX (see docs/limits.md). */

/** Most columns holding any value (Excel allows 16,384; attribute tables use a few dozen). */
export const MAX_TABLE_COLUMNS = 1000;
/** Most data rows of one sheet or CSV (Excel's own limit is 1,048,576). */
export const MAX_TABLE_ROWS = 1_048_576;
