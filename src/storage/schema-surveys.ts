/** The tables of surveys, responses, import batches, follow-up visits (policy chapters 4.3 and 6); part of the DB interface in schema.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface SurveyTables {}
