import { describe, expect, it } from 'vitest'
import { centsToAmount, checkDecidable, formatAmount, parseDecision, parseReportStatus, parseRewardCents } from '../../src/domain/supervision/report.js'

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

describe('report status and decidability', () => {
  it('reads a status in any case', () => {
    expect(parseReportStatus(' Decided ')).toBe('decided')
    expect(() => parseReportStatus('open')).toThrow("invalid report status 'open'")
  })

  it('refuses deciding twice, or before the report was filed', () => {
    const r = { code: 'RPT-0001', status: 'received' as const, validity: null, decided_at: null, filed_at: '2026-06-01T02:00:00.000Z' }
    expect(() => checkDecidable(r, new Date('2026-06-01T02:00:00Z'))).not.toThrow()
    expect(() => checkDecidable(r, new Date('2026-06-01T01:59:59Z'))).toThrow('RPT-0001 cannot be decided before it was filed (2026-06-01T10:00:00+08:00)')
    expect(() => checkDecidable({ ...r, status: 'decided', validity: 'valid', decided_at: '2026-06-10T17:00:00.000Z' }, new Date('2026-07-01T02:00:00Z'))).toThrow(
      'RPT-0001 was already decided valid on 2026-06-11',
    )
  })
})
