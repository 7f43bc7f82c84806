import { barChart } from '../../cli/bar-chart.js'
import type { AppContext } from '../../cli/context.js'
import { printCaption, printJson, printRows, printText, warn } from '../../cli/output.js'
import type { AnnualRow } from '../../domain/assessment/annual.js'
import type { AssessPolicy } from '../../domain/assessment/assessment.js'
import { scoreText } from '../../domain/assessment/explain.js'
import { isProvisional, type ScoreRow, type ScoreTable } from '../../domain/assessment/score-table.js'
import { parsePeriod } from '../../domain/calendar/period.js'
import { formatInstant } from '../../domain/calendar/dates.js'
import { format1 } from '../../domain/rounding.js'
import { columnTitle } from '../../cli/people-csv.js'
import { isChinese, label, t as tr } from '../../domain/i18n/catalog.js'

/** How the assess commands show a score table: its JSON, the printed table, the CSV for payroll. */

/** An instant as shown (ISO 8601 with the local offset); null stays null. */
export function shownAt(t: Date | null): string | null {
  return t === null ? null : formatInstant(t)
}

/** One row of the score table as JSON (the same on every run with the same inputs). */
export function rowJson(r: ScoreRow) {
  const c = r.components
  return {
    rank: r.rank,
    unit: r.code,
    name: r.name,
    S: c.S,
    T: c.T,
    C: c.C,
    H: c.H,
    self: c.self,
    superior: c.superior,
    total: r.total,
    grade: r.grade,
    bonus: r.bonus,
    insufficientData: r.total === null,
  }
}

/** The table as one JSON object: period, state, the policy used and the rows. No run time, so equal inputs give equal bytes. */
export function tableJson(t: ScoreTable, rows: readonly ScoreRow[]) {
  return {
    period: t.period,
    level: t.level,
    state: t.state,
    provisional: isProvisional(t),
    weights: t.policy.weights,
    grades: t.policy.grades,
    bonus: t.policy.bonus,
    minResponses: t.policy.minResponses,
    complaintFree: t.policy.complaintFree,
    inputsHash: t.inputsHash,
    finalizedAt: shownAt(t.finalizedAt),
    finalizedBy: t.finalizedBy,
    rows: rows.map(rowJson),
  }
}

/** 'final since …' or 'draft computed …', and 'provisional' when computed before the period ended. */
export function stateText(t: ScoreTable): string {
  const state = t.state === 'final' ? tr('assess.state.finalSince', { at: String(shownAt(t.finalizedAt)) }) : tr('assess.state.draftComputed', { at: String(shownAt(t.computedAt)) })
  return isProvisional(t) ? `${state} — ${provisionalText(t)}` : state
}

/** Why a table is provisional, in words. */
export function provisionalText(t: Pick<ScoreTable, 'period'>): string {
  return tr('assess.provisional', { period: t.period, end: parsePeriod(t.period).endDate })
}

export function weightsCaption(policy: AssessPolicy): string {
  const w = policy.weights
  return tr('assess.weights', { S: w.S, T: w.T, C: w.C, H: w.H, self: w.self, superior: w.superior, bands: bandsText(policy) })
}

/** 'grades A≥90 B≥80 C≥70 D≥60' */
export function bandsText(policy: Pick<AssessPolicy, 'grades'>): string {
  const g = policy.grades
  return tr('assess.bands', { A: g.A, B: g.B, C: g.C, D: g.D })
}

/** A total as shown; 'insufficient data' stays English when piped (a value scripts read), in words on a terminal. */
const totalText = (total: number | null, term = false) => (total === null ? (term ? tr('assessExplain.insufficient') : 'insufficient data') : format1(total))

/** Whether the rows go to a person (a terminal, not CSV): values may then be in words of the interface language. */
export const onTerminal = (ctx: AppContext) => ctx.io.stdoutIsTTY && !ctx.csv
const coefficientText = (bonus: number | null) => (bonus === null ? '' : bonus.toFixed(2))

/** The table: JSON, or a caption, the rows and (with chart, on a terminal) a bar chart of the totals. */
export async function printTable(ctx: AppContext, t: ScoreTable, rows: readonly ScoreRow[], opts: { chart?: boolean } = {}): Promise<void> {
  if (ctx.json) {
    printJson(ctx, tableJson(t, rows))
    return
  }
  printCaption(ctx, `${tr('assess.caption', { period: t.period, level: isChinese() ? label('level', t.level) : t.level, state: stateText(t) })}\n${weightsCaption(t.policy)}`)
  // piped output has no caption: say it on stderr, so a script's reader still learns it
  if (!ctx.io.stdoutIsTTY && isProvisional(t)) warn(ctx, tr('assess.isProvisional', { period: t.period, text: provisionalText(t) }))
  const term = onTerminal(ctx)
  const scoreText = (v: number | null) => scoreShown(v, term)
  await printRows(
    ctx,
    rows,
    [
      { header: 'rank', title: columnTitle('rank'), value: (r) => r.rank ?? '', align: 'right' },
      { header: 'unit', title: columnTitle('unit'), value: (r) => r.code },
      { header: 'name', title: columnTitle('name'), value: (r) => r.name },
      { header: 'S', title: columnTitle('S'), value: (r) => scoreText(r.components.S), align: 'right' },
      { header: 'T', title: columnTitle('T'), value: (r) => scoreText(r.components.T), align: 'right' },
      { header: 'C', title: columnTitle('C'), value: (r) => scoreText(r.components.C), align: 'right' },
      { header: 'H', title: columnTitle('H'), value: (r) => scoreText(r.components.H), align: 'right' },
      { header: 'self', title: columnTitle('self'), value: (r) => scoreText(r.components.self), align: 'right' },
      { header: 'superior', title: columnTitle('superior'), value: (r) => scoreText(r.components.superior), align: 'right' },
      { header: 'total', title: columnTitle('total'), value: (r) => totalText(r.total, term), align: 'right' },
      { header: 'grade', title: columnTitle('grade'), value: (r) => r.grade ?? '' },
      { header: 'bonus', title: columnTitle('bonus'), value: (r) => coefficientText(r.bonus), align: 'right' },
    ],
    { csv: ctx.csv, empty: tr('assess.noUnits', { level: isChinese() ? label('level', t.level) : t.level }) },
  )
  if (opts.chart && !ctx.csv && ctx.io.stdoutIsTTY && rows.length > 0) {
    printText(ctx, `\n${barChart(rows.map((r) => ({ label: `${r.code} ${r.name}`, value: r.total })))}`)
  }
}

/** A score as a table shows it: 'n/a' when piped (a value scripts read), in the interface language on a terminal. */
function scoreShown(v: number | null, term: boolean): string {
  return v === null && term ? tr('assessExplain.na') : scoreText(v)
}

/** The columns of the annual table, printed and exported alike (term: a terminal, where values may be words). */
export function annualColumns(term = false) {
  const scoreText = (v: number | null) => scoreShown(v, term)
  return [
    { header: 'rank', title: columnTitle('rank'), value: (r: AnnualRow) => r.rank ?? '', align: 'right' as const },
    { header: 'unit', title: columnTitle('unit'), value: (r: AnnualRow) => r.unit },
    { header: 'name', title: columnTitle('name'), value: (r: AnnualRow) => r.name },
    { header: 'H1', title: columnTitle('H1'), value: (r: AnnualRow) => scoreText(r.H1), align: 'right' as const },
    { header: 'H2', title: columnTitle('H2'), value: (r: AnnualRow) => scoreText(r.H2), align: 'right' as const },
    { header: 'annual', title: columnTitle('annual'), value: (r: AnnualRow) => totalText(r.total, term), align: 'right' as const },
    { header: 'grade', title: columnTitle('grade'), value: (r: AnnualRow) => r.grade ?? '' },
    { header: 'bonus', title: columnTitle('bonus'), value: (r: AnnualRow) => coefficientText(r.bonus), align: 'right' as const },
    { header: 'recognitions', title: columnTitle('recognitions'), value: (r: AnnualRow) => r.recognitions.join('; ') },
    { header: 'rewards', title: tr('assess.col.rewards'), value: (r: AnnualRow) => (r.rewards === 0 ? '' : r.rewards.toFixed(2)), align: 'right' as const },
  ]
}

/** A period's table as the payroll file's records: every number to one decimal, empty where n/a. */
export function periodRecords(t: ScoreTable, rows: readonly ScoreRow[]): { header: string[]; rows: string[][] } {
  const header = ['period', 'state', 'rank', 'unit', 'name', 'S', 'T', 'C', 'H', 'self', 'superior', 'total', 'grade', 'bonus', 'provisional']
  const provisional = isProvisional(t) ? 'yes' : ''
  const cell = (v: number | null) => (v === null ? '' : format1(v))
  const c = (r: ScoreRow) => r.components
  return {
    header,
    rows: rows.map((r) => [t.period, t.state, r.rank === null ? '' : String(r.rank), r.code, r.name, cell(c(r).S), cell(c(r).T), cell(c(r).C), cell(c(r).H), cell(c(r).self), cell(c(r).superior), cell(r.total), r.grade ?? '', r.bonus === null ? '' : String(r.bonus), provisional]),
  }
}

/** The annual table as the payroll file's records, with the columns it is printed with. */
export function annualRecords(rows: readonly AnnualRow[]): { header: string[]; rows: string[][] } {
  const columns = annualColumns()
  return { header: columns.map((c) => c.header), rows: rows.map((r) => columns.map((c) => String(c.value(r)))) }
}
