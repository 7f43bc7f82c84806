import { describe, expect, it } from 'vitest'
import { formatCode, nextCode, nextSequence } from '../../src/storage/sequences-repo.js'
import { BACKEND } from '../helpers/harness.js'
import { storeWithUnits } from '../helpers/repo-store.js'

describe(`sequences-repo (${BACKEND})`, () => {
  it('counts each series on its own, from 1', async () => {
    const { store } = await storeWithUnits([])
    const got = await store.write(async (trx) => [await nextSequence(trx, 'REQ'), await nextSequence(trx, 'REQ'), await nextSequence(trx, 'CMP'), await nextCode(trx, 'REQ')])
    expect(got).toEqual([1, 2, 1, 'REQ-0003'])
  })

  it('takes the number back when its write transaction is rolled back', async () => {
    const { store } = await storeWithUnits([])
    await expect(
      store.write(async (trx) => {
        await nextSequence(trx, 'ACT')
        throw new Error('refused')
      }),
    ).rejects.toThrow('refused')
    expect(await store.write((trx) => nextCode(trx, 'ACT'))).toBe('ACT-0001')
  })

  it.each([
    ['REQ', 7, 'REQ-0007'],
    ['CMP', 1234, 'CMP-1234'],
    ['ACT', 12345, 'ACT-12345'],
  ])('formats %s %i as %s', (prefix, n, code) => {
    expect(formatCode(prefix, n)).toBe(code)
  })
})
