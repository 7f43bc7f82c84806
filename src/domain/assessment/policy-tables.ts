import { UserError } from '../errors.js'
import { quote } from '../excerpt.js'
import { t } from '../i18n/catalog.js'
import { BAND_GRADES, COMPONENT_KEYS, GRADES, type BonusTable, type GradeBands, type Weights } from './kpi.js'

/** The assessment's policy tables as config text (assess.weights, assess.grades, assess.bonus), checked. */

/** assess.weights, e.g. 'S=30,T=20,C=15,H=15,self=5,superior=15'; every key once, none negative, not all 0. */
export function parseWeights(text: string, what = 'assess.weights'): Weights {
  const w = parseTable(text, COMPONENT_KEYS, what, 'S=30,T=20,C=15,H=15,self=5,superior=15')
  if (COMPONENT_KEYS.every((k) => w[k] === 0)) {
    throw new UserError(t('assess.policy.allZero', { what }), t('assess.eg', { command: 'S=30,T=20,C=15,H=15,self=5,superior=15' }))
  }
  return w
}

/** assess.grades, e.g. 'A=90,B=80,C=70,D=60': lowest total of each grade, 0–100, strictly descending. */
export function parseGradeBands(text: string, what = 'assess.grades'): GradeBands {
  const example = 'A=90,B=80,C=70,D=60'
  const b = parseTable(text, BAND_GRADES, what, example)
  for (const g of BAND_GRADES) {
    if (b[g] > 100) throw new UserError(t('assess.policy.over100', { what, key: g, value: b[g] }), t('assess.eg', { command: example }))
  }
  for (let i = 1; i < BAND_GRADES.length; i++) {
    const hi = BAND_GRADES[i - 1] as keyof GradeBands
    const lo = BAND_GRADES[i] as keyof GradeBands
    const [bh, bl] = [b[hi], b[lo]]
    if (!(bh > bl)) {
      throw new UserError(t('assess.policy.descend', { what, hi, bh, lo, bl }), t('assess.eg', { command: example }))
    }
  }
  return b
}

/** assess.bonus, e.g. 'A=1.2,B=1.1,C=1.0,D=0.9,E=0.8': a coefficient for every grade, none negative. */
export function parseBonusTable(text: string, what = 'assess.bonus'): BonusTable {
  return parseTable(text, GRADES, what, 'A=1.2,B=1.1,C=1.0,D=0.9,E=0.8')
}

/** 'K=number,…' with exactly the given keys (matched case-insensitively), numbers ≥ 0. */
function parseTable<K extends string>(text: string, keys: readonly K[], what: string, example: string): Record<K, number> {
  const hint = t('assess.policy.hint', { keys: keys.join(', '), example })
  const out = new Map<K, number>()
  // full-width signs as a Chinese keyboard types them (Ｓ＝３０，…) read as their ASCII forms
  const parts = text.normalize('NFKC').split(',').map((s) => s.trim())
  if (parts.every((p) => p === '')) throw new UserError(t('assess.policy.empty', { what }), hint)
  for (const part of parts) {
    if (part === '') continue
    const eq = part.indexOf('=')
    if (eq < 0) throw new UserError(t('assess.policy.notPair', { what, part: quote(part) }), hint)
    const rawKey = part.slice(0, eq).trim()
    const rawValue = part.slice(eq + 1).trim()
    const key = keys.find((k) => k === rawKey) ?? keys.find((k) => k.toLowerCase() === rawKey.toLowerCase())
    if (key === undefined) throw new UserError(t('assess.policy.unknownKey', { what, key: quote(rawKey) }), hint)
    if (out.has(key)) throw new UserError(t('assess.policy.twice', { what, key }), hint)
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(rawValue)) {
      throw new UserError(t('assess.policy.notNumber', { what, key, value: quote(rawValue) }), hint)
    }
    const value = Number(rawValue)
    if (value < 0) throw new UserError(t('assess.policy.negative', { what, key, value: rawValue }), hint)
    out.set(key, value === 0 ? 0 : value)
  }
  const missing = keys.filter((k) => !out.has(k))
  if (missing.length > 0) throw new UserError(t('assess.policy.missing', { what, keys: missing.join(', ') }), hint)
  return Object.fromEntries(out) as Record<K, number>
}

