/** The tables of complaints, their teams, evidence and feedback (policy chapter 7); part of the DB interface in schema.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ComplaintTables {}
