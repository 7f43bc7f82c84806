import { toSimplified, unifyLookalikes } from '../org/unit-names.js'
import { quote } from '../excerpt.js'

/**
 * Reading a 1–5 score from a survey cell (DESIGN.md §5): a number, a satisfaction label in
 * Chinese (simplified or traditional) or English, or a platform's "skipped" marker, which is an
 * empty answer.
 */

export type ScoreCell = { kind: 'score'; value: number } | { kind: 'empty' } | { kind: 'invalid'; reason: string }

/** Built-in labels in folded form (foldLabel): traditional and full-width forms fold onto these. */
export const SCORE_LABELS: Readonly<Record<string, number>> = {
  非常满意: 5,
  很满意: 5,
  满意: 4,
  比较满意: 4,
  一般: 3,
  不满意: 2,
  比较不满意: 2,
  非常不满意: 1,
  很不满意: 1,
  'very satisfied': 5,
  satisfied: 4,
  neutral: 3,
  dissatisfied: 2,
  'very dissatisfied': 1,
}

/**
 * Markers a platform writes for a question the respondent skipped or never saw, in folded form:
 * 问卷星's (跳过) / -3 (skipped by logic) / -2 (not shown), and their full-width and traditional
 * forms through folding.
 */
export const SKIP_MARKERS: ReadonlySet<string> = new Set(['(跳过)', '跳过', '-3', '-2'])

/** The comparison form of a label: NFKC, trimmed, simplified Chinese, lower-case, single spaces. */
export function foldLabel(text: string): string {
  return toSimplified(unifyLookalikes(text).trim()).toLowerCase().replace(/\s+/gu, ' ')
}

const EMPTY: ScoreCell = Object.freeze({ kind: 'empty' })
const SCORES: readonly ScoreCell[] = [1, 2, 3, 4, 5].map((value) => Object.freeze({ kind: 'score' as const, value }))
const scoreOf = (n: number): ScoreCell => SCORES[n - 1]!

/** Distinct non-digit cells remembered per label set (a file repeats the same few labels). */
const CACHE_LIMIT = 1000
const defaultCache = new Map<string, ScoreCell>()
const extraCaches = new WeakMap<Record<string, number>, { folded: Map<string, number>; cache: Map<string, ScoreCell> }>()

/**
 * The score a cell holds: whole numbers 1–5 ('4', ' 4 ', '4.0', '4分', '４'), a label
 * (SCORE_LABELS, case-insensitive, traditional forms too), or `extraLabels` from a mapping
 * file, which win over the built-in labels and numbers (so {"10": 5} can remap a number).
 * Empty cells and SKIP_MARKERS are 'empty'; anything else is 'invalid' with a reason a user
 * understands ("score 6 is out of range 1–5", "'abc' is not a score …"). The returned objects are
 * shared and frozen: do not mutate them.
 */
export function parseScore(cell: string, extraLabels?: Record<string, number>): ScoreCell {
  const t = cell.trim()
  if (t === '') return EMPTY
  let folded: Map<string, number> | undefined
  let cache = defaultCache
  if (extraLabels) {
    let entry = extraCaches.get(extraLabels)
    if (!entry) {
      entry = { folded: new Map(Object.entries(extraLabels).map(([k, v]) => [foldLabel(k), v])), cache: new Map() }
      extraCaches.set(extraLabels, entry)
    }
    folded = entry.folded
    cache = entry.cache
  } else if (t.length === 1 && t >= '1' && t <= '5') {
    return scoreOf(Number(t))
  }
  const hit = cache.get(t)
  if (hit) return hit
  const result = readScore(t, folded)
  if (cache.size < CACHE_LIMIT) cache.set(t, result)
  return result
}

function readScore(t: string, extra: Map<string, number> | undefined): ScoreCell {
  const f = foldLabel(t)
  const custom = extra?.get(f)
  if (custom !== undefined) {
    if (Number.isInteger(custom) && custom >= 1 && custom <= 5) return scoreOf(custom)
    return { kind: 'invalid', reason: `label ${quote(t)} is mapped to ${custom}, outside 1–5` }
  }
  if (SKIP_MARKERS.has(f)) return EMPTY
  const label = SCORE_LABELS[f]
  if (label !== undefined) return scoreOf(label)
  const m = /^([+-]?\d+(?:\.\d+)?)\s*分?$/u.exec(f)
  if (m) {
    const n = Number(m[1])
    if (!Number.isInteger(n)) return { kind: 'invalid', reason: `score ${m[1]} is not a whole number 1–5` }
    if (n === -3 || n === -2) return EMPTY
    if (n < 1 || n > 5) return { kind: 'invalid', reason: `score ${m[1]} is out of range 1–5` }
    return scoreOf(n)
  }
  return { kind: 'invalid', reason: `${quote(t, 40)} is not a score (expected 1–5 or a label such as 满意 or satisfied)` }
}
