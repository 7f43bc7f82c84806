import { foldUnitName, regionalVariants } from './unit-names.js'
import { suggestUnits, type SuggestableUnit } from './unit-suggestions.js'

/**
 * The units a prompt's search box offers for what has been typed so far: every unit whose code or
 * name contains it, compared folded (any case, traditional or simplified Chinese, regional words:
 * 資訊 finds 信息技术部), codes that start with it first; or, when none does, the "did you mean"
 * units for a name typed differently (信息部 → 信息技术部). Nothing typed: every unit.
 */
export function searchUnits<U extends SuggestableUnit>(units: readonly U[], typed: string): U[] {
  const wanted = foldUnitName(typed)
  if (wanted === '') return [...units]
  const forms = [wanted, ...regionalVariants(typed)]
  const rank = (u: U): number => {
    const code = foldUnitName(u.code)
    if (code === wanted) return 0
    if (code.startsWith(wanted)) return 1
    const name = foldUnitName(u.name)
    if (forms.some((f) => name === f)) return 2
    if (forms.some((f) => name.includes(f))) return 3
    if (code.includes(wanted)) return 4
    return -1
  }
  const found = units
    .map((u) => ({ u, r: rank(u) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r)
    .map((x) => x.u)
  return found.length > 0 ? found : suggestUnits(units, typed)
}
