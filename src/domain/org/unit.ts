import { UserError } from '../errors.js'
import { quote } from '../excerpt.js'

/** Rules for units (departments and positions), DESIGN.md §2. */
export const UNIT_KINDS = ['department', 'position'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/

/** A code as given, or UserError: letters, digits, '-', '_' and '.', up to 40 characters. */
export function checkCode(code: string, what: string, exampleCode: string): string {
  const c = code.trim()
  if (!CODE_RE.test(c)) {
    throw new UserError(`invalid ${what} ${quote(code)}`, `use letters, digits, - _ and . (up to 40), e.g. ${exampleCode}`)
  }
  return c
}

export function checkUnitCode(code: string): string {
  return checkCode(code, 'unit code', 'IT-HELPDESK')
}

const KIND_ALIASES: Record<string, UnitKind> = {
  department: 'department',
  dept: 'department',
  部门: 'department',
  部門: 'department',
  position: 'position',
  岗位: 'position',
  崗位: 'position',
  职位: 'position',
  職位: 'position',
}

export function parseUnitKind(text: string): UnitKind {
  const k = KIND_ALIASES[text.trim().toLowerCase()]
  if (!k) throw new UserError(`invalid unit kind ${quote(text)}`, 'use department or position')
  return k
}

export function checkName(text: string, what: string): string {
  const t = text.trim()
  if (t === '') throw new UserError(`${what} cannot be empty`)
  return t
}

/**
 * A unit's parent must fit its kind: a position belongs to a department (required); a
 * department's parent, when it has one, is a department.
 */
export function checkParentKind(code: string, kind: UnitKind, parent: { code: string; kind: UnitKind } | null): void {
  if (kind === 'position' && !parent) {
    throw new UserError(`position ${code} needs a parent department`, 'add --parent DEPT, e.g. --parent IT')
  }
  if (parent && parent.kind !== 'department') {
    throw new UserError(`the parent of ${code} must be a department, but ${parent.code} is a position`)
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
