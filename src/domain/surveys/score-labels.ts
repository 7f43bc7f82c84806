import { toSimplified, unifyLookalikes } from '../org/unit-names.js'
import { quote } from '../excerpt.js'
import { t as msg } from '../i18n/catalog.js'

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
  // a reason is in the interface language, which may change between runs in one process
  if (cache.size < CACHE_LIMIT && result.kind !== 'invalid') cache.set(t, result)
  return result
}

function readScore(t: string, extra: Map<string, number> | undefined): ScoreCell {
  const f = foldLabel(t)
  const custom = extra?.get(f)
  if (custom !== undefined) {
    if (Number.isInteger(custom) && custom >= 1 && custom <= 5) return scoreOf(custom)
    return { kind: 'invalid', reason: msg('surveyImport.score.labelOutside', { label: quote(t), score: custom }) }
  }
  if (SKIP_MARKERS.has(f)) return EMPTY
  const label = SCORE_LABELS[f]
  if (label !== undefined) return scoreOf(label)
  const n = numberInAnswer(f)
  if (n !== undefined) {
    if (!Number.isInteger(n.value)) return { kind: 'invalid', reason: msg('surveyImport.score.notWhole', { score: n.text }) }
    if (n.value === -3 || n.value === -2) return EMPTY
    if (n.value < 1 || n.value > 5) return { kind: 'invalid', reason: msg('surveyImport.score.outOfRange', { score: n.text }) }
    return scoreOf(n.value)
  }
  return { kind: 'invalid', reason: msg('surveyImport.score.notScore', { text: quote(t, 40) }) }
}

/** The forms of an answer other than a bare number or label, for the import's summary. */
export type AnswerForm = 'points' | 'stars' | 'numbered-label' | 'number-dash-label'

const POINTS = /^([+-]?\d+(?:\.\d+)?)\s*(分|星|points?|pts?)?$/u
const STARS = /^[★☆⭐✩✰]+$/u
const NUMBERED_LABEL = /^[([【]\s*(\d+)\s*[)\]】]\s*\S/u
const NUMBER_DASH_LABEL = /^(\d+)\s*(?:[-–—:、]|\.(?!\d))\s*[^\d\s]/u

/**
 * The number an answer holds, in folded form (foldLabel): '4', '4.0', '4分', '★★★★☆' (4),
 * '(5)非常满意' (5), '5 - very satisfied' (5); with its form ('plain' for a bare number). No range check.
 */
export function numberInAnswer(folded: string): { value: number; text: string; form: AnswerForm | 'plain' } | undefined {
  const p = POINTS.exec(folded)
  if (p) return { value: Number(p[1]), text: p[1]!, form: p[2] ? 'points' : 'plain' }
  if (STARS.test(folded) && folded.length <= 10) {
    let filled = 0
    for (const ch of folded) if (ch === '★' || ch === '⭐') filled++
    return { value: filled, text: String(filled), form: 'stars' }
  }
  const n = NUMBERED_LABEL.exec(folded)
  if (n) return { value: Number(n[1]), text: n[1]!, form: 'numbered-label' }
  const d = NUMBER_DASH_LABEL.exec(folded)
  if (d) return { value: Number(d[1]), text: d[1]!, form: 'number-dash-label' }
  return undefined
}

/** The form of a score cell other than a bare number or a label, or undefined (for the summary). */
export function answerFormOf(cell: string): AnswerForm | undefined {
  const t = cell.trim()
  if (t === '' || (t.length === 1 && t >= '0' && t <= '9')) return undefined
  const f = foldLabel(t)
  if (SCORE_LABELS[f] !== undefined || SKIP_MARKERS.has(f)) return undefined
  const n = numberInAnswer(f)
  return n && n.form !== 'plain' ? n.form : undefined
}

/**
 * A loyalty answer on a 0–10 scale ("how likely are you to recommend …") as a 1–5 score:
 * 1 + 4 × v / 10, rounded to the nearest whole score (0 → 1, 5 → 3, 7 → 3.8 → 4, 10 → 5). The
 * same forms as parseScore (7分, (7)…); above 10 or below 0 is invalid.
 */
export function parseLoyaltyOfTen(cell: string): ScoreCell {
  const t = cell.trim()
  if (t === '') return EMPTY
  const f = foldLabel(t)
  if (SKIP_MARKERS.has(f)) return EMPTY
  const n = numberInAnswer(f)
  if (!n) return { kind: 'invalid', reason: msg('surveyImport.score.notScoreOfTen', { text: quote(t, 40) }) }
  if (!Number.isInteger(n.value)) return { kind: 'invalid', reason: msg('surveyImport.score.notWholeOfTen', { score: n.text }) }
  if (n.value < 0 || n.value > 10) return { kind: 'invalid', reason: msg('surveyImport.score.outOfRangeOfTen', { score: n.text }) }
  return scoreOf(loyaltyFromTen(n.value))
}

/** 1 + 4 × v / 10 rounded: the 1–5 score of a 0–10 answer. */
export function loyaltyFromTen(v: number): number {
  return Math.round(1 + (4 * v) / 10)
}
