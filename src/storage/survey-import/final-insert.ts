import { sql, type Kysely } from 'kysely'
import type { ExitCodeValue } from '../../domain/errors.js'
import { responseValue } from '../../domain/assessment/kpi.js'
import { SCORE_FIELDS, type ScoreField } from '../../domain/surveys/survey-fields.js'
import { dialectOf } from '../dialect.js'
import type { DB } from '../schema.js'
import { SUM_COLUMNS } from '../surveys-repo.js'
import { addToSums } from './stager.js'
import { INTS, type BadLine, type PairSums, type StageResult, type StagingTables } from './types.js'
import { t as msg } from '../../domain/i18n/catalog.js'
import { sqlMessage } from './sql-message.js'

/**
 * The survey import's analysis and final insert, the same SQL on both backends (through kysely,
 * on the connection that sees the staging tables). The staged rows are the first row of each key
 * in the file; they are compared with the survey's rows in the database:
 *
 * - a staged row whose key the database has is not inserted: the same content (fingerprint) is
 *   already present, other content is a conflict naming the earlier import's file and line;
 * - a later row of a key in the file is compared with the database's row of that key when there
 *   is one, else with the first row of the key in the file ("also on line N").
 *
 * That is what inserting row by row in file order with ON CONFLICT DO NOTHING and looking up the
 * rows turned away found, before the rows were staged. The analysis runs before the write lock,
 * on one read snapshot; under the lock the final step checks the survey's batches are unchanged
 * (responses are never deleted, so only a new batch of the survey can change the answer) and
 * analyses again if not.
 */

export interface Analysis {
  /** the survey's batches when analysed (count and last id) */
  state: string
  /** staged rows whose key the database has (found so far; they are removed from the staged rows) */
  matched: number
  /** of those, with the same content */
  matchedPresent: number
  /** later rows of a key in the file with the same content as the row compared */
  duplicatesPresent: number
  /** rows to insert */
  imported: number
  alreadyPresent: number
  /** bad lines: the checker's, and the conflicts */
  rejected: number
  /** the first bad line in the file, and whether it is a clash (below) */
  first: (BadLine & { clash: boolean }) | undefined
  /** lines whose response id an earlier import has, with other content (another questionnaire numbered from 1 too?) */
  clashes: number
  /** score sums of the rows to insert */
  sums: PairSums
}

/** The survey's batches: a new import of the survey changes it. */
export async function surveyState(db: Kysely<DB>, surveyId: number): Promise<string> {
  const r = await db
    .selectFrom('survey_batches')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('last')])
    .where('survey_id', '=', surveyId)
    .executeTakeFirst()
  return `${Number(r?.n ?? 0)}:${Number(r?.last ?? 0)}`
}

/**
 * Compares the staged rows with the survey's rows in the database, notes the conflicts as bad
 * lines and removes the rows found from the staged rows. `before` is an earlier analysis of the
 * same staging (its counts go on); the comparison of the later rows of a key is made afresh.
 */
export async function analyse(db: Kysely<DB>, t: StagingTables, surveyId: number, staged: StageResult, before?: Analysis): Promise<Analysis> {
  const state = await surveyState(db, surveyId)
  const staging = { staged: sql.table(t.staged), dups: sql.table(t.dups), bad: sql.table(t.bad) }
  let matched = before?.matched ?? 0
  let matchedPresent = before?.matchedPresent ?? 0
  let found = 0
  if (!state.startsWith('0:')) {
    const m = await sql<{ n: number; same: number }>`select count(*) as n, coalesce(sum(case when r.fingerprint = s.fingerprint then 1 else 0 end), 0) as same
      from ${staging.staged} s join survey_responses r on r.survey_id = ${surveyId} and r.key = s.key`.execute(db)
    found = Number(m.rows[0]!.n)
    if (found > 0) {
      matched += found
      matchedPresent += Number(m.rows[0]!.same)
      await sql`insert into ${staging.bad} (seq, line, reason, exit_code, found)
        select s.seq, s.line, ${alsoInEarlierImport(sql.ref('s.key'))}, 5, 'database'
        from ${staging.staged} s join survey_responses r on r.survey_id = ${surveyId} and r.key = s.key join survey_batches b on b.id = r.batch_id
        where r.fingerprint <> s.fingerprint`.execute(db)
      await sql`delete from ${staging.staged} as s where exists (select 1 from survey_responses r where r.survey_id = ${surveyId} and r.key = s.key)`.execute(db)
    }
  }
  let duplicatesPresent = 0
  if (staged.duplicates > 0) {
    await sql`delete from ${staging.bad} where found = 'duplicate'`.execute(db)
    await sql`insert into ${staging.bad} (seq, line, reason, exit_code, found)
      select d.seq, d.line, ${alsoInEarlierImport(sql.ref('d.key'))}, 5, 'duplicate'
      from ${staging.dups} d join survey_responses r on r.survey_id = ${surveyId} and r.key = d.key join survey_batches b on b.id = r.batch_id
      where r.fingerprint <> d.fingerprint`.execute(db)
    await sql`insert into ${staging.bad} (seq, line, reason, exit_code, found)
      select d.seq, d.line, ${sqlMessage(msg('surveyImport.conflict.sameFile', { id: '{id}', line: '{line}' }), { id: sql`substr(d.key, 4)`, line: sql.ref('s.line') })}, 5, 'duplicate'
      from ${staging.dups} d join ${staging.staged} s on s.key = d.key
      where s.fingerprint <> d.fingerprint and not exists (select 1 from survey_responses r where r.survey_id = ${surveyId} and r.key = d.key)`.execute(db)
    const conflicts = await sql<{ n: number }>`select count(*) as n from ${staging.bad} where found = 'duplicate'`.execute(db)
    duplicatesPresent = staged.duplicates - Number(conflicts.rows[0]!.n)
  }
  const bad = await sql<{ n: number }>`select count(*) as n from ${staging.bad}`.execute(db)
  const first = await sql<{ line: number; reason: string; exit_code: number; found: string }>`select line, reason, exit_code, found from ${staging.bad} order by seq limit 1`.execute(db)
  const f = first.rows[0]
  const clashes = found > 0 || before?.clashes ? await sql<{ n: number }>`select count(*) as n from ${staging.bad} where found = 'database'`.execute(db) : undefined
  return {
    state,
    matched,
    matchedPresent,
    duplicatesPresent,
    imported: staged.staged - matched,
    alreadyPresent: matchedPresent + duplicatesPresent,
    rejected: Number(bad.rows[0]!.n),
    first: f ? { line: Number(f.line), reason: f.reason, exitCode: Number(f.exit_code) as ExitCodeValue, clash: f.found === 'database' } : undefined,
    clashes: Number(clashes?.rows[0]?.n ?? 0),
    sums: matched === 0 ? staged.sums : found === 0 && before ? before.sums : await sumsOfStaged(db, t),
  }
}

/** "response id 17 is also in a.csv line 3 (imported before, batch 2) with other content", r and b being the row and batch found. */
function alsoInEarlierImport(key: ReturnType<typeof sql.ref>) {
  return sqlMessage(msg('surveyImport.conflict.earlier', { id: '{id}', file: '{file}', line: '{line}', batch: '{batch}' }), {
    id: sql`substr(${key}, 4)`,
    file: sql.ref('b.file_name'),
    line: sql.ref('r.line'),
    batch: sql.ref('r.batch_id'),
  })
}

const SUMS_PAGE = 5000

/** The score sums of the staged rows, added up in file order as staging does (after rows were removed from them). */
async function sumsOfStaged(db: Kysely<DB>, t: StagingTables): Promise<PairSums> {
  const sums: PairSums = new Map()
  const ints = new Int32Array(INTS)
  const scores = sql.join(SCORE_FIELDS.map((f) => sql.ref(f)))
  for (let after = 0; ; ) {
    const page = await sql<StagedScores>`select seq, respondent_id, rated_id, ${scores}
      from ${sql.table(t.staged)} where seq > ${after} order by seq limit ${SUMS_PAGE}`.execute(db)
    for (const r of page.rows) {
      const row = {} as Record<ScoreField, number | null>
      ints[0] = Number(r.respondent_id ?? 0)
      ints[1] = Number(r.rated_id)
      SCORE_FIELDS.forEach((f, j) => {
        const v = r[f] === null ? null : Number(r[f])
        row[f] = v
        ints[2 + j] = v ?? 0
      })
      addToSums(sums, ints, 0, responseValue(row) ?? Number.NaN)
    }
    if (page.rows.length < SUMS_PAGE) return sums
    after = Number(page.rows[page.rows.length - 1]!.seq)
  }
}

/** A staged row's units and scores (SCORE_FIELDS, in the order of a pack's integers). */
type StagedScores = { seq: number; respondent_id: number | null; rated_id: number } & Record<ScoreField, number | null>

/**
 * Inserts the staged rows into the survey in file order (one statement); returns how many. A key
 * the survey has already is skipped (the analysis counted it); the caller checks the count. On
 * SQLite OR IGNORE rather than ON CONFLICT DO NOTHING: the statement then can never abort half
 * way, so SQLite keeps no statement journal (a tenth of the time).
 */
export async function insertStaged(db: Kysely<DB>, t: StagingTables, surveyId: number, batchId: number): Promise<number> {
  const sqlite = dialectOf(db) === 'sqlite'
  const r = await sql`insert ${sql.raw(sqlite ? 'or ignore ' : '')}into survey_responses (survey_id, key, response_id, respondent_id, rated_id, accuracy, timeliness, completeness, professionalism, overall, loyalty, comment, submitted_at, batch_id, line, fingerprint)
    select ${sql.lit(surveyId)}, key, response_id, respondent_id, rated_id, accuracy, timeliness, completeness, professionalism, overall, loyalty, comment, submitted_at, ${sql.lit(batchId)}, line, fingerprint
    from ${sql.table(t.staged)} where true order by seq
    ${sql.raw(sqlite ? '' : 'on conflict (survey_id, key) do nothing')}`.execute(db)
  return Number(r.numAffectedRows ?? 0)
}

/** Writes the staged score sums as the batch's (a few thousand rows, one statement). */
export async function insertSums(db: Kysely<DB>, t: StagingTables, surveyId: number, batchId: number): Promise<void> {
  const columns = sql.join(SUM_COLUMNS.map((c) => sql.ref(c)))
  await sql`insert into survey_score_sums (batch_id, survey_id, rated_id, respondent_id, ${columns})
    select ${sql.lit(batchId)}, ${sql.lit(surveyId)}, rated_id, respondent_id, ${columns} from ${sql.table(t.sums)}`.execute(db)
}

const BAD_PAGE = 1000

/** The bad lines in file order (seq), a page after a seq at a time (for the rejects file; a wide row may have several on one line). */
export function badLinePages(db: Kysely<DB>, t: StagingTables): (afterSeq: number) => Promise<{ seq: number; line: number; reason: string }[]> {
  return async (after) => {
    const page = await sql<{ seq: number; line: number; reason: string }>`select seq, line, reason from ${sql.table(t.bad)} where seq > ${after} order by seq limit ${BAD_PAGE}`.execute(db)
    return page.rows.map((r) => ({ seq: Number(r.seq), line: Number(r.line), reason: r.reason }))
  }
}
