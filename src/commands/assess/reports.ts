import type { Command } from 'commander'
import { checkOutputPath, writeOutputFile } from '../../cli/output-file.js'
import type { AppContext } from '../../cli/context.js'
import { readCsvFile } from '../../cli/files.js'
import { confirm, printCaption, printJson, printRows, printText, toCsv, warn, shownInstant } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import type { AssessPolicy, UnitDetails } from '../../domain/assessment/assessment.js'
import { describeBadLines } from '../../domain/bad-lines.js'
import { formatInstant } from '../../domain/calendar/dates.js'
import { NotFoundError, UserError } from '../../domain/errors.js'
import { excerpt, quote } from '../../domain/excerpt.js'
import { COMPONENT_KEYS, annualTotal, bonusOf, gradeOf, rankWithTies } from '../../domain/assessment/kpi.js'
import { halvesOf, yearOf } from '../../domain/calendar/period.js'
import { format1, round2 } from '../../domain/rounding.js'
import { listAssessmentRows, listFinalAssessments } from '../../storage/assessments-repo.js'
import { listRecognitions } from '../../storage/recognitions-repo.js'
import type { AssessmentTableRow } from '../../storage/schema-assessments.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { periodOption, requireIntact, requireTable, rowJson } from './index.js'
import { example } from '../../cli/help.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { requireUnit } from '../../cli/lookups.js'

/** Explaining a row, the annual evaluation, and the links to payroll: export and bonus. */
export function registerAssessReports(assess: Command, ctx: AppContext): void {
  example(
    assess
      .command('explain')
      .description("Every number behind one unit's row: responses, late requests, projects, complaints, inputs, weights, total, grade")
      .option('--period <period>', 'e.g. 2026-H1')
      .option('--unit <unit>', 'the unit to explain')
      .action((opts: { period?: string; unit?: string }) => assessExplainRun(ctx, opts)),
    'icm assess explain --period 2026-H1 --unit IT',
  )
  example(
    assess
      .command('annual')
      .description("The year's evaluation: the mean of its final half-year totals, ranked and graded, with the year's recognitions")
      .option('--year <yyyy>', 'e.g. 2026')
      .action((opts: { year?: string; csv?: boolean }) => assessAnnualRun(ctx, opts)),
    'icm assess annual --year 2026',
  )
  example(
    assess
      .command('export')
      .description('Write a score table (a period) or the annual table (a year) as CSV for the payroll team')
      .option('--period <period>', 'a half-year or quarter, e.g. 2026-H1')
      .option('--year <yyyy>', 'the annual table instead')
      .option('--out <file>', 'the CSV file to write')
      .option('--excel', 'start the file with a BOM so Excel reads UTF-8')
      .option('--yes', 'replace an existing file without asking')
      .action((opts: ExportOptions) => assessExportRun(ctx, opts)),
    'icm assess export --period 2026-H1 --out 2026H1-scores.csv --excel',
  )
  example(
    assess
      .command('bonus')
      .description("Each unit's bonus: base amount × the period's bonus coefficient, and the total")
      .option('--period <period>', 'e.g. 2026-H1')
      .option('--base <file>', 'CSV with unit,base_amount (- reads stdin)')
      .action((opts: { period?: string; base?: string; csv?: boolean }) => assessBonusRun(ctx, opts)),
    'icm assess bonus --period 2026-H1 --base bonus-base.csv',
  )
}

const na = (v: number | null) => (v === null ? 'n/a' : format1(v))
const pct = (x: number) => x.toFixed(2)

/** The lines a department head can check by hand, from the stored row. */
export function explainLines(r: AssessmentTableRow, d: UnitDetails, policy: AssessPolicy, rankOf: string): string[] {
  const w = policy.weights
  const out: string[] = []
  out.push(`${r.code} ${r.name}: ${rankOf} · total ${r.total === null ? 'insufficient data' : format1(r.total)}${r.grade ? ` · grade ${r.grade} · bonus coefficient ${r.bonus}` : ''}`)

  out.push('', `S satisfaction = ${na(r.s)}   (weight ${w.S})`)
  if (d.S.responses === 0) out.push('  no service-survey responses rate it in the period → n/a')
  else {
    const mean = d.S.valueSum / d.S.responses
    out.push(`  ${d.S.responses} service-survey responses rate it (overall, else the mean of the four dimensions); values add up to ${round2(d.S.valueSum)}, mean ${round2(mean)}`)
    if (r.s === null) out.push(`  fewer than assess.min_responses = ${d.S.minResponses} responses → n/a`)
    else out.push(`  (${round2(mean)} − 1) / 4 × 100 = ${format1(r.s)}`)
  }

  const counted = d.T.onTime + d.T.late.length
  out.push('', `T response timeliness = ${na(r.t)}   (weight ${w.T})`)
  out.push(`  ${counted + d.T.excluded} requests had their response due in the period: ${d.T.onTime} answered on time, ${d.T.late.length} late, ${d.T.excluded} left out (cancelled before due, or not yet due)`)
  for (const l of d.T.late) {
    out.push(`  late: ${l.code} due ${formatInstant(new Date(l.due))}, ${l.respondedAt ? `answered ${formatInstant(new Date(l.respondedAt))}` : 'still unanswered'}, ${l.businessHoursLate.toFixed(1)} business hours late`)
  }
  if (r.t !== null) out.push(`  100 × ${d.T.onTime} / ${counted} = ${format1(r.t)}`)
  else out.push('  no request counts → n/a')

  out.push('', `C collaboration = ${na(r.c)}   (weight ${w.C})`)
  if (d.C.projects.length === 0) out.push('  no project due in the period → n/a')
  for (const p of d.C.projects) {
    const outcome = p.cancelled ? 'cancelled → left out' : p.completedOn === null ? (p.score === null ? 'open, not yet due → left out' : 'not completed → 0') : p.completedOn <= p.due ? `completed ${p.completedOn}, on time → 100` : `completed ${p.completedOn}, late → 60`
    const quality = p.quality !== null && p.score !== null && p.completedOn !== null ? ` × quality ${p.quality}/5` : ''
    out.push(`  ${p.code} ${p.role}, due ${p.due}: ${outcome}${quality}${p.score !== null ? ` = ${format1(p.score)}` : ''}`)
  }
  const scored = d.C.projects.filter((p) => p.score !== null)
  if (r.c !== null) out.push(`  mean (${scored.map((p) => format1(p.score!)).join(' + ')}) / ${scored.length} = ${format1(r.c)}`)

  out.push('', `H complaint handling = ${na(r.h)}   (weight ${w.H})`)
  const n = d.H.complaints.length
  out.push(`  ${n} complaint${n === 1 ? '' : 's'} received in the period; ${d.H.requestsReceived} requests received → allowance max(${policy.complaintFree}, floor(${policy.complaintFree} × ${d.H.requestsReceived} / 100)) = ${d.H.allowance}`)
  for (const c of d.H.complaints) {
    const how = c.verifiedOn === null ? 'not verified yet (counts 0 in r, left out of v)' : `verified resolved ${c.verifiedOn}${c.planDeadline ? ` (deadline ${c.planDeadline}, ${c.resolvedByDeadline ? 'in time' : 'late'})` : ''}, satisfaction ${c.satisfaction ?? 'n/a'}`
    out.push(`  ${c.code}: ${how}`)
  }
  if (n === 0) out.push('  no complaint → 100')
  else {
    out.push(`  r = ${d.H.complaints.filter((c) => c.resolvedByDeadline).length}/${n} = ${pct(d.H.r)}; v = ${pct(d.H.v)}; 100 × (0.6 × ${pct(d.H.r)} + 0.4 × ${pct(d.H.v)}) = ${format1(100 * (0.6 * d.H.r + 0.4 * d.H.v))}`)
    out.push(`  penalty: 5 × max(0, ${n} − ${d.H.allowance}) = ${d.H.penalty} → H = ${na(r.h)}`)
  }

  out.push('', `self = ${na(r.self)}   (weight ${w.self})   superior = ${na(r.superior)}   (weight ${w.superior})`)
  out.push('', `total = ${d.total.formula}`)
  if (d.total.missing.length > 0 && r.total !== null) out.push(`  n/a: ${d.total.missing.join(', ')}: left out, and the other weights renormalised (divided by ${d.total.usedWeight} instead of ${COMPONENT_KEYS.reduce((a, k) => a + w[k], 0)})`)
  if (r.total === null) out.push('  insufficient data: no S, T, C, self or superior score (H alone only says that nobody complained) → no total, rank or grade')
  else out.push(`  grade ${r.grade} (bands A≥${policy.grades.A} B≥${policy.grades.B} C≥${policy.grades.C} D≥${policy.grades.D}) → bonus coefficient ${r.bonus}`)
  return out
}

export async function assessExplainRun(ctx: AppContext, opts: { period?: string; unit?: string }): Promise<void> {
  const period = periodOption(await need(ctx, opts.period, { flag: '--period', message: 'Period (e.g. 2026-H1)' }))
  const unitRef = await need(ctx, opts.unit, { flag: '--unit', message: 'Unit' })
  const store = await ctx.store()
  const unit = await requireUnit(store.db, unitRef)
  const { a, rows } = await requireTable(store.db, period)
  const row = rows.find((r) => r.unit_id === unit.id)
  if (!row) {
    const hint =
      unit.kind === 'position' && a.level === 'department' && unit.parent_id !== null
        ? `positions count for their department at this level: icm assess explain --period ${period.code} --unit ${(await unitCodesById(store.db)).get(unit.parent_id)}`
        : `the ${period.code} table has ${a.level}s that were active when it was computed`
    throw new NotFoundError(`${unit.code} is not in the ${period.code} score table`, hint)
  }
  const details = JSON.parse(row.details) as UnitDetails
  const policy = JSON.parse(a.policy) as AssessPolicy
  const ranked = rows.filter((r) => r.rank !== null).length
  const rankOf = row.rank === null ? 'no rank' : `rank ${row.rank} of ${ranked}`
  const lines = explainLines(row, details, policy, rankOf)
  const state = a.state === 'final' ? `final since ${shownInstant(a.finalized_at)}` : `draft computed ${shownInstant(a.computed_at)}; run icm assess run again to include later changes`
  if (ctx.json) {
    printJson(ctx, {
      period: a.period,
      level: a.level,
      state: a.state,
      ...rowJson(row),
      weights: policy.weights,
      grades: policy.grades,
      bonusTable: policy.bonus,
      details,
      explanation: lines,
    })
    return
  }
  printText(ctx, `${a.period} (${state})\n`)
  for (const line of lines) printText(ctx, line)
}

interface AnnualRow {
  rank: number | null
  unit: string
  name: string
  H1: number | null
  H2: number | null
  total: number | null
  grade: string | null
  bonus: number | null
  recognitions: string[]
}

async function annualTable(ctx: AppContext, yearText: string): Promise<{ year: number; rows: AnnualRow[]; policy: AssessPolicy; finals: string[] }> {
  const year = yearOf(yearText)
  const [h1, h2] = halvesOf(year)
  const store = await ctx.store()
  const finals = await listFinalAssessments(store.db, [h1.code, h2.code])
  if (finals.length === 0) throw new UserError(`${year} has no final half-year assessment yet`, `finalize one first: icm assess finalize --period ${h1.code}`)
  const byUnit = new Map<number, { code: string; name: string; H1: number | null; H2: number | null }>()
  for (const f of finals) {
    const rows = await listAssessmentRows(store.db, f.period)
    requireIntact(f, rows)
    for (const r of rows) {
      const u = byUnit.get(r.unit_id) ?? { code: r.code, name: r.name, H1: null, H2: null }
      if (f.period.endsWith('H1')) u.H1 = r.total
      else u.H2 = r.total
      byUnit.set(r.unit_id, u)
    }
  }
  const p = await loadPolicy(store.db)
  const recognitions = await listRecognitions(store.db, { from: `${year}-01-01`, to: `${year}-12-31` })
  const rows: AnnualRow[] = [...byUnit.entries()].map(([id, u]) => {
    const total = annualTotal([u.H1, u.H2].filter((t): t is number => t !== null))
    const grade = gradeOf(total, p.grades)
    return {
      rank: null,
      unit: u.code,
      name: u.name,
      H1: u.H1,
      H2: u.H2,
      total,
      grade,
      bonus: bonusOf(grade, p.bonus),
      recognitions: recognitions.filter((r) => r.unit_id === id).map((r) => `${r.period}: ${r.reason}`),
    }
  })
  const ranks = rankWithTies(rows.map((r) => ({ key: r.unit, total: r.total })))
  for (const r of rows) r.rank = ranks.get(r.unit) ?? null
  rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (a.unit < b.unit ? -1 : 1))
  return { year, rows, policy: { weights: p.weights, grades: p.grades, bonus: p.bonus, minResponses: p.minResponses, complaintFree: p.complaintFree }, finals: finals.map((f) => f.period) }
}

const annualColumns = [
  { header: 'rank', value: (r: AnnualRow) => r.rank ?? '', align: 'right' as const },
  { header: 'unit', value: (r: AnnualRow) => r.unit },
  { header: 'name', value: (r: AnnualRow) => r.name },
  { header: 'H1', value: (r: AnnualRow) => na(r.H1), align: 'right' as const },
  { header: 'H2', value: (r: AnnualRow) => na(r.H2), align: 'right' as const },
  { header: 'annual', value: (r: AnnualRow) => (r.total === null ? 'insufficient data' : format1(r.total)), align: 'right' as const },
  { header: 'grade', value: (r: AnnualRow) => r.grade ?? '' },
  { header: 'bonus', value: (r: AnnualRow) => (r.bonus === null ? '' : r.bonus.toFixed(2)), align: 'right' as const },
  { header: 'recognitions', value: (r: AnnualRow) => r.recognitions.join('; ') },
]

export async function assessAnnualRun(ctx: AppContext, opts: { year?: string; csv?: boolean }): Promise<void> {
  const { year, rows, policy, finals } = await annualTable(ctx, await need(ctx, opts.year, { flag: '--year', message: 'Year (e.g. 2026)' }))
  if (ctx.json) {
    printJson(ctx, { year, halfYears: finals, grades: policy.grades, bonus: policy.bonus, rows })
    return
  }
  printCaption(ctx, `${year} annual evaluation: mean of the final half-year totals (${finals.join(', ')}); grades A≥${policy.grades.A} B≥${policy.grades.B} C≥${policy.grades.C} D≥${policy.grades.D}`)
  await printRows(ctx, rows, annualColumns, { csv: ctx.csv })
}

interface ExportOptions {
  period?: string
  year?: string
  out?: string
  excel?: boolean
  yes?: boolean
}

export async function assessExportRun(ctx: AppContext, opts: ExportOptions): Promise<void> {
  if ((opts.period === undefined) === (opts.year === undefined)) throw new UserError('give exactly one of --period and --year')
  const outArg = await need(ctx, opts.out, { flag: '--out', message: 'CSV file to write' })
  let csv: string
  let count: number
  let what: string
  let draft: string | undefined
  if (opts.period !== undefined) {
    const period = periodOption(opts.period)
    const store = await ctx.store()
    const { a, rows } = await requireTable(store.db, period)
    if (a.state !== 'final') draft = `${period.code} is a draft: its numbers can still change (icm assess finalize --period ${period.code})`
    const header = ['period', 'state', 'rank', 'unit', 'name', 'S', 'T', 'C', 'H', 'self', 'superior', 'total', 'grade', 'bonus']
    const cell = (v: number | null) => (v === null ? '' : format1(v))
    csv = await toCsv(
      header,
      rows.map((r) => [a.period, a.state, r.rank === null ? '' : String(r.rank), r.code, r.name, cell(r.s), cell(r.t), cell(r.c), cell(r.h), cell(r.self), cell(r.superior), cell(r.total), r.grade ?? '', r.bonus === null ? '' : String(r.bonus)]),
      { bom: opts.excel },
    )
    count = rows.length
    what = period.code
  } else {
    const { year, rows } = await annualTable(ctx, opts.year!)
    csv = await toCsv(
      annualColumns.map((c) => c.header),
      rows.map((r) => annualColumns.map((c) => String(c.value(r)))),
      { bom: opts.excel },
    )
    count = rows.length
    what = String(year)
  }
  const out = await checkOutputPath(ctx, outArg, { flag: '--out', yes: opts.yes })
  if (out === undefined) return
  writeOutputFile(out, csv)
  if (draft) warn(ctx, draft)
  if (ctx.json) printJson(ctx, { file: out, table: what, rows: count, excel: opts.excel === true })
  confirm(ctx, `${count} rows of ${what} written to ${out}`)
}

export async function assessBonusRun(ctx: AppContext, opts: { period?: string; base?: string; csv?: boolean }): Promise<void> {
  const period = periodOption(await need(ctx, opts.period, { flag: '--period', message: 'Period (e.g. 2026-H1)' }))
  const file = await need(ctx, opts.base, { flag: '--base', message: 'CSV file with unit,base_amount' })
  const { shown, header, rows: lines } = readCsvFile(ctx, file)
  const cols = header.map((h) => h.trim().toLowerCase())
  const [iUnit, iBase] = [cols.indexOf('unit'), cols.indexOf('base_amount')]
  if (iUnit < 0 || iBase < 0) throw new UserError(`${shown}: the header must name unit and base_amount (it has: ${excerpt(header.join(','))})`)
  const store = await ctx.store()
  const { a, rows } = await requireTable(store.db, period)
  const problems: { line: number; reason: string }[] = []
  const items: { unit: string; name: string; grade: string | null; coefficient: number | null; base: number; bonus: number | null }[] = []
  const seen = new Set<string>()
  for (const { line, cells, problem } of lines) {
    if (problem !== undefined) {
      problems.push({ line, reason: problem })
      continue
    }
    try {
      const unit = await requireUnit(store.db, cells[iUnit] ?? '')
      if (seen.has(unit.code)) throw new UserError(`${unit.code} is listed twice`)
      seen.add(unit.code)
      const text = (cells[iBase] ?? '').trim().replace(/,/g, '')
      const base = Number(text)
      if (text === '' || !Number.isFinite(base)) throw new UserError(`base_amount ${quote(cells[iBase] ?? '')} is not a number`)
      if (base < 0) throw new UserError(`base_amount ${excerpt(text)} is negative`)
      const row = rows.find((r) => r.unit_id === unit.id)
      if (!row) throw new UserError(`${unit.code} is not in the ${period.code} score table`)
      items.push({ unit: unit.code, name: unit.name, grade: row.grade, coefficient: row.bonus, base, bonus: row.bonus === null ? null : round2(base * row.bonus) })
    } catch (e) {
      problems.push({ line, reason: (e as Error).message })
    }
  }
  if (problems.length > 0) {
    throw new UserError(`${shown} ${describeBadLines(problems[0]!, problems.length)}`, 'fix the base file; no bonus was computed')
  }
  if (items.length === 0) throw new UserError(`${shown} has a header but no units`)
  if (a.state !== 'final') warn(ctx, `${period.code} is a draft: coefficients can still change (icm assess finalize --period ${period.code})`)
  const total = round2(items.reduce((s, i) => s + (i.bonus ?? 0), 0))
  const baseTotal = round2(items.reduce((s, i) => s + i.base, 0))
  const missing = items.filter((i) => i.coefficient === null).map((i) => i.unit)
  if (missing.length > 0) warn(ctx, `no coefficient (insufficient data) for ${missing.join(', ')}: no bonus computed for them`)
  if (ctx.json) {
    printJson(ctx, { period: period.code, state: a.state, units: items, baseTotal, total })
    return
  }
  await printRows(
    ctx,
    [...items, { unit: 'total', name: '', grade: null, coefficient: null, base: baseTotal, bonus: total }],
    [
      { header: 'unit', value: (i) => i.unit },
      { header: 'name', value: (i) => i.name },
      { header: 'grade', value: (i) => i.grade ?? '' },
      { header: 'coefficient', value: (i) => (i.coefficient === null ? '' : i.coefficient.toFixed(2)), align: 'right' },
      { header: 'base', value: (i) => i.base.toFixed(2), align: 'right' },
      { header: 'bonus', value: (i) => (i.bonus === null ? 'n/a' : i.bonus.toFixed(2)), align: 'right' },
    ],
    { csv: ctx.csv },
  )
}
