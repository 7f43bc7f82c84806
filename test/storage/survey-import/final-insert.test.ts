import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SqliteStore, Store } from '../../../src/storage/database.js'
import { analyse, badLinePages, insertStaged, insertSums, surveyState } from '../../../src/storage/survey-import/final-insert.js'
import { openPostgresImport } from '../../../src/storage/survey-import/postgres.js'
import { openSqliteImport } from '../../../src/storage/survey-import/sqlite.js'
import { addToSums } from '../../../src/storage/survey-import/stager.js'
import { INTS, PAIR, STRS, newPack, type BadLine, type ImportBackend, type Pack, type PairSums } from '../../../src/storage/survey-import/types.js'
import { finishBatch, insertBatch, insertSurvey } from '../../../src/storage/surveys-repo.js'
import { BACKEND, tempDir } from '../../helpers/harness.js'
import { addUnits, bounds, repoStore } from '../../helpers/repo-fixture.js'

/**
 * The staging backends (the SQLite staging file, on the main thread or by the stage worker; the
 * PostgreSQL temporary tables) and the analysis and final insert over them, on small hand-made
 * packs: what a survey file's rows become once read and checked.
 */

interface Row {
  line: number
  key: string
  respondent?: number
  rated: number
  /** accuracy, timeliness, completeness, professionalism, overall, loyalty; 0 for none */
  scores: [number, number, number, number, number, number]
  fingerprint: string
}

/** A pack as the reader sends it; each row's value is its overall score (all rows here have one). */
function pack(seq: number, rows: Row[], bad: BadLine[] = []): Pack {
  const p = newPack(seq)
  rows.forEach((r, k) => {
    // one response per line here, so its seq (the ordinal staging is keyed by) is its line
    p.ints.set([r.respondent ?? 0, r.rated, ...r.scores, r.line, r.line], k * INTS)
    p.strs.splice(k * STRS, STRS, r.key, null, null, r.fingerprint)
    p.values[k] = r.scores[4]
  })
  p.count = rows.length
  p.bad = bad.map((b) => ({ seq: b.line, ...b }))
  return p
}

const AT = new Date('2026-07-01T02:00:00Z')

/** The backends this test run has: SQLite in-thread and by the worker, or PostgreSQL. */
const BACKENDS = BACKEND === 'postgres' ? (['postgres'] as const) : (['sqlite', 'sqlite worker'] as const)

async function openBackend(store: Store, kind: (typeof BACKENDS)[number]): Promise<ImportBackend> {
  if (kind === 'postgres') return openPostgresImport(store.pgPool!, store.location, () => {})
  if (kind === 'sqlite') return openSqliteImport(store as SqliteStore, undefined)
  // the worker reads and decodes the survey file ahead of the main thread: any small file will do
  const file = path.join(tempDir(), 'survey.csv')
  fs.writeFileSync(file, 'rated_unit,overall\nIT,4\n')
  return openSqliteImport(store as SqliteStore, { source: { file, size: fs.statSync(file).size, label: 'utf-8', chunkBytes: 1 << 16 } })
}

/** Stages the packs, analyses them against the survey and, unless `dryRun`, inserts them as a batch. */
async function importPacks(store: Store, kind: (typeof BACKENDS)[number], surveyId: number, packs: Pack[], dryRun = false) {
  const backend = await openBackend(store, kind)
  try {
    for (const p of packs) await backend.stager.send(p)
    const staged = await backend.stager.finish()
    await backend.ready()
    const analysis = await backend.snapshot((db) => analyse(db, backend.tables, surveyId, staged))
    const bad = await badLinePages(backend.db, backend.tables)(0)
    if (dryRun) return { staged, analysis, bad }
    await backend.stageSums(analysis.sums)
    const inserted = await backend.locked(async (trx) => {
      const batch = await insertBatch(trx, { surveyId, fileName: `batch.csv`, sha256: `${Math.random()}`, bytes: 1, encoding: 'UTF-8', forced: false, actor: 't', at: AT })
      const n = await insertStaged(trx, backend.tables, surveyId, batch.id)
      await insertSums(trx, backend.tables, surveyId, batch.id)
      await finishBatch(trx, batch.id, { rows: 0, imported: n, alreadyPresent: analysis.alreadyPresent, rejected: analysis.rejected })
      return n
    })
    await backend.afterCommit()
    return { staged, analysis, bad, inserted }
  } finally {
    await backend.close()
  }
}

describe.each(BACKENDS)('the survey import staging and final insert (%s)', (kind) => {
  it('stages the first row of each key, notes later ones, and inserts the rows and their score sums', async () => {
    const store = await repoStore()
    const u = await addUnits(store.db, ['IT', 'HR', 'FIN'])
    const s = await store.write((trx) => insertSurvey(trx, { code: 'S', title: 's', kind: 'service', period: bounds('2026-H1'), createdAt: AT }))
    expect(await surveyState(store.db, s.id)).toBe('0:0')
    const first = await importPacks(store, kind, s.id, [
      pack(0, [
        { line: 2, key: 'id:1', respondent: u.HR, rated: u.IT!, scores: [4, 0, 0, 0, 4, 5], fingerprint: 'f1' },
        { line: 3, key: 'id:2', rated: u.IT!, scores: [0, 0, 0, 0, 2, 0], fingerprint: 'f2' },
      ]),
      pack(1, [{ line: 4, key: 'id:1', respondent: u.HR, rated: u.IT!, scores: [4, 0, 0, 0, 4, 5], fingerprint: 'f1' }]),
    ])
    expect(first.staged).toMatchObject({ staged: 2, duplicates: 1 })
    expect(first.analysis).toMatchObject({ state: '0:0', imported: 2, alreadyPresent: 1, rejected: 0, first: undefined })
    expect(first.inserted).toBe(2)
    expect(await surveyState(store.db, s.id)).toMatch(/^1:\d+$/)
    const rows = await store.db.selectFrom('survey_responses').select(['key', 'line']).orderBy('line').execute()
    expect(rows.map((r) => [r.key, Number(r.line)])).toEqual([
      ['id:1', 2],
      ['id:2', 3],
    ])
    const sums = await store.db.selectFrom('survey_score_sums').select(['respondent_id', 'responses', 'overall_sum', 'loyalty_n', 'value_sum']).execute()
    const byRespondent = new Map(sums.map((x) => [x.respondent_id === null ? 'none' : Number(x.respondent_id), { ...x, responses: Number(x.responses), overall_sum: Number(x.overall_sum), loyalty_n: Number(x.loyalty_n), value_sum: Number(x.value_sum) }]))
    expect(byRespondent.get(u.HR!)).toMatchObject({ responses: 1, overall_sum: 4, loyalty_n: 1, value_sum: 4 })
    expect(byRespondent.get('none')).toMatchObject({ responses: 1, overall_sum: 2, loyalty_n: 0, value_sum: 2 })
  })

  it("compares a later file with the survey's rows: present, conflicting, duplicated in the file, and the file's own bad lines", async () => {
    const store = await repoStore()
    const u = await addUnits(store.db, ['IT', 'HR'])
    const s = await store.write((trx) => insertSurvey(trx, { code: 'S', title: 's', kind: 'service', period: bounds('2026-H1'), createdAt: AT }))
    const row = (line: number, key: string, fingerprint: string, overall = 4): Row => ({ line, key, rated: u.IT!, respondent: u.HR, scores: [0, 0, 0, 0, overall, 0], fingerprint })
    await importPacks(store, kind, s.id, [pack(0, [row(2, 'id:1', 'f1'), row(3, 'id:2', 'f2')])])
    const second = await importPacks(
      store,
      kind,
      s.id,
      [
        pack(0, [row(2, 'id:1', 'f1'), row(3, 'id:2', 'fX'), row(4, 'id:3', 'f3', 5)]),
        pack(1, [row(5, 'id:3', 'f3', 5), row(6, 'id:3', 'fY')], [{ line: 7, reason: 'accuracy: score 6 is out of range 1–5', exitCode: 3 }]),
      ],
      true,
    )
    expect(second.staged).toMatchObject({ staged: 3, duplicates: 2 })
    // id:1 is present; id:2 conflicts with the survey's row; id:3 is new; line 5 repeats it, line 6 conflicts with it
    expect(second.analysis).toMatchObject({ matched: 2, matchedPresent: 1, duplicatesPresent: 1, imported: 1, alreadyPresent: 2, rejected: 3 })
    // the first bad line reuses the earlier import's id 2 (a clash: another questionnaire numbered from 1 too?); line 6 is the file's own
    expect(second.analysis.first).toEqual({ line: 3, reason: 'response id 2 is also in batch.csv line 3 (imported before, batch 1) with other content', exitCode: 5, clash: true })
    expect(second.analysis.clashes).toBe(1)
    expect(second.bad).toEqual([
      { seq: 3, line: 3, reason: 'response id 2 is also in batch.csv line 3 (imported before, batch 1) with other content' },
      { seq: 6, line: 6, reason: 'response id 3 is also on line 4 with other content' },
      { seq: 7, line: 7, reason: 'accuracy: score 6 is out of range 1–5' },
    ])
    // the sums are those of the one row left to insert (id:3, overall 5)
    expect([...second.analysis.sums.values()]).toEqual([[1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 1, 0, 0, 5, 1]])
  })
})

describe('addToSums', () => {
  it('adds a row to its rated × respondent pair: the count, each score present and the value', () => {
    const sums: PairSums = new Map()
    // respondent 7 rates unit 3: accuracy 4, overall 5, loyalty 2, value 5; then accuracy 2 only, value 2
    addToSums(sums, [7, 3, 4, 0, 0, 0, 5, 2, 2], 0, 5)
    addToSums(sums, [0, 0, 7, 3, 2, 0, 0, 0, 0, 0, 0], 2, 2)
    expect(sums).toEqual(new Map([[3 * PAIR + 7, [2, 6, 2, 0, 0, 0, 0, 0, 0, 5, 1, 2, 1, 7, 2]]]))
    // a row without a value counts, but adds nothing to the value
    addToSums(sums, [0, 3, 0, 0, 0, 0, 0, 4, 9], 0, Number.NaN)
    expect(sums.get(3 * PAIR)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 1, 0, 0])
  })
})
