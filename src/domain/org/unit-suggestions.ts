import { foldUnitName } from './unit-names.js'

/**
 * "Did you mean" for a unit reference that names no unit (DESIGN.md §7): the units whose code or
 * folded name is closest by edit distance, or that contain the typed text (信息部 → 信息技术部),
 * at most three, nearest first.
 */
export interface SuggestableUnit {
  code: string
  name: string
}

/** Levenshtein distance over code points (a Chinese character counts as one). */
export function editDistance(a: string, b: string): number {
  const x = [...a]
  const y = [...b]
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const current = [i]
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[y.length]!
}

/**
 * Everyday names of departments that differ from the official ones (人事部 for 人力资源部): used
 * only to suggest, never to match (a match must be certain; a suggestion may be wrong).
 */
const EVERYDAY_NAMES: readonly (readonly [everyday: string, official: string])[] = [
  ['人事', '人力资源'],
  ['信息', '信息技术'],
  ['电脑', '信息技术'],
  ['网管', '信息技术'],
  ['品质', '质量'],
  ['品管', '质量管理'],
  ['质检', '质量'],
  ['总务', '行政'],
  ['综合', '行政'],
  ['会计', '财务'],
  ['仓库', '仓储'],
  ['物流', '仓储物流'],
  ['市场', '销售'],
  ['营销', '销售'],
  ['技术', '研发'],
  ['供应', '采购'],
]

/** The words a department name is often typed without: 部, 部门, 处, 室, 中心. */
function stem(folded: string): string {
  return folded.replace(/(部门|部|处|室|中心|科)$/u, '')
}

export function suggestUnits<U extends SuggestableUnit>(units: readonly U[], text: string, limit = 3): U[] {
  const wanted = foldUnitName(text)
  if (wanted === '') return []
  const stems = [stem(wanted), ...EVERYDAY_NAMES.filter(([everyday]) => stem(wanted).startsWith(everyday)).map(([everyday, official]) => official + stem(wanted).slice(everyday.length))]
  const scored: { unit: U; score: number }[] = []
  for (const u of units) {
    const code = u.code.toLowerCase()
    const name = foldUnitName(u.name)
    // a typo in a code or an English name is one letter in three; in Chinese one character already changes the word
    const ascii = /^[\x00-\x7f]*$/.test(wanted)
    const distance = Math.min(editDistance(wanted, code), editDistance(wanted, name), ...stems.map((s) => editDistance(s, stem(name))))
    const within = distance <= (ascii ? Math.max(1, Math.floor(wanted.length / 3)) : Math.floor([...stem(wanted)].length / 3))
    const contains = stems.some((s) => s.length > 0 && (name.includes(s) || code.includes(s) || (stem(name).length > 0 && s.includes(stem(name)))))
    if (within || contains) scored.push({ unit: u, score: within ? distance : distance + 10 })
  }
  return scored
    .sort((a, b) => a.score - b.score || a.unit.code.localeCompare(b.unit.code))
    .slice(0, limit)
    .map((s) => s.unit)
}
