import { UserError } from '../errors.js'
import { quote } from '../excerpt.js'
import { t } from '../i18n/catalog.js'

/**
 * Rewards that come with a recognition (policy 5.三.3 表彰和奖励): an amount of money with at most
 * two decimals, kept in cents (fen) so sums are exact, and summed per period.
 */

/** '2000', '1,500.50', '１５００' → cents (200000, 150050, 150000); negative, malformed or finer than a cent is refused. */
export function parseReward(text: string): number {
  const n = text
    .trim()
    .replace(/[０-９．－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s]/g, '')
    .replace(/^[¥￥]/, '')
  if (/^-/.test(n)) throw new UserError(t('recognition.rewardNegative', { text: quote(text) }), t('recognition.rewardNegative.hint'))
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(n)
  if (!m) throw new UserError(t('recognition.rewardInvalid', { text: quote(text) }), t('recognition.rewardInvalid.hint'))
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

/** Cents as an amount with two decimals: 150050 → '1500.50'. */
export function amountText(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`
}

/** Cents as a JSON number of the currency unit: 150050 → 1500.5. */
export function amountOf(cents: number): number {
  return cents / 100
}

export interface PeriodRewards {
  period: string
  recognitions: number
  /** how many of them came with a reward */
  rewarded: number
  /** their rewards summed, in cents */
  rewardCents: number
}

/** Per period (in the order of their first recognition): recognitions, how many were rewarded and the rewards' sum. */
export function rewardsByPeriod(items: readonly { period: string; rewardCents: number | null }[]): PeriodRewards[] {
  const by = new Map<string, PeriodRewards>()
  for (const r of items) {
    const p = by.get(r.period) ?? { period: r.period, recognitions: 0, rewarded: 0, rewardCents: 0 }
    p.recognitions += 1
    if (r.rewardCents !== null) {
      p.rewarded += 1
      p.rewardCents += r.rewardCents
    }
    by.set(r.period, p)
  }
  return [...by.values()]
}
