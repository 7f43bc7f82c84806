import { describe, expect, it } from 'vitest'
import { counted, formatCount } from '../../src/domain/counting.js'

describe('counts in messages', () => {
  it('groups thousands the same way everywhere', () => {
    expect([formatCount(0), formatCount(43156), formatCount(500000), formatCount(1234567)]).toEqual(['0', '43,156', '500,000', '1,234,567'])
  })
  it('says 1 unit but 0 and 2 units, with an irregular plural when given', () => {
    expect([counted(0, 'unit'), counted(1, 'unit'), counted(2, 'unit'), counted(1, 'batch', 'batches'), counted(3, 'batch', 'batches')]).toEqual(['0 units', '1 unit', '2 units', '1 batch', '3 batches'])
    expect(counted(500000, 'response')).toBe('500,000 responses')
  })
})
