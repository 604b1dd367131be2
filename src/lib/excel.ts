/**
 * exceljs, loaded by the first spreadsheet read or written instead of at start: it is about a quarter second and
 * several MB of memory that most requests never need (the actions module imports the spreadsheet import).
 */
export const loadExcel = async () => (await import('exceljs')).default;
