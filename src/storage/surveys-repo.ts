import { sql, type ExpressionBuilder, type Kysely } from 'kysely'
import type { PeriodBounds } from '../domain/calendar/period.js'
import type { SurveyKind, UnitScoreTotals } from '../domain/surveys/survey.js'
import type { StoredResponse } from '../domain/surveys/survey-export.js'
import { SCORE_FIELDS } from '../domain/surveys/survey-fields.js'
import type { DB } from './schema.js'
import type { SurveyBatchRow, SurveyRow } from './schema-surveys.js'

/** Surveys, their import batches and responses (policy chapter 4.3). The bulk insert path is survey-import/. */

export interface NewSurvey {
  code: string
  title: string
  kind: SurveyKind
  /** the period the survey covers (a Period or its PeriodBounds) */
  period: Pick<PeriodBounds, 'code' | 'startDate' | 'endDate'>
  createdAt: Date
}

export async function insertSurvey(db: Kysely<DB>, s: NewSurvey): Promise<SurveyRow> {
  return db
    .insertInto('surveys')
    .values({
      code: s.code,
      title: s.title,
      kind: s.kind,
      period: s.period.code,
      period_start: s.period.startDate,
      period_end: s.period.endDate,
      created_at: s.createdAt.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function findSurveyByCode(db: Kysely<DB>, code: string): Promise<SurveyRow | undefined> {
  return db
    .selectFrom('surveys')
    .selectAll()
    .where((eb) => eb(eb.fn('upper', ['code']), '=', code.trim().toUpperCase()))
    .executeTakeFirst()
}

export interface SurveyListRow extends SurveyRow {
  responses: number
  batches: number
}

/** Every survey with its counts of responses and import batches, newest period first. */
export async function listSurveys(db: Kysely<DB>): Promise<SurveyListRow[]> {
  const rows = await db
    .selectFrom('surveys')
    .selectAll('surveys')
    .select((eb) => [
      eb.selectFrom('survey_responses').select(eb.fn.countAll<number>().as('n')).whereRef('survey_responses.survey_id', '=', 'surveys.id').as('responses'),
      eb.selectFrom('survey_batches').select(eb.fn.countAll<number>().as('n')).whereRef('survey_batches.survey_id', '=', 'surveys.id').as('batches'),
    ])
    .orderBy('period_start', 'desc')
    .orderBy('code')
    .execute()
  return rows.map((r) => ({ ...r, responses: Number(r.responses ?? 0), batches: Number(r.batches ?? 0) }))
}

export async function countResponses(db: Kysely<DB>, surveyId: number): Promise<number> {
  const row = await db.selectFrom('survey_responses').select((eb) => eb.fn.countAll<number>().as('n')).where('survey_id', '=', surveyId).executeTakeFirst()
  return Number(row?.n ?? 0)
}

export async function listBatches(db: Kysely<DB>, surveyId: number): Promise<SurveyBatchRow[]> {
  return db.selectFrom('survey_batches').selectAll().where('survey_id', '=', surveyId).orderBy('id').execute()
}

/** The first import of a file with this sha256, into any survey (a file is one survey's export), or into the survey `surveyId`. */
export async function findBatchBySha256(db: Kysely<DB>, sha256: string, surveyId?: number): Promise<(SurveyBatchRow & { survey_code: string }) | undefined> {
  let q = db
    .selectFrom('survey_batches')
    .innerJoin('surveys', 'surveys.id', 'survey_batches.survey_id')
    .selectAll('survey_batches')
    .select('surveys.code as survey_code')
    .where('survey_batches.sha256', '=', sha256)
  if (surveyId !== undefined) q = q.where('survey_batches.survey_id', '=', surveyId)
  return q.orderBy('survey_batches.id').executeTakeFirst()
}

/** Whether any import batch had a file of exactly this many bytes (a file imported before has its size). */
export async function hasBatchOfSize(db: Kysely<DB>, bytes: number): Promise<boolean> {
  return (await db.selectFrom('survey_batches').select('id').where('bytes', '=', bytes).limit(1).executeTakeFirst()) !== undefined
}

export interface NewBatch {
  surveyId: number
  fileName: string
  sha256: string
  bytes: number
  encoding: string
  forced: boolean
  /** put before the file's response ids (--id-prefix) */
  idPrefix?: string
  actor: string
  at: Date
}

/** Opens the batch row of an import (counts 0); the import fills them in with finishBatch in the same transaction. */
export async function insertBatch(db: Kysely<DB>, b: NewBatch): Promise<SurveyBatchRow> {
  return db
    .insertInto('survey_batches')
    .values({
      survey_id: b.surveyId,
      file_name: b.fileName,
      sha256: b.sha256,
      bytes: b.bytes,
      encoding: b.encoding,
      rows: 0,
      imported: 0,
      already_present: 0,
      rejected: 0,
      forced: b.forced ? 1 : 0,
      id_prefix: b.idPrefix ?? null,
      actor: b.actor,
      at: b.at.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function finishBatch(
  db: Kysely<DB>,
  id: number,
  counts: { rows: number; imported: number; alreadyPresent: number; rejected: number },
): Promise<SurveyBatchRow> {
  return db
    .updateTable('survey_batches')
    .set({ rows: counts.rows, imported: counts.imported, already_present: counts.alreadyPresent, rejected: counts.rejected })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/**
 * The ids of a survey's first and last responses (undefined when it has none), from the unique
 * index on (survey_id, key): the span a walk of the table by id for that survey covers.
 */
async function responseIdSpan(db: Kysely<DB>, surveyId: number): Promise<{ first: number; last: number } | undefined> {
  const r = await db
    .selectFrom('survey_responses')
    .select((eb) => [eb.fn.min('id').as('first'), eb.fn.max('id').as('last')])
    .where('survey_id', '=', surveyId)
    .executeTakeFirst()
  return r?.first === null || r?.first === undefined ? undefined : { first: Number(r.first), last: Number(r.last) }
}

/**
 * `survey_id` as an expression no index answers: the queries in id order below walk the table by
 * id over the survey's span (its rows are the contiguous id ranges of its batches; other
 * surveys' batches in between are passed over), where the one index on survey_id left, the
 * unique one on (survey_id, key), would have them sort every row of the survey first.
 */
const surveyIdByScan = sql<number>`+survey_id`

/** The responses of a survey in import order, a page at a time (for the export: memory stays flat). */
export async function* iterateResponses(db: Kysely<DB>, surveyId: number, pageSize = 5000): AsyncGenerator<StoredResponse[]> {
  const span = await responseIdSpan(db, surveyId)
  if (!span) return
  let after = span.first - 1
  for (;;) {
    const page = await db
      .selectFrom('survey_responses')
      // what the export shows: not the key nor the fingerprint (a third of a row's text)
      .select(['id', 'response_id', 'respondent_id', 'rated_id', ...SCORE_FIELDS, 'comment', 'submitted_at', 'batch_id', 'line'])
      .where(surveyIdByScan, '=', surveyId)
      .where('id', '>', after)
      .where('id', '<=', span.last)
      .orderBy('id')
      .limit(pageSize)
      .execute()
    if (page.length === 0) return
    yield page.map((r) => ({
      responseId: r.response_id,
      respondentUnitId: r.respondent_id,
      ratedUnitId: r.rated_id,
      accuracy: r.accuracy,
      timeliness: r.timeliness,
      completeness: r.completeness,
      professionalism: r.professionalism,
      overall: r.overall,
      loyalty: r.loyalty,
      comment: r.comment,
      submittedAt: r.submitted_at,
      batchId: r.batch_id,
      line: r.line,
    }))
    after = page[page.length - 1]!.id
    if (page.length < pageSize) return
  }
}

/** The surveys whose period lies within [from, to] ('YYYY-MM-DD', inclusive), by code (no counts: cheap). */
export async function listSurveysWithin(db: Kysely<DB>, from: string, to: string): Promise<SurveyRow[]> {
  return db.selectFrom('surveys').selectAll().where('period_start', '>=', from).where('period_end', '<=', to).orderBy('code').execute()
}

/** The comments of a survey's responses (not empty), in import order, with the unit each rates. */
export async function listSurveyComments(db: Kysely<DB>, surveyId: number): Promise<{ ratedId: number; comment: string }[]> {
  const span = await responseIdSpan(db, surveyId)
  if (!span) return []
  const rows = await db
    .selectFrom('survey_responses')
    .select(['rated_id', 'comment'])
    .where(surveyIdByScan, '=', surveyId)
    .where('id', '>=', span.first)
    .where('id', '<=', span.last)
    .where('comment', 'is not', null)
    .where('comment', '<>', '')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ ratedId: Number(r.rated_id), comment: r.comment! }))
}

// ── Aggregates ───────────────────────────────────────────────────────────────────────────────
//
// Every satisfaction figure adds up survey_score_sums: the sums each import batch wrote per
// (rated unit, respondent unit) in the transaction that inserted its responses. Summing a few
// thousand rows answers in milliseconds where aggregating a million responses takes 200–400 ms
// in SQLite even over a covering index (one aggregate step per response and column).

/** Sums and counts of every score of a group of responses (the domain's shape): means are sum / n, computed by the caller. */
export type ScoreSums = UnitScoreTotals

export interface UnitScoreSums extends ScoreSums {
  unitId: number
}

/**
 * survey_score_sums' sum columns: the responses, the sum and count of each score (SCORE_FIELDS
 * order), the sum and count of the response values. The survey import's PairSums hold them in
 * this order too.
 */
export const SUM_COLUMNS = ['responses', ...SCORE_FIELDS.flatMap((f) => [`${f}_sum`, `${f}_n`] as const), 'value_sum', 'value_n'] as const

/** A row of sums (SUM_COLUMNS) in the domain's shape. */
function totalsOf(r: Record<string, unknown>): UnitScoreTotals {
  const t = { responses: num(r.responses), valueSum: num(r.value_sum), valueN: num(r.value_n) } as UnitScoreTotals
  for (const f of SCORE_FIELDS) {
    t[`${f}Sum`] = num(r[`${f}_sum`])
    t[`${f}N`] = num(r[`${f}_n`])
  }
  return t
}

/**
 * Score sums of one survey per rated unit, or per respondent unit (responses without a
 * respondent are left out of that view).
 */
export async function surveyScoreSums(db: Kysely<DB>, surveyId: number, by: 'rated' | 'respondent'): Promise<UnitScoreSums[]> {
  const unit = by === 'rated' ? 'rated_id' : 'respondent_id'
  let q = db
    .selectFrom('survey_score_sums')
    .select([sql<number>`${sql.ref(unit)}`.as('unit_id'), ...SUM_COLUMNS.map((c) => sql<number>`sum(${sql.ref(c)})`.as(c))])
    .where('survey_id', '=', surveyId)
    .groupBy(unit)
  if (by === 'respondent') q = q.where('respondent_id', 'is not', null)
  const rows = (await q.orderBy(unit).execute()) as unknown as Record<string, number | null>[]
  return rows.map((r) => ({ unitId: Number(r.unit_id), ...totalsOf(r) }))
}

export interface SatisfactionFilter {
  /** first day of the assessment period, 'YYYY-MM-DD' */
  from: string
  /** last day of the assessment period (inclusive), 'YYYY-MM-DD' */
  to: string
  kind: 'service' | 'relationship' | 'any'
  groupBy: 'rated' | 'pair'
  /** also the surveys whose period contains [from, to] (a half-year survey serves both its quarters) */
  containing?: boolean
}

export interface SatisfactionAggregate {
  ratedId: number
  /** the respondent unit (groupBy 'pair'); null for groupBy 'rated' */
  respondentId: number | null
  /** responses with a value */
  count: number
  /** Σ of each response's value: overall, else the mean of the dimensions present (kpi.responseValue) */
  valueSum: number
  loyaltyCount: number
  loyaltySum: number
}

/**
 * The satisfaction inputs of the assessment (S, DESIGN.md §3) and of the relationship
 * assessment, the one implementation both use: per rated unit, or per respondent→rated pair,
 * over the surveys whose period lies within [from, to] (and of the kind asked for). Turn them
 * into scores with kpi.satisfactionKpi(count, valueSum, min) and kpi.scaleToPercent(loyaltySum /
 * loyaltyCount). Responses without a respondent are left out of the pairs. Sorted by rated unit
 * id, then respondent id.
 */
export async function satisfactionAggregates(db: Kysely<DB>, f: SatisfactionFilter): Promise<SatisfactionAggregate[]> {
  let surveys = db.selectFrom('surveys').select('id').where(surveysServing(f))
  if (f.kind !== 'any') surveys = surveys.where('kind', '=', f.kind)
  const pair = f.groupBy === 'pair'
  let q = db
    .selectFrom('survey_score_sums')
    .select([
      'rated_id',
      sql<number | null>`${pair ? sql.ref('respondent_id') : sql`null`}`.as('respondent_id'),
      sql<number>`sum(value_n)`.as('n'),
      sql<number>`sum(value_sum)`.as('value_sum'),
      sql<number>`sum(loyalty_n)`.as('loyalty_n'),
      sql<number>`sum(loyalty_sum)`.as('loyalty_sum'),
    ])
    .where('survey_id', 'in', surveys)
  q = pair ? q.where('respondent_id', 'is not', null).groupBy(['rated_id', 'respondent_id']).orderBy('rated_id').orderBy('respondent_id') : q.groupBy('rated_id').orderBy('rated_id')
  const rows = await q.execute()
  return rows
    .map((r) => ({
      ratedId: Number(r.rated_id),
      respondentId: r.respondent_id === null ? null : Number(r.respondent_id),
      count: num(r.n),
      valueSum: num(r.value_sum),
      loyaltyCount: num(r.loyalty_n),
      loyaltySum: num(r.loyalty_sum),
    }))
    .filter((r) => r.count > 0 || r.loyaltyCount > 0)
}

/** The surveys whose period lies within [from, to], and with `containing` also those whose period contains it. */
export function surveysServing(f: Pick<SatisfactionFilter, 'from' | 'to' | 'containing'>) {
  return (eb: ExpressionBuilder<DB, 'surveys'>) => {
    const within = eb.and([eb('period_start', '>=', f.from), eb('period_end', '<=', f.to)])
    return f.containing ? eb.or([within, eb.and([eb('period_start', '<=', f.from), eb('period_end', '>=', f.to)])]) : within
  }
}

/** The code and period of the surveys serving [from, to] (see surveysServing), by period start, then code. */
export async function listSurveysServing(db: Kysely<DB>, f: Pick<SatisfactionFilter, 'from' | 'to' | 'containing'>): Promise<{ code: string; period: string }[]> {
  return db.selectFrom('surveys').select(['code', 'period']).where(surveysServing(f)).orderBy('period_start').orderBy('code').execute()
}

function num(v: unknown): number {
  return v === null || v === undefined ? 0 : Number(v)
}
