import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Store } from '../../src/storage/database.js'
import { openStore } from '../../src/storage/open.js'
import { insertVisit, listVisits, visitsByPair } from '../../src/storage/visits-repo.js'
import { FIXTURES, cli } from '../helpers/harness.js'
import { addUnits, bounds, repoStore } from '../helpers/repo-fixture.js'

const at = new Date('2026-07-01T02:00:00Z')

/** IT visits HR three times in 2026-H1 and FIN once in H2; ADM visits HR on 2025-12-31. */
async function withVisits() {
  const store = await repoStore()
  const u = await addUnits(store.db, ['IT', 'HR', 'FIN', 'ADM'])
  const visit = (supplier: string, customer: string, date: string, satisfaction: number | null = null) =>
    store.write((trx) => insertVisit(trx, { supplierId: u[supplier]!, customerId: u[customer]!, date, satisfaction, notes: null, createdAt: at }))
  await visit('IT', 'HR', '2026-03-01', 4)
  await visit('IT', 'HR', '2026-01-05')
  await visit('ADM', 'HR', '2025-12-31')
  await visit('IT', 'FIN', '2026-08-15')
  await visit('IT', 'HR', '2026-06-30')
  return { store, u }
}

describe('insertVisit', () => {
  it('numbers visits VIS-0001, VIS-0002 … and stores what it is given', async () => {
    const store = await repoStore()
    const u = await addUnits(store.db, ['IT', 'HR'])
    const a = await store.write((trx) => insertVisit(trx, { supplierId: u.IT!, customerId: u.HR!, date: '2026-06-12', satisfaction: 4, notes: 'ERP月结支持', createdAt: at }))
    const b = await store.write((trx) => insertVisit(trx, { supplierId: u.IT!, customerId: u.HR!, date: '2026-06-13', satisfaction: null, notes: null, createdAt: at }))
    expect(a).toMatchObject({ code: 'VIS-0001', supplier_id: u.IT, customer_id: u.HR, date: '2026-06-12', satisfaction: 4, notes: 'ERP月结支持', created_at: '2026-07-01T02:00:00.000Z' })
    expect(b).toMatchObject({ code: 'VIS-0002', satisfaction: null, notes: null })
  })
})

describe('listVisits', () => {
  it('lists by date, then code, for a supplier and within a period (both ends of the period included)', async () => {
    const { store, u } = await withVisits()
    const dates = async (f: Parameters<typeof listVisits>[1]) => (await listVisits(store.db, f)).map((v) => v.date)
    expect(await dates({})).toEqual(['2025-12-31', '2026-01-05', '2026-03-01', '2026-06-30', '2026-08-15'])
    expect(await dates({ supplierId: u.IT })).toEqual(['2026-01-05', '2026-03-01', '2026-06-30', '2026-08-15'])
    expect(await dates({ period: bounds('2026-H1') })).toEqual(['2026-01-05', '2026-03-01', '2026-06-30'])
    expect(await dates({ supplierId: u.ADM, period: bounds('2026') })).toEqual([])
  })
})

describe('visitsByPair', () => {
  it('counts the visits of each pair in a period, with the latest date', async () => {
    const { store, u } = await withVisits()
    expect(await visitsByPair(store.db, { period: bounds('2026-H1') })).toMatchObject([{ supplierId: u.IT, customerId: u.HR, lastDate: '2026-06-30', visits: 3 }])
  })

  it('counts the visits up to a day, whatever the period', async () => {
    const { store, u } = await withVisits()
    const rows = await visitsByPair(store.db, { upTo: '2026-02-01' })
    expect(rows.sort((a, b) => a.supplierId - b.supplierId)).toEqual(
      [
        { supplierId: u.IT, customerId: u.HR, lastDate: '2026-01-05', visits: 1, satisfactionCount: 0, satisfactionSum: 0 },
        { supplierId: u.ADM, customerId: u.HR, lastDate: '2025-12-31', visits: 1, satisfactionCount: 0, satisfactionSum: 0 },
      ].sort((a, b) => a.supplierId! - b.supplierId!),
    )
  })

  it('counts the visits with a satisfaction and adds it up (rated 4 and 5, one unrated → 2 rated, Σ 9)', async () => {
    const t = cli()
    await t.ok(['unit', 'import', path.join(FIXTURES, 'org.csv')])
    await t.ok(['visit', 'log', '--by', 'IT', '--customer', 'HR', '--date', '2026-04-01', '--satisfaction', '4'])
    await t.ok(['visit', 'log', '--by', 'IT', '--customer', 'HR', '--date', '2026-05-01', '--satisfaction', '5'])
    await t.ok(['visit', 'log', '--by', 'IT', '--customer', 'HR', '--date', '2026-06-01'])
    const store: Store = await openStore(t.db)
    try {
      expect(await visitsByPair(store.db, { period: bounds('2026-Q2') })).toMatchObject([{ visits: 3, satisfactionCount: 2, satisfactionSum: 9 }])
    } finally {
      await store.close()
    }
  })

  it('counts visits per pair within a date range and gives the latest (logged through icm visit log)', async () => {
    const t = cli()
    await t.ok(['unit', 'import', path.join(FIXTURES, 'org.csv')])
    for (const d of ['2026-01-05', '2026-03-01', '2026-06-30']) await t.ok(['visit', 'log', '--by', 'IT', '--customer', 'HR', '--date', d])
    await t.ok(['visit', 'log', '--by', 'ADM', '--customer', 'HR', '--date', '2025-12-31'])
    const store: Store = await openStore(t.db)
    try {
      const h1 = await visitsByPair(store.db, { period: bounds('2026-H1') })
      expect(h1.map((v) => [v.visits, v.lastDate])).toEqual([[3, '2026-06-30']])
      expect((await visitsByPair(store.db, { upTo: '2026-02-01' })).map((v) => [v.visits, v.lastDate]).sort()).toEqual([
        [1, '2025-12-31'],
        [1, '2026-01-05'],
      ])
    } finally {
      await store.close()
    }
  })
})
