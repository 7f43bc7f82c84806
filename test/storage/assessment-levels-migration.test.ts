import { afterEach, describe, expect, it } from 'vitest'
import { finalTablesIntact } from '../../src/storage/check-repo.js'
import type { Store } from '../../src/storage/database.js'
import { findScoreTable, readScoreRows } from '../../src/storage/assessments-repo.js'
import { MIGRATIONS } from '../../src/storage/migrations/index.js'
import { openStore } from '../../src/storage/open.js'
import { tableRowsHash } from '../../src/domain/assessment/table-hash.js'
import { BACKEND, tempDir, testDatabase } from '../helpers/harness.js'

const stores: Store[] = []
afterEach(async () => {
  while (stores.length) await stores.pop()!.close()
})
async function open(location: string, migrations = MIGRATIONS): Promise<Store> {
  const s = await openStore(location, { migrations })
  stores.push(s)
  return s
}
const BEFORE_LEVELS = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '2026_11_28_003_assessment_levels'))

const row = (period: string, unitId: number, code: string, total: number) => ({
  period,
  unit_id: unitId,
  position: 1,
  code,
  name: `${code} name`,
  s: 75,
  t: 100,
  c: null,
  h: 90,
  self: 80,
  superior: 90,
  total,
  rank: 1,
  grade: 'B',
  bonus: 1.1,
  details: '{"a":1}',
})

describe(`the assessment levels migration (${BACKEND})`, () => {
  it('keeps every table with its level, gives the rows their level, keeps the hashes of final tables valid, and lets both levels exist for a period', async () => {
    const location = testDatabase(tempDir())
    const old = await open(location, BEFORE_LEVELS)
    let hashH1 = ''
    await old.write(async (trx) => {
      const db = trx as any
      const it = await db.insertInto('units').values({ code: 'IT', name: 'IT name', kind: 'department', created_at: 'x', updated_at: 'x' }).returning('id').executeTakeFirstOrThrow()
      const hd = await db.insertInto('units').values({ code: 'IT-HD', name: 'IT-HD name', kind: 'position', parent_id: it.id, created_at: 'x', updated_at: 'x' }).returning('id').executeTakeFirstOrThrow()
      hashH1 = tableRowsHash('2026-H1', [row('2026-H1', it.id, 'IT', 83.4)])
      await db.insertInto('assessments').values({ period: '2026-H1', level: 'department', state: 'final', policy: '{}', inputs_hash: 'h1', computed_at: 'x', finalized_at: '2026-07-01T00:00:00.000Z', finalized_by: 'admin', rows_hash: hashH1 }).execute()
      await db.insertInto('assessment_rows').values(row('2026-H1', it.id, 'IT', 83.4)).execute()
      await db.insertInto('assessments').values({ period: '2026-Q3', level: 'position', state: 'draft', policy: '{}', inputs_hash: 'q3', computed_at: 'x', finalized_at: null, finalized_by: null, rows_hash: null }).execute()
      await db.insertInto('assessment_rows').values(row('2026-Q3', hd.id, 'IT-HD', 70)).execute()
    })
    await old.close()
    stores.pop()

    const store = await open(location)
    expect(await findScoreTable(store.db, '2026-H1', 'department')).toMatchObject({ state: 'final', inputsHash: 'h1', rowsHash: hashH1, finalizedBy: 'admin' })
    expect(await findScoreTable(store.db, '2026-Q3', 'position')).toMatchObject({ state: 'draft', inputsHash: 'q3' })
    expect(await findScoreTable(store.db, '2026-Q3', 'department')).toBeUndefined()
    const levels = await store.db.selectFrom('assessment_rows').select(['period', 'level', 'code']).orderBy('period').execute()
    expect(levels).toEqual([
      { period: '2026-H1', level: 'department', code: 'IT' },
      { period: '2026-Q3', level: 'position', code: 'IT-HD' },
    ])
    expect((await readScoreRows(store.db, { period: '2026-Q3', state: 'draft', level: 'position' })).rows.map((r) => r.code)).toEqual(['IT-HD'])
    expect(await finalTablesIntact(store.db)).toEqual([{ period: '2026-H1', level: 'department', intact: true }])

    // a department table for 2026-Q3 next to its position table
    await store.write(async (trx) => {
      await trx.insertInto('assessments').values({ period: '2026-Q3', level: 'department', state: 'draft', policy: '{}', inputs_hash: 'd', computed_at: 'x', finalized_at: null, finalized_by: null, rows_hash: null }).execute()
    })
    expect((await store.db.selectFrom('assessments').select('level').where('period', '=', '2026-Q3').orderBy('level').execute()).map((r) => r.level)).toEqual(['department', 'position'])
    // a row must belong to a table of its level
    await expect(
      store.write(async (trx) => {
        await trx.insertInto('assessment_rows').values({ ...row('2026-H2', 1, 'IT', 1), level: 'department' }).execute()
      }),
    ).rejects.toThrow(/foreign key/i)
  })
})
