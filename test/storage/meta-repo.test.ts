import { describe, expect, it } from 'vitest'
import { getMeta, setMeta } from '../../src/storage/meta-repo.js'
import { BACKEND, freshStore } from '../helpers/stores.js'

describe(`meta-repo (${BACKEND})`, () => {
  it('keeps one value a key: undefined until set, replaced when set again', async () => {
    const store = await freshStore()
    expect(await getMeta(store.db, 'demo')).toBeUndefined()
    await store.write((trx) => setMeta(trx, 'demo', '1'))
    await store.write((trx) => setMeta(trx, 'demo', '2'))
    expect(await getMeta(store.db, 'demo')).toBe('2')
  })
})
