import path from 'node:path'
import type { AppContext } from '../../cli/context.js'
import { checkOutputPath } from '../../cli/output-file.js'
import { workbookBytes, type SheetColumn, type SheetSpec } from '../../cli/workbook.js'
import type { AnnualRow } from '../../domain/assessment/annual.js'
import type { AssessPolicy } from '../../domain/assessment/assessment.js'
import type { BonusLine } from '../../domain/assessment/bonus.js'
import { COMPONENT_KEYS, GRADES } from '../../domain/assessment/kpi.js'
import type { ScoreRow, ScoreTable } from '../../domain/assessment/score-table.js'
import { UserError } from '../../domain/errors.js'
import { quote } from '../../domain/excerpt.js'
import { label, t } from '../../domain/i18n/catalog.js'
import { columnTitle } from '../../cli/people-csv.js'
import { shownAt } from './views.js'

/** The workbooks of `assess export --xlsx` and `assess bonus --xlsx`: the table, then its policy and hash. */

/**
 * The checked path of --xlsx: an .xlsx file that is not the --out file of the same command nor
 * one of its inputs, and passes the file rules (DESIGN.md §8). Undefined when the user declined
 * to replace it.
 */
export async function xlsxTarget(ctx: AppContext, file: string, opts: { out?: string; inputs?: readonly string[]; yes?: boolean }): Promise<string | undefined> {
  if (opts.out !== undefined && path.resolve(ctx.cwd, opts.out) === path.resolve(ctx.cwd, file)) {
    throw new UserError(t('assess.xlsx.sameFile', { file: quote(file) }), t('assess.xlsx.sameFile.hint'))
  }
  if (!/\.xlsx$/i.test(file)) throw new UserError(t('assess.xlsx.notXlsx', { file: quote(file) }), t('assess.eg', { command: '--xlsx 2026H1-scores.xlsx' }))
  return checkOutputPath(ctx, file, { flag: '--xlsx', yes: opts.yes, inputs: opts.inputs })
}

const componentHeader = (k: (typeof COMPONENT_KEYS)[number]) => (k === 'self' ? t('htmlReport.col.self') : k === 'superior' ? t('htmlReport.col.superior') : k)

function policySheet(items: readonly [string, string | number | null][]): SheetSpec {
  return {
    name: t('workbook.sheet.policy'),
    columns: [
      { header: t('workbook.col.item'), kind: 'text' },
      { header: t('workbook.col.value'), kind: 'text' },
    ],
    rows: items.map(([k, v]) => [k, v === null ? '' : String(v)]),
  }
}

function policyItems(p: AssessPolicy): [string, string | number][] {
  return [
    ...COMPONENT_KEYS.map((k) => [t('workbook.weight', { key: componentHeader(k) }), p.weights[k]] as [string, number]),
    ...(['A', 'B', 'C', 'D'] as const).map((g) => [t('workbook.gradeFrom', { grade: g }), p.grades[g]] as [string, number]),
    ...GRADES.map((g) => [t('workbook.coefficient', { grade: g }), p.bonus[g].toFixed(2)] as [string, string]),
    [t('workbook.minResponses'), p.minResponses],
    [t('workbook.complaintFree'), p.complaintFree],
  ]
}

/** The table's own lines of the policy sheet: period, level, state, who finalized it when, its hashes. */
function tableItems(table: ScoreTable): [string, string | null][] {
  return [
    [t('htmlReport.col.period'), table.period],
    [t('workbook.level'), label('level', table.level)],
    [t('htmlReport.col.state'), t(`htmlReport.state.${table.state}`)],
    [t('workbook.finalizedAt'), shownAt(table.finalizedAt)],
    [t('workbook.finalizedBy'), table.finalizedBy],
    [t('workbook.rowsHash'), table.rowsHash],
    [t('workbook.inputsHash'), table.inputsHash],
  ]
}

const unitColumns = (): SheetColumn[] => [
  { header: t('htmlReport.col.unit'), kind: 'text' },
  { header: t('workbook.col.name'), kind: 'text' },
]

/** A period's score table as a workbook. */
export async function periodWorkbook(ctx: AppContext, table: ScoreTable, rows: readonly ScoreRow[]): Promise<Uint8Array> {
  const scores: SheetSpec = {
    name: t('workbook.sheet.scores'),
    columns: [
      { header: t('htmlReport.col.rank'), kind: 'integer' },
      ...unitColumns(),
      ...COMPONENT_KEYS.map((k) => ({ header: componentHeader(k), kind: 'score' as const })),
      { header: t('htmlReport.col.total'), kind: 'score' },
      { header: t('htmlReport.col.grade'), kind: 'grade' },
      { header: t('htmlReport.col.coefficient'), kind: 'coefficient' },
    ],
    rows: rows.map((r) => [r.rank, r.code, r.name, ...COMPONENT_KEYS.map((k) => r.components[k]), r.total, r.grade, r.bonus]),
  }
  return workbookBytes([scores, policySheet([...tableItems(table), ...policyItems(table.policy)])], { creator: 'icm', created: ctx.now() })
}

/** The annual table as a workbook. */
export async function annualWorkbook(ctx: AppContext, year: number, rows: readonly AnnualRow[], policy: AssessPolicy, finals: readonly string[]): Promise<Uint8Array> {
  const annual: SheetSpec = {
    name: t('workbook.sheet.annual'),
    columns: [
      { header: t('htmlReport.col.rank'), kind: 'integer' },
      ...unitColumns(),
      { header: columnTitle('H1'), kind: 'score' },
      { header: columnTitle('H2'), kind: 'score' },
      { header: t('htmlReport.col.total'), kind: 'score' },
      { header: t('htmlReport.col.grade'), kind: 'grade' },
      { header: t('htmlReport.col.coefficient'), kind: 'coefficient' },
      { header: t('workbook.col.recognitions'), kind: 'text' },
    ],
    rows: rows.map((r) => [r.rank, r.unit, r.name, r.H1, r.H2, r.total, r.grade, r.bonus, r.recognitions.join('; ')]),
  }
  const items: [string, string | number][] = [[t('htmlReport.col.period'), String(year)], [t('workbook.finals'), finals.join(', ')], ...policyItems(policy)]
  return workbookBytes([annual, policySheet(items)], { creator: 'icm', created: ctx.now() })
}

/** Each unit's bonus, the total, and the table's policy and hash. */
export async function bonusWorkbook(ctx: AppContext, table: ScoreTable, items: readonly BonusLine[], baseTotal: number, total: number): Promise<Uint8Array> {
  const bonus: SheetSpec = {
    name: t('workbook.sheet.bonus'),
    columns: [
      ...unitColumns(),
      { header: t('htmlReport.col.grade'), kind: 'grade' },
      { header: t('htmlReport.col.coefficient'), kind: 'coefficient' },
      { header: t('workbook.col.base'), kind: 'money' },
      { header: t('workbook.col.bonus'), kind: 'money' },
    ],
    rows: items.map((i) => [i.unit, i.name, i.grade, i.coefficient, i.base, i.bonus]),
    totalRow: [t('workbook.total'), '', null, null, baseTotal, total],
  }
  return workbookBytes([bonus, policySheet([...tableItems(table), ...policyItems(table.policy)])], { creator: 'icm', created: ctx.now() })
}
