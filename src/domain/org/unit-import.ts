import { ExitCode, type ExitCodeValue } from '../errors.js'
import { toSimplified } from './unit-names.js'
import { checkUnitCode, parseUnitKind, type UnitKind } from './unit.js'
import { quote } from '../excerpt.js'
import { t } from '../i18n/catalog.js'

/**
 * Plans `icm unit import`: checks every row of the file against the others and the units already
 * in the database, all or nothing. Parents may come later in the same file.
 */
export interface UnitImportRow {
  line: number
  code: string
  name: string
  kind: string
  parent: string
  head: string
  duties: string
}

export interface PlannedUnit {
  line: number
  code: string
  name: string
  kind: UnitKind
  /** the parent's code as in the file or the database, or null */
  parent: string | null
  head: string | null
  duties: string | null
}

export interface ImportProblem {
  line: number
  reason: string
  exitCode: ExitCodeValue
}

export const UNIT_IMPORT_HEADERS: Record<string, keyof Omit<UnitImportRow, 'line'>> = {
  code: 'code',
  编码: 'code',
  代码: 'code',
  name: 'name',
  名称: 'name',
  kind: 'kind',
  类型: 'kind',
  parent: 'parent',
  上级: 'parent',
  所属部门: 'parent',
  head: 'head',
  负责人: 'head',
  duties: 'duties',
  职责: 'duties',
  单位代码: 'code',
  部门代码: 'code',
  单位名称: 'name',
  部门名称: 'name',
  单位类型: 'kind',
  种类: 'kind',
  上级部门: 'parent',
  上级单位: 'parent',
  部门负责人: 'head',
  岗位职责: 'duties',
  部门职责: 'duties',
}

/** The field a header cell names: English or Chinese, simplified or traditional (编码, 名稱 …); undefined if none. */
export function unitImportField(header: string): keyof Omit<UnitImportRow, 'line'> | undefined {
  const key = header.replace(/^\uFEFF/, '').normalize('NFKC').trim().toLowerCase()
  return UNIT_IMPORT_HEADERS[key] ?? UNIT_IMPORT_HEADERS[toSimplified(key)]
}

export function planUnitImport(
  rows: UnitImportRow[],
  existing: ReadonlyMap<string, { code: string; kind: UnitKind }>,
): { units: PlannedUnit[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = []
  const bad = (line: number, reason: string, exitCode: ExitCodeValue = ExitCode.invalid) => problems.push({ line, reason, exitCode })
  const inFile = new Map<string, PlannedUnit>()
  const units: PlannedUnit[] = []

  for (const r of rows) {
    let code: string
    let kind: UnitKind
    try {
      code = checkUnitCode(r.code)
      kind = parseUnitKind(r.kind)
    } catch (e) {
      bad(r.line, (e as Error).message)
      continue
    }
    if (r.name.trim() === '') {
      bad(r.line, t('unit.import.noName', { code }))
      continue
    }
    const key = code.toUpperCase()
    const earlier = inFile.get(key)
    if (earlier) {
      bad(r.line, t('unit.import.dupLine', { code, line: earlier.line }), ExitCode.conflict)
      continue
    }
    if (existing.has(key)) {
      bad(r.line, t('unit.exists', { code }), ExitCode.conflict)
      continue
    }
    const unit: PlannedUnit = {
      line: r.line,
      code,
      name: r.name.trim(),
      kind,
      parent: r.parent.trim() === '' ? null : r.parent.trim(),
      head: r.head.trim() || null,
      duties: r.duties.trim() || null,
    }
    inFile.set(key, unit)
    units.push(unit)
  }

  for (const u of units) {
    if (!u.parent) {
      if (u.kind === 'position') bad(u.line, t('unit.positionNeedsParent', { code: u.code }))
      continue
    }
    const pKey = u.parent.toUpperCase()
    const parent = inFile.get(pKey) ?? existing.get(pKey)
    if (!parent) {
      bad(u.line, t('unit.import.unknownParent', { parent: quote(u.parent), code: u.code }), ExitCode.notFound)
      continue
    }
    if (parent.kind !== 'department') {
      bad(u.line, t('unit.parentNotDepartment', { code: u.code, parent: parent.code }))
      continue
    }
    u.parent = parent.code
    if (pKey === u.code.toUpperCase() || closesLoop(u, inFile)) bad(u.line, t('unit.import.loop', { code: u.code }))
  }
  problems.sort((a, b) => a.line - b.line)
  return { units, problems }
}

function closesLoop(start: PlannedUnit, inFile: ReadonlyMap<string, PlannedUnit>): boolean {
  const seen = new Set<string>([start.code.toUpperCase()])
  let cur = start.parent ? inFile.get(start.parent.toUpperCase()) : undefined
  while (cur) {
    const key = cur.code.toUpperCase()
    if (seen.has(key)) return key === start.code.toUpperCase()
    seen.add(key)
    cur = cur.parent ? inFile.get(cur.parent.toUpperCase()) : undefined
  }
  return false
}
