import { describe, expect, it } from 'vitest'
import { amountOf, amountText, parseReward, rewardsByPeriod } from '../../src/domain/collaboration/recognition-rewards.js'
import { UserError } from '../../src/domain/errors.js'

describe('parseReward', () => {
  it.each([
    ['2000', 200000],
    ['1500.5', 150050],
    ['1,500.50', 150050],
    ['￥3，000', 300000],
    ['１５００．２５', 150025],
    ['0', 0],
  ])('%s → %i cents', (text, cents) => {
    expect(parseReward(text)).toBe(cents)
  })
  it.each([['-100', /is negative/], ['－5', /is negative/], ['10.005', /is not an amount/], ['abc', /is not an amount/], ['', /is not an amount/], ['1e3', /is not an amount/]])('refuses %s', (text, message) => {
    expect(() => parseReward(text)).toThrow(UserError)
    expect(() => parseReward(text)).toThrow(message)
  })
})

describe('amounts', () => {
  it('shows cents with two decimals and as a JSON number', () => {
    expect([amountText(150050), amountText(5), amountText(0)]).toEqual(['1500.50', '0.05', '0.00'])
    expect(amountOf(150050)).toBe(1500.5)
  })
})

describe('rewardsByPeriod', () => {
  it('sums per period in cents: 2026-H1 0.10 + 0.20 = 0.30 exactly, over 2 of 3 recognitions', () => {
    const sums = rewardsByPeriod([
      { period: '2026-H1', rewardCents: 10 },
      { period: '2026-Q3', rewardCents: 50000 },
      { period: '2026-H1', rewardCents: null },
      { period: '2026-H1', rewardCents: 20 },
    ])
    expect(sums).toEqual([
      { period: '2026-H1', recognitions: 3, rewarded: 2, rewardCents: 30 },
      { period: '2026-Q3', recognitions: 1, rewarded: 1, rewardCents: 50000 },
    ])
    expect(amountText(sums[0]!.rewardCents)).toBe('0.30')
  })
})
