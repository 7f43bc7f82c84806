import type { AppContext } from '../../cli/context.js'
import type { CsvTextRow } from '../../cli/files.js'
import { requireUnit } from '../../cli/lookups.js'
import { checkOutputPath, writeOutputFile } from '../../cli/output-file.js'
import { confirm, printJson, printRows, warn } from '../../cli/output.js'
import { peopleCsv, peopleHeader, type PeopleFormat } from '../../cli/people-csv.js'
import type { AssessLevel } from '../../domain/assessment/assessment.js'
import { parseBaseAmount, unitBonus } from '../../domain/assessment/bonus.js'
import { personBonusTotals, type BaseColumns, type PersonBonus } from '../../domain/assessment/person-bonus.js'
import { describeBadLines } from '../../domain/bad-lines.js'
import { errorWithCode, UserError, type ExitCodeValue } from '../../domain/errors.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { findCoefficients, requireCoefficients, type BonusSource, type CoefficientTable } from './bonus-sources.js'
import { columnTitle } from '../../cli/people-csv.js'
import { t } from '../../domain/i18n/catalog.js'
import { onTerminal } from './views.js'

/**
 * `assess bonus` with a file of people (policy 8.四): each person's base × the coefficient of
 * their position's row when the positions were assessed, else of their department's row; a
 * person whose unit has no grade gets n/a and a warning, never a silent 0.
 */
export interface PersonBonusRequest {
  src: BonusSource
  /** given --level: department = every person by their department; position = positions must have been assessed */
  level: AssessLevel | undefined
  /** the base file as given (--out may not replace it) and as messages name it */
  file: string
  shown: string
  lines: CsvTextRow[]
  cols: BaseColumns
  out?: string
  yes?: boolean
  /** how the --out file is written (files for people, DESIGN.md §7) */
  format: PeopleFormat
}

export async function personBonusRun(ctx: AppContext, req: PersonBonusRequest): Promise<void> {
  const store = await ctx.store()
  const db = store.db
  const positions: CoefficientTable | undefined = req.level === 'department' ? undefined : req.level === 'position' ? await requireCoefficients(db, req.src, 'position') : await findCoefficients(db, req.src, 'position')
  const departments = await findCoefficients(db, req.src, 'department')
  let needsDepartments = false
  const used = new Set<CoefficientTable>()
  const codes = await unitCodesById(db)
  const problems: { line: number; reason: string; exitCode: ExitCodeValue }[] = []
  const people: PersonBonus[] = []
  for (const { line, cells, problem } of req.lines) {
    if (problem !== undefined) {
      problems.push({ line, reason: problem, exitCode: 3 })
      continue
    }
    try {
      const unit = await requireUnit(db, cells[req.cols.unit] ?? '')
      const base = parseBaseAmount(cells[req.cols.base] ?? '')
      let from: CoefficientTable
      let assessed: number
      if (unit.kind === 'position' && positions) {
        from = positions
        assessed = unit.id
      } else {
        if (!departments) {
          needsDepartments = true
          continue
        }
        from = departments
        assessed = unit.kind === 'position' && unit.parent_id !== null ? unit.parent_id : unit.id
      }
      const row = from.rows.find((r) => r.unitId === assessed)
      const assessedCode = codes.get(assessed) ?? unit.code
      if (!row) throw new UserError(t('assess.notInTable', { unit: `${assessedCode}${assessedCode === unit.code ? '' : t('assess.bonus.departmentOf', { unit: unit.code })}`, name: from.name }))
      people.push({ person: (cells[req.cols.person] ?? '').trim(), unit: unit.code, assessedAs: assessedCode, grade: row.grade, coefficient: row.bonus, base, bonus: unitBonus(base, row.bonus) })
      used.add(from)
    } catch (e) {
      problems.push({ line, reason: (e as Error).message, exitCode: (e as { exitCode?: ExitCodeValue }).exitCode ?? 3 })
    }
  }
  // a period without a department table is the whole file's problem (exit 3, with the hint to run it)
  if (needsDepartments) await requireCoefficients(db, req.src, 'department')
  if (problems.length > 0) {
    // the exit code is the first bad line's: 4 for an unknown unit, 3 for a bad amount
    throw errorWithCode(problems[0]!.exitCode, t('assess.bonus.bad', { file: req.shown, lines: describeBadLines(problems[0]!, problems.length) }), t('assess.bonus.bad.hint'))
  }
  if (people.length === 0) throw new UserError(t('assess.bonus.noPeople', { file: req.shown }))
  const out = req.out === undefined ? undefined : await checkOutputPath(ctx, req.out, { flag: '--out', yes: req.yes, inputs: [req.file] })
  if (req.out !== undefined && out === undefined) return
  for (const table of used) if (table.table.state !== 'final') warn(ctx, t('assess.bonus.draft', { name: table.name, command: 'icm assess finalize' }))
  const totals = personBonusTotals(people)
  if (totals.missing.length > 0) {
    const who = people.filter((p) => p.bonus === null).map((p) => `${p.person} (${p.assessedAs})`)
    warn(ctx, t('assess.bonus.noGrade', { people: who.join(', ') }))
  }
  const money = (v: number | null) => (v === null ? 'n/a' : v.toFixed(2))
  const label = req.src.period ? req.src.period.code : String(req.src.year)
  if (out !== undefined) {
    const header = ['table', 'person', 'unit', 'assessed_as', 'grade', 'coefficient', 'base_amount', 'amount']
    const rows = people.map((p) => [label, p.person, p.unit, p.assessedAs, p.grade ?? '', p.coefficient === null ? '' : String(p.coefficient), p.base.toFixed(2), money(p.bonus)])
    writeOutputFile(out, await peopleCsv(peopleHeader(header, req.format), rows, req.format))
  }
  const state = [...used].every((u) => u.table.state === 'final') ? 'final' : 'draft'
  if (ctx.json) {
    const where = req.src.period ? { period: label } : { year: req.src.year }
    printJson(ctx, { ...where, levels: [...used].map((u) => u.table.level), state, people, units: totals.units, baseTotal: totals.baseTotal, total: totals.total, missing: totals.missing })
  } else {
    const blank = { grade: null, coefficient: null, assessedAs: '' }
    const term = onTerminal(ctx)
    const totalOf = (unit: string) => (term ? t('assess.bonus.unitTotal', { unit }) : `total ${unit}`)
    await printRows(
      ctx,
      [...people, ...totals.units.map((u) => ({ ...blank, person: totalOf(u.unit), unit: u.unit, base: u.baseTotal, bonus: u.total })), { ...blank, person: term ? t('assess.bonus.total') : 'total', unit: '', base: totals.baseTotal, bonus: totals.total }],
      [
        { header: 'person', title: columnTitle('person'), value: (p) => p.person },
        { header: 'unit', title: columnTitle('unit'), value: (p) => p.unit },
        { header: 'assessed as', title: t('assess.col.assessedAs'), value: (p) => p.assessedAs },
        { header: 'grade', title: columnTitle('grade'), value: (p) => p.grade ?? '' },
        { header: 'coefficient', title: columnTitle('coefficient'), value: (p) => (p.coefficient === null ? '' : p.coefficient.toFixed(2)), align: 'right' },
        { header: 'base', title: t('assess.col.base'), value: (p) => p.base.toFixed(2), align: 'right' },
        { header: 'bonus', title: t('assess.col.bonus'), value: (p) => (term && p.bonus === null ? t('assessExplain.na') : money(p.bonus)), align: 'right' },
      ],
      { csv: ctx.csv },
    )
  }
  if (out !== undefined) confirm(ctx, t('assess.bonus.writtenPeople', { n: people.length, file: out }))
}
