/** The tables of projects, recognitions, audits and employee reports (policy chapters 5 and 8.1); part of the DB interface in schema.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface CollaborationTables {}
