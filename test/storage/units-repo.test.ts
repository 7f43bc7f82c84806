import { describe, expect, it } from 'vitest'
import { findUnitByCode, findUnitById, findUnitsByName, insertUnit, listChildren, listUnits, unitCodesById, updateUnit } from '../../src/storage/units-repo.js'
import { AT, BACKEND, addUnits, freshStore } from '../helpers/stores.js'

describe(`units-repo (${BACKEND})`, () => {
  it('adds an active unit from domain values, created and updated at the given time', async () => {
    const store = await freshStore()
    const it = await store.write((trx) => insertUnit(trx, { code: 'IT', name: '信息技术部', kind: 'department', parentId: null, head: '张伟', duties: null }, AT))
    expect(it).toMatchObject({ code: 'IT', name: '信息技术部', kind: 'department', parent_id: null, head: '张伟', duties: null, active: 1, created_at: AT.toISOString(), updated_at: AT.toISOString() })
    expect(await findUnitById(store.db, it.id)).toEqual(it)
  })

  it('finds a unit by code in any case, and units by exact name', async () => {
    const store = await freshStore()
    const ids = await addUnits(store, [['IT'], ['HR']])
    expect((await findUnitByCode(store.db, 'it'))?.id).toBe(ids.get('IT'))
    expect(await findUnitByCode(store.db, 'FIN')).toBeUndefined()
    expect((await findUnitsByName(store.db, 'HR name')).map((u) => u.code)).toEqual(['HR'])
    expect(await findUnitsByName(store.db, 'hr name')).toEqual([])
  })

  it('changes only the fields given; the updated time only when a time is given', async () => {
    const store = await freshStore()
    const ids = await addUnits(store, [['IT'], ['OPS'], ['IT-HD', 'position', 'IT']])
    const later = new Date('2026-04-01T02:00:00.000Z')
    const moved = await store.write((trx) => updateUnit(trx, ids.get('IT-HD')!, { parentId: ids.get('OPS')!, head: '李娜' }, later))
    expect(moved).toMatchObject({ parent_id: ids.get('OPS'), head: '李娜', name: 'IT-HD name', duties: null, active: 1, updated_at: later.toISOString() })
    const cleared = await store.write((trx) => updateUnit(trx, ids.get('IT-HD')!, { head: null, duties: 'desk' }))
    expect(cleared).toMatchObject({ head: null, duties: 'desk', updated_at: later.toISOString() })
    const inactive = await store.write((trx) => updateUnit(trx, ids.get('IT-HD')!, { active: false }, later))
    expect(inactive.active).toBe(0)
  })

  it('lists active units by code, by kind, or all of them; children active or not', async () => {
    const store = await freshStore()
    const ids = await addUnits(store, [['IT'], ['HR'], ['IT-HD', 'position', 'IT'], ['IT-NET', 'position', 'IT']])
    await store.write((trx) => updateUnit(trx, ids.get('IT-NET')!, { active: false }, AT))
    expect((await listUnits(store.db)).map((u) => u.code)).toEqual(['HR', 'IT', 'IT-HD'])
    expect((await listUnits(store.db, { kind: 'position' })).map((u) => u.code)).toEqual(['IT-HD'])
    expect((await listUnits(store.db, { includeInactive: true })).map((u) => u.code)).toEqual(['HR', 'IT', 'IT-HD', 'IT-NET'])
    expect((await listChildren(store.db, ids.get('IT')!)).map((u) => u.code)).toEqual(['IT-HD', 'IT-NET'])
    expect(await unitCodesById(store.db)).toEqual(new Map([...ids].map(([code, id]) => [id, code])))
  })
})
