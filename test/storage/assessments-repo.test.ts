import { describe, expect, it } from 'vitest'
import type { AssessPolicy, UnitAssessment, UnitDetails } from '../../src/domain/assessment/assessment.js'
import { reopened, type ScoreTable } from '../../src/domain/assessment/score-table.js'
import { tableRowsHash } from '../../src/domain/assessment/table-hash.js'
import { findInput, findRowDetails, findScoreTable, listFinalScoreTables, listInputs, readScoreRows, readScoreRowsWithDetails, saveScoreTable, saveStoredTable, scoreTableLevels, setScoreTableState, upsertInput } from '../../src/storage/assessments-repo.js'
import { AT, BACKEND, addUnits, freshStore } from '../helpers/stores.js'

const POLICY: AssessPolicy = { weights: { S: 30, T: 20, C: 15, H: 15, self: 5, superior: 15 }, grades: { A: 90, B: 80, C: 70, D: 60 }, bonus: { A: 1.2, B: 1.1, C: 1, D: 0.9, E: 0.8 }, minResponses: 5, complaintFree: 2 }

function computed(unitId: number, code: string, total: number | null, rank: number | null, grade: UnitAssessment['grade'], bonus: number | null): UnitAssessment {
  return {
    unitId,
    code,
    name: `${code} name`,
    components: { S: total, T: null, C: null, H: 100, self: null, superior: null },
    total,
    insufficient: total === null,
    rank,
    grade,
    bonus,
    details: { inputs: { self: null, superior: null }, marker: code } as unknown as UnitDetails,
  }
}

function table(period: string, state: 'draft' | 'final'): Omit<ScoreTable, 'rowsHash'> {
  return { period, level: 'department', state, policy: POLICY, inputsHash: `inputs-${period}`, computedAt: AT, finalizedAt: state === 'final' ? AT : null, finalizedBy: state === 'final' ? 'admin' : null }
}

describe(`assessments-repo: inputs (${BACKEND})`, () => {
  it('keeps one self and superior score per unit and period; a second input replaces the first', async () => {
    const store = await freshStore()
    const id = await addUnits(store, [['IT'], ['HR']])
    await store.write(async (trx) => {
      await upsertInput(trx, '2026-H1', { unitId: id.get('IT')!, self: 80, superior: null }, AT)
      await upsertInput(trx, '2026-H1', { unitId: id.get('IT')!, self: 85, superior: 90 }, AT)
      await upsertInput(trx, '2026-H1', { unitId: id.get('HR')!, self: null, superior: 70 }, AT)
      await upsertInput(trx, '2026-H2', { unitId: id.get('HR')!, self: 60, superior: 60 }, AT)
    })
    expect(await findInput(store.db, '2026-H1', id.get('IT')!)).toEqual({ unitId: id.get('IT'), self: 85, superior: 90 })
    expect(await findInput(store.db, '2026-Q1', id.get('IT')!)).toBeUndefined()
    expect(await listInputs(store.db, '2026-H1')).toEqual(
      [
        { unitId: id.get('IT'), self: 85, superior: 90 },
        { unitId: id.get('HR'), self: null, superior: 70 },
      ].sort((a, b) => a.unitId! - b.unitId!),
    )
  })
})

describe(`assessments-repo: score tables (${BACKEND})`, () => {
  it('stores a draft and reads it back as it was saved, rows in the order given', async () => {
    const store = await freshStore()
    const id = await addUnits(store, [['IT'], ['HR'], ['FIN']])
    const rows = [computed(id.get('HR')!, 'HR', 81, 1, 'B', 1.1), computed(id.get('IT')!, 'IT', 79, 2, 'C', 1), computed(id.get('FIN')!, 'FIN', null, null, null, null)]
    expect(await store.write((trx) => saveScoreTable(trx, table('2026-H1', 'draft'), rows))).toBeNull()
    expect(await findScoreTable(store.db, '2026-H1')).toEqual({ ...table('2026-H1', 'draft'), rowsHash: null })
    const { rows: stored, hash } = await readScoreRows(store.db, { period: '2026-H1', state: 'draft' })
    expect(hash).toBeNull()
    expect(stored.map((r) => [r.position, r.code, r.total, r.rank, r.grade, r.bonus])).toEqual([
      [1, 'HR', 81, 1, 'B', 1.1],
      [2, 'IT', 79, 2, 'C', 1],
      [3, 'FIN', null, null, null, null],
    ])
    expect(stored[0]!.components).toEqual({ S: 81, T: null, C: null, H: 100, self: null, superior: null })
    expect(await findRowDetails(store.db, '2026-H1', id.get('IT')!)).toEqual({ inputs: { self: null, superior: null }, marker: 'IT' })
    expect(await findRowDetails(store.db, '2026-H2', id.get('IT')!)).toBeUndefined()
  })

  it('replaces a period\'s table on a new run and leaves other periods alone', async () => {
    const store = await freshStore()
    const id = await addUnits(store, [['IT'], ['HR']])
    await store.write((trx) => saveScoreTable(trx, table('2026-H1', 'draft'), [computed(id.get('IT')!, 'IT', 50, 1, 'E', 0.8), computed(id.get('HR')!, 'HR', 40, 2, 'E', 0.8)]))
    await store.write((trx) => saveScoreTable(trx, table('2026-Q1', 'draft'), [computed(id.get('IT')!, 'IT', 95, 1, 'A', 1.2)]))
    await store.write((trx) => saveScoreTable(trx, { ...table('2026-H1', 'draft'), inputsHash: 'again' }, [computed(id.get('HR')!, 'HR', 70, 1, 'C', 1)]))
    expect((await findScoreTable(store.db, '2026-H1'))?.inputsHash).toBe('again')
    expect((await readScoreRows(store.db, { period: '2026-H1', state: 'draft' })).rows.map((r) => r.code)).toEqual(['HR'])
    expect((await readScoreRows(store.db, { period: '2026-Q1', state: 'draft' })).rows.map((r) => r.code)).toEqual(['IT'])
  })

  it('hashes a final table as read back, and the hash of its rows changes when a row is changed behind icm', async () => {
    const store = await freshStore()
    const id = await addUnits(store, [['IT']])
    const rowsHash = await store.write((trx) => saveScoreTable(trx, table('2026-H1', 'final'), [computed(id.get('IT')!, 'IT', 79, 1, 'C', 1)]))
    const raw = await store.db.selectFrom('assessment_rows').selectAll().where('period', '=', '2026-H1').execute()
    expect(rowsHash).toBe(tableRowsHash('2026-H1', raw))
    expect(await findScoreTable(store.db, '2026-H1')).toEqual({ ...table('2026-H1', 'final'), rowsHash })
    expect((await readScoreRows(store.db, { period: '2026-H1', state: 'final' })).hash).toBe(rowsHash)
    await store.db.updateTable('assessment_rows').set({ total: 99 }).where('code', '=', 'IT').execute()
    expect((await readScoreRows(store.db, { period: '2026-H1', state: 'final' })).hash).not.toBe(rowsHash)
  })

  it('reopens a final table: a draft again, its finalization and rows hash cleared', async () => {
    const store = await freshStore()
    const id = await addUnits(store, [['IT']])
    const rowsHash = await store.write((trx) => saveScoreTable(trx, table('2026-H1', 'final'), [computed(id.get('IT')!, 'IT', 79, 1, 'C', 1)]))
    const final = { ...table('2026-H1', 'final'), rowsHash }
    await store.write((trx) => setScoreTableState(trx, reopened(final)))
    expect(await findScoreTable(store.db, '2026-H1')).toEqual({ ...final, state: 'draft', finalizedAt: null, finalizedBy: null, rowsHash: null })
  })

  it('lists the final tables, oldest period first: of the periods asked for, or all', async () => {
    const store = await freshStore()
    const id = await addUnits(store, [['IT']])
    const rows = [computed(id.get('IT')!, 'IT', 79, 1, 'C', 1)]
    await store.write(async (trx) => {
      await saveScoreTable(trx, table('2026-H2', 'final'), rows)
      await saveScoreTable(trx, table('2026-H1', 'final'), rows)
      await saveScoreTable(trx, table('2025-H2', 'final'), rows)
      await saveScoreTable(trx, table('2026-Q1', 'draft'), rows)
    })
    expect((await listFinalScoreTables(store.db)).map((t) => t.period)).toEqual(['2025-H2', '2026-H1', '2026-H2'])
    expect((await listFinalScoreTables(store.db, ['2026-H2', '2026-H1', '2026-Q1'])).map((t) => t.period)).toEqual(['2026-H1', '2026-H2'])
    expect(await listFinalScoreTables(store.db, [])).toEqual([])
  })

  it('keeps a department and a position table for the same period: saving, finalizing and reopening one leaves the other alone', async () => {
    const store = await freshStore()
    const id = await addUnits(store, [['IT'], ['IT-HD', 'position', 'IT']])
    const position = (state: 'draft' | 'final') => ({ ...table('2026-H1', state), level: 'position' as const, inputsHash: 'pos' })
    await store.write((trx) => saveScoreTable(trx, table('2026-H1', 'draft'), [computed(id.get('IT')!, 'IT', 79, 1, 'C', 1)]))
    const posHash = await store.write((trx) => saveScoreTable(trx, position('final'), [computed(id.get('IT-HD')!, 'IT-HD', 91, 1, 'A', 1.2)]))
    expect(await scoreTableLevels(store.db, '2026-H1')).toEqual(['department', 'position'])
    expect(await findScoreTable(store.db, '2026-H1')).toMatchObject({ level: 'department', state: 'draft', inputsHash: 'inputs-2026-H1' })
    expect(await findScoreTable(store.db, '2026-H1', 'position')).toMatchObject({ level: 'position', state: 'final', rowsHash: posHash })
    expect((await readScoreRows(store.db, { period: '2026-H1', state: 'draft' })).rows.map((r) => r.code)).toEqual(['IT'])
    const pos = await readScoreRows(store.db, { period: '2026-H1', state: 'final', level: 'position' })
    expect([pos.rows.map((r) => r.code), pos.hash]).toEqual([['IT-HD'], posHash])
    expect(await findRowDetails(store.db, '2026-H1', id.get('IT-HD')!, 'position')).toEqual({ inputs: { self: null, superior: null }, marker: 'IT-HD' })
    expect(await findRowDetails(store.db, '2026-H1', id.get('IT-HD')!)).toBeUndefined()
    // a new department run replaces only the department table
    await store.write((trx) => saveScoreTable(trx, { ...table('2026-H1', 'draft'), inputsHash: 'again' }, [computed(id.get('IT')!, 'IT', 80, 1, 'B', 1.1)]))
    expect(await findScoreTable(store.db, '2026-H1', 'position')).toMatchObject({ state: 'final', rowsHash: posHash })
    expect((await listFinalScoreTables(store.db, ['2026-H1'])).map((t) => [t.period, t.level])).toEqual([['2026-H1', 'position']])
    expect(await listFinalScoreTables(store.db, ['2026-H1'], 'department')).toEqual([])
    await store.write((trx) => setScoreTableState(trx, reopened({ ...position('final'), rowsHash: posHash })))
    expect(await findScoreTable(store.db, '2026-H1', 'position')).toMatchObject({ state: 'draft', rowsHash: null })
    expect(await findScoreTable(store.db, '2026-H1')).toMatchObject({ state: 'draft', inputsHash: 'again' })
  })

  it('stores a year\'s annual table with the details given per row, hashed as read back', async () => {
    const store = await freshStore()
    const id = await addUnits(store, [['IT']])
    const row = { unitId: id.get('IT')!, position: 1, code: 'IT', name: 'IT name', components: { S: null, T: null, C: null, H: null, self: null, superior: null }, total: 83.8, rank: 1, grade: 'B', bonus: 1.1 }
    const year = { ...table('2026', 'final'), inputsHash: 'year' }
    const rowsHash = await store.write((trx) => saveStoredTable(trx, year, [{ row, details: { H1: 79, H2: 88.6, recognitions: ['2026-H1: ERP'] } }]))
    expect(await findScoreTable(store.db, '2026')).toEqual({ ...year, rowsHash })
    const read = await readScoreRowsWithDetails(store.db, { period: '2026', state: 'final', level: 'department' })
    expect(read).toEqual({ rows: [{ row, details: { H1: 79, H2: 88.6, recognitions: ['2026-H1: ERP'] } }], hash: rowsHash })
  })
})
