import { UserError } from '../errors.js'
import { quote } from '../excerpt.js'
import { isChinese, label, t } from '../i18n/catalog.js'
import { matchEnum } from '../i18n/enums.js'
import { toSimplified } from './unit-names.js'

/** Rules for units (departments and positions), DESIGN.md §2. */
export const UNIT_KINDS = ['department', 'position'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/

/** A code as given, or UserError: letters, digits, '-', '_' and '.', up to 40 characters. */
export function checkCode(code: string, what: string, exampleCode: string): string {
  const c = code.trim()
  if (!CODE_RE.test(c)) {
    throw new UserError(t('org.invalidCode', { what, code: quote(code) }), t('org.invalidCode.hint', { example: exampleCode }))
  }
  return c
}

export function checkUnitCode(code: string): string {
  return checkCode(code, t('unit.codeWhat'), 'IT-HELPDESK')
}

/** A unit kind as typed: department/position, dept, or a Chinese word (部门, 岗位, 职位 …). */
export function parseUnitKind(text: string): UnitKind {
  const kind = matchEnum('unitKind', text.trim().toLowerCase() === 'dept' ? 'department' : text, UNIT_KINDS, toSimplified)
  if (kind !== undefined) return kind
  const values = UNIT_KINDS.map((k) => (isChinese() ? `${label('unitKind', k)} (${k})` : k)).join(', ')
  throw new UserError(t('enum.invalid', { what: t('unit.kindWhat'), text: quote(text) }), t('enum.invalid.hint', { values }))
}

export function checkName(text: string, what: string): string {
  const text_ = text.trim()
  if (text_ === '') throw new UserError(t('org.emptyText', { what }))
  return text_
}

/**
 * A unit's parent must fit its kind: a position belongs to a department (required); a
 * department's parent, when it has one, is a department.
 */
export function checkParentKind(code: string, kind: UnitKind, parent: { code: string; kind: UnitKind } | null): void {
  if (kind === 'position' && !parent) {
    throw new UserError(t('unit.positionNeedsParent', { code }), t('unit.positionNeedsParent.hint'))
  }
  if (parent && parent.kind !== 'department') {
    throw new UserError(t('unit.parentNotDepartment', { code, parent: parent.code }))
  }
}

/** Whether making `parentId` the parent of `id` would close a loop in the hierarchy. */
export function makesCycle(id: number, parentId: number, parentOf: ReadonlyMap<number, number | null>): boolean {
  let cur: number | null | undefined = parentId
  const seen = new Set<number>()
  while (cur !== null && cur !== undefined) {
    if (cur === id) return true
    if (seen.has(cur)) return true
    seen.add(cur)
    cur = parentOf.get(cur)
  }
  return false
}

/** A new unit's fields (it starts active). */
export interface NewUnit {
  code: string
  name: string
  kind: UnitKind
  parentId: number | null
  head: string | null
  duties: string | null
}

/** What an update or deactivation changes; a field left out stays as it is. */
export interface UnitChanges {
  name?: string
  head?: string | null
  duties?: string | null
  parentId?: number
  active?: boolean
}

/** The changes an update asks for that differ from the unit as it is (empty: nothing to do). */
export function unitChanges(u: { name: string; head: string | null; duties: string | null; parentId: number | null }, asked: Omit<UnitChanges, 'active'>): Omit<UnitChanges, 'active'> {
  const changes: Omit<UnitChanges, 'active'> = {}
  if (asked.name !== undefined && asked.name !== u.name) changes.name = asked.name
  if (asked.head !== undefined && asked.head !== u.head) changes.head = asked.head
  if (asked.duties !== undefined && asked.duties !== u.duties) changes.duties = asked.duties
  if (asked.parentId !== undefined && asked.parentId !== u.parentId) changes.parentId = asked.parentId
  return changes
}
