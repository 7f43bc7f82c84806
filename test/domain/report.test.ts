import { describe, expect, it } from 'vitest'
import { centsToAmount, formatAmount, parseDecision, parseRewardCents } from '../../src/domain/supervision/report.js'

describe('report decisions', () => {
  it.each([
    [{ valid: true }, { validity: 'valid', rewardCents: null }],
    [{ invalid: true }, { validity: 'invalid', rewardCents: null }],
    [{ valid: true, reward: '500' }, { validity: 'valid', rewardCents: 50000 }],
    [{ valid: true, reward: '0' }, { validity: 'valid', rewardCents: 0 }],
    [{ valid: true, reward: '88.5' }, { validity: 'valid', rewardCents: 8850 }],
    [{ valid: true, reward: '0.05' }, { validity: 'valid', rewardCents: 5 }],
  ])('%j → %j', (opts, decision) => {
    expect(parseDecision(opts)).toEqual(decision)
  })

  it.each([
    [{ valid: true, invalid: true }, 3, /--valid and --invalid cannot be given together/],
    [{}, 2, /missing --valid or --invalid/],
    [{ reward: '5' }, 2, /missing --valid or --invalid/],
    [{ invalid: true, reward: '5' }, 3, /--reward is only for a valid report/],
    [{ valid: true, reward: '-5' }, 3, /--reward cannot be negative/],
    [{ valid: true, reward: '1.005' }, 3, /--reward must be an amount/],
    [{ valid: true, reward: 'lots' }, 3, /--reward must be an amount/],
    [{ valid: true, reward: '' }, 3, /--reward must be an amount/],
  ])('%j is refused with exit %i', (opts, exitCode, message) => {
    expect(() => parseDecision(opts)).toThrow(expect.objectContaining({ exitCode, message: expect.stringMatching(message) }))
  })

  it('keeps amounts in whole cents and shows two decimals', () => {
    expect(parseRewardCents('1234.56')).toBe(123456)
    expect(centsToAmount(123456)).toBe(1234.56)
    expect(centsToAmount(null)).toBeNull()
    expect(formatAmount(8850)).toBe('88.50')
    expect(formatAmount(5)).toBe('0.05')
    expect(formatAmount(null)).toBe('')
  })
})
