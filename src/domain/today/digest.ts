import { formatInstant } from '../calendar/dates.js'
import { t } from '../i18n/catalog.js'
import { SECTIONS, type Section, type TodayItem } from './items.js'

/** The digest of `icm today`: items grouped by department (its positions' items with it). */

export interface UnitInfo {
  code: string
  name: string
  kind: 'department' | 'position'
  /** the parent unit's code */
  parent: string | null
}

export interface UnitDigest {
  /** the department's code; null for the company-wide group (an assessment period to finalize) */
  unit: string | null
  name: string
  items: TodayItem[]
}

/** The department a unit's items are listed under: itself, or a position's parent. */
export function departmentOf(code: string, units: ReadonlyMap<string, UnitInfo>): string {
  const u = units.get(code)
  if (u && u.kind === 'position' && u.parent !== null) return u.parent
  return code
}

const sectionRank = new Map<Section, number>(SECTIONS.map((s, i) => [s, i]))

/** Section order, overdue before due, the latest first, then the earliest due, then code. */
export function compareItems(a: TodayItem, b: TodayItem): number {
  return (
    sectionRank.get(a.section)! - sectionRank.get(b.section)! ||
    (a.state === b.state ? 0 : a.state === 'overdue' ? -1 : 1) ||
    b.late - a.late ||
    a.daysLeft - b.daysLeft ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
    ((a.unit ?? '') < (b.unit ?? '') ? -1 : (a.unit ?? '') > (b.unit ?? '') ? 1 : 0)
  )
}

/**
 * Groups items by department, the company-wide group first and then by department code. With
 * `only` a department keeps its group (its positions' items too), a position only its own items,
 * and the company-wide group is left out.
 */
export function groupByUnit(items: readonly TodayItem[], units: ReadonlyMap<string, UnitInfo>, only?: UnitInfo): UnitDigest[] {
  const groups = new Map<string | null, TodayItem[]>()
  for (const it of items) {
    if (only) {
      if (it.unit === null) continue
      if (only.kind === 'position' ? it.unit !== only.code : departmentOf(it.unit, units) !== only.code) continue
    }
    const key = it.unit === null ? null : departmentOf(it.unit, units)
    groups.set(key, [...(groups.get(key) ?? []), it])
  }
  const keys = [...groups.keys()].sort((a, b) => (a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0))
  return keys.map((k) => ({
    unit: k,
    name: k === null ? '' : (units.get(k)?.name ?? ''),
    items: [...groups.get(k)!].sort(compareItems),
  }))
}

export function countItems(groups: readonly UnitDigest[]): number {
  return groups.reduce((n, g) => n + g.items.length, 0)
}

/** The heading of a group: 'IT 信息技术部', or the company-wide words. */
export function groupHeading(g: UnitDigest): string {
  return g.unit === null ? t('today.company') : `${g.unit} ${g.name}`.trim()
}

export function sectionHeading(s: Section): string {
  return t(`today.section.${s}`)
}

/** How late or how soon, in words: 'overdue 73.0 business h', 'overdue 3 d', 'due today', 'due in 2 d'. */
export function timingWords(it: TodayItem): string {
  if (it.state === 'overdue') {
    if (it.lateUnit === 'businessHours') return t('today.late.businessHours', { n: it.late.toFixed(1) })
    // a request waiting on its customer counts the days waited; anything else the days past its due time
    if (it.lateUnit === 'businessDays') return t(it.what === 'waiting' ? 'today.late.businessDays' : 'today.late.overdueBusinessDays', { n: it.late.toFixed(1) })
    return it.late === 0 ? t('today.due.now') : t('today.late.days', { n: it.late })
  }
  if (it.daysLeft === 0) {
    return it.due !== null && it.due.includes('T') ? t('today.due.at', { time: formatInstant(new Date(it.due)).slice(11, 16) }) : t('today.due.today')
  }
  return t('today.due.in', { n: it.daysLeft })
}

/** One item as a line: its code, the acting unit when a position's, what, how late, and the command. */
export function itemLine(it: TodayItem, group: UnitDigest): string {
  const who = it.unit !== null && it.unit !== group.unit ? ` [${it.unit}]` : ''
  return t('today.line', { code: it.code, who, what: t(`today.what.${it.what}`, { title: it.shownTitle ?? it.title }), timing: timingWords(it), command: it.command })
}

/** The items of a group in section blocks: [section heading, lines][]. */
export function sectionsOf(g: UnitDigest): { section: Section; heading: string; lines: string[] }[] {
  const out: { section: Section; heading: string; lines: string[] }[] = []
  for (const it of g.items) {
    let block = out.at(-1)
    if (!block || block.section !== it.section) {
      block = { section: it.section, heading: sectionHeading(it.section), lines: [] }
      out.push(block)
    }
    block.lines.push(itemLine(it, g))
  }
  return out
}
