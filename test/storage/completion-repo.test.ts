import { describe, expect, it } from 'vitest'
import { codesStartingWith, knownPeriods } from '../../src/storage/completion-repo.js'
import { updateUnit } from '../../src/storage/units-repo.js'
import { BACKEND } from '../helpers/harness.js'
import { storeWithUnits } from '../helpers/repo-store.js'

describe(`completion-repo (${BACKEND})`, () => {
  it('offers the active units whose code starts with the prefix, in any case, sorted', async () => {
    const { store, unit } = await storeWithUnits(['IT', 'IT-HD', 'HR', 'FIN', 'ITX'])
    await store.write((trx) => updateUnit(trx, unit('ITX'), { active: false }))
    expect(await codesStartingWith(store.db, 'unit', 'it')).toEqual(['IT', 'IT-HD'])
    expect(await codesStartingWith(store.db, 'unit', '')).toEqual(['FIN', 'HR', 'IT', 'IT-HD'])
    expect(await codesStartingWith(store.db, 'unit', 'i', 1)).toEqual(['IT'])
  })

  it('treats LIKE wildcards in the prefix as nothing, not as patterns', async () => {
    const { store } = await storeWithUnits(['IT', 'HR'])
    expect(await codesStartingWith(store.db, 'unit', '%')).toEqual(['HR', 'IT'])
    expect(await codesStartingWith(store.db, 'request', 'REQ')).toEqual([])
  })

  it('knows no period on an empty database', async () => {
    const { store } = await storeWithUnits([])
    expect(await knownPeriods(store.db)).toEqual([])
  })
})
