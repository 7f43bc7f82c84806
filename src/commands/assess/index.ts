import { createHash } from 'node:crypto'
import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../cli/context.js'
import { barChart } from '../../cli/bar-chart.js'
import { readCsvFile } from '../../cli/files.js'
import { confirm, printCaption, printJson, printRows, printText, shownInstant } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { assessUnits, inputsFingerprint, type AssessInput, type AssessLevel, type AssessPolicy, type UnitAssessment } from '../../domain/assessment/assessment.js'
import { addDays, localDate } from '../../domain/calendar/dates.js'
import { describeBadLines } from '../../domain/bad-lines.js'
import { ConflictError, NotFoundError, UsageError, UserError, errorWithCode, type ExitCodeValue } from '../../domain/errors.js'
import { excerpt, quote } from '../../domain/excerpt.js'
import { parsePeriod, boundsOf, type Period } from '../../domain/calendar/period.js'
import { format1 } from '../../domain/rounding.js'
import { tableRowsHash } from '../../domain/assessment/table-hash.js'
import { insertAction } from '../../storage/actions-repo.js'
import { assessUnitsOf, complaintInputs, projectInputs, requestInputs, satisfactionInputs } from '../../storage/assessment-data-repo.js'
import { findAssessment, findInput, listAssessmentRows, listInputs, saveDraft, setAssessmentState, setRowsHash, upsertInput } from '../../storage/assessments-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import type { AssessmentRow, AssessmentTableRow } from '../../storage/schema-assessments.js'
import type { DB } from '../../storage/schema.js'
import { registerAssessReports } from './reports.js'
import { example } from '../../cli/help.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { loadSchedule } from '../../storage/calendar-repo.js'
import { parseNumber } from '../../cli/options.js'
import { requireUnit } from '../../cli/lookups.js'

/** The half-yearly assessment (policy chapter 8): inputs, the score table, finalization. */
export function registerAssess(program: Command, ctx: AppContext): void {
  const assess = program.command('assess').description('Half-yearly KPI assessment and the annual evaluation: score tables tied to bonuses')

  example(
    assess
      .command('input')
      .description("Record a unit's self and superior scores (0–100) for a period")
      .option('--period <period>', 'e.g. 2026-H1')
      .option('--unit <unit>', 'the unit scored')
      .option('--self <n>', 'self-assessment, 0–100')
      .option('--superior <n>', "the superior's score, 0–100")
      .action((opts: InputOptions) => assessInputRun(ctx, opts)),
    'icm assess input --period 2026-H1 --unit IT --self 80 --superior 90',
  )
  example(
    assess
      .command('import-inputs')
      .description('Import self and superior scores from CSV (unit,self,superior), all or nothing')
      .argument('<period>', 'e.g. 2026-H1')
      .argument('<file>', 'CSV with a header line unit,self,superior (- reads stdin)')
      .action((period: string, file: string) => assessImportInputsRun(ctx, period, file)),
    'icm assess import-inputs 2026-H1 inputs-2026h1.csv',
  )
  example(
    assess
      .command('run')
      .description('Compute the draft score table of a period for every active department (or position) and print it')
      .option('--period <period>', 'e.g. 2026-H1')
      .option('--level <level>', 'department (default: positions roll up to their department) or position', 'department')
      .action((opts: { period?: string; level: string; csv?: boolean }) => assessRunRun(ctx, opts)),
    'icm assess run --period 2026-H1',
  )
  example(
    assess
      .command('show')
      .description('Print the stored score table of a period (draft or final); on a terminal with a bar chart of the totals')
      .option('--period <period>', 'e.g. 2026-H1')
      .action((opts: { period?: string; csv?: boolean }) => assessShowRun(ctx, opts)),
    'icm assess show --period 2026-H1',
  )
  example(
    assess
      .command('finalize')
      .description('Freeze a period: store the results, the weights and a hash of the inputs; units graded D or E get an improvement action')
      .option('--period <period>', 'e.g. 2026-H1')
      .action((opts: { period?: string }) => assessFinalizeRun(ctx, opts)),
    'icm assess finalize --period 2026-H1',
  )
  example(
    assess
      .command('reopen')
      .description('Unfreeze a final period (the reason is kept in the event log)')
      .option('--period <period>', 'e.g. 2026-H1')
      .option('--reason <text>', 'why it is reopened')
      .action((opts: { period?: string; reason?: string }) => assessReopenRun(ctx, opts)),
    'icm assess reopen --period 2026-H1 --reason "IT 申诉: 3 条请求的响应时间录入有误"',
  )
  registerAssessReports(assess, ctx)
}

export function periodOption(text: string): Period {
  const p = parsePeriod(text)
  if (p.kind === 'year') throw new UserError(`an assessment period is a half-year or a quarter, not ${p.code}`, 'e.g. --period 2026-H1 (for a year: icm assess annual --year 2026)')
  return p
}

/** The policy a table is computed with (from config), as stored with it. */
export function assessPolicyOf(p: Awaited<ReturnType<typeof loadPolicy>>): AssessPolicy {
  return { weights: p.weights, grades: p.grades, bonus: p.bonus, minResponses: p.minResponses, complaintFree: p.complaintFree }
}

async function refuseFinal(db: Kysely<DB>, period: Period, what: string): Promise<void> {
  const a = await findAssessment(db, period.code)
  if (a?.state === 'final') {
    throw new ConflictError(`${period.code} is final: ${what} would change a frozen table`, `reopen it first: icm assess reopen --period ${period.code} --reason TEXT`)
  }
}

function parseScore(text: string | undefined, flag: string): number | undefined {
  return parseNumber(text, flag, 0, 100)
}

interface InputOptions {
  period?: string
  unit?: string
  self?: string
  superior?: string
}

export async function assessInputRun(ctx: AppContext, opts: InputOptions): Promise<void> {
  const period = periodOption(await need(ctx, opts.period, { flag: '--period', message: 'Period (e.g. 2026-H1)' }))
  const unitRef = await need(ctx, opts.unit, { flag: '--unit', message: 'Unit' })
  if (opts.self === undefined && opts.superior === undefined) throw new UsageError('give --self, --superior or both')
  const self = parseScore(opts.self, '--self')
  const superior = parseScore(opts.superior, '--superior')
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const unit = await requireUnit(trx, unitRef)
    await refuseFinal(trx, period, 'a new input')
    const before = await findInput(trx, period.code, unit.id)
    const next = { period: period.code, unit_id: unit.id, self: self ?? before?.self ?? null, superior: superior ?? before?.superior ?? null, updated_at: ctx.now().toISOString() }
    await upsertInput(trx, next)
    await appendEvent(trx, ctx.event('assess.input', unit.code, { period: period.code, self: next.self, superior: next.superior, before: before ? { self: before.self, superior: before.superior } : null }))
    return { period: period.code, unit: unit.code, self: next.self, superior: next.superior }
  })
  if (ctx.json) printJson(ctx, row)
  confirm(ctx, `${row.unit} ${row.period}: self ${row.self ?? 'n/a'}, superior ${row.superior ?? 'n/a'}`)
}

export async function assessImportInputsRun(ctx: AppContext, periodText: string, file: string): Promise<void> {
  const period = periodOption(periodText)
  const { shown, header, rows } = readCsvFile(ctx, file)
  const cols = header.map((h) => h.trim().toLowerCase())
  const [iUnit, iSelf, iSup] = [cols.indexOf('unit'), cols.indexOf('self'), cols.indexOf('superior')]
  if (iUnit < 0 || (iSelf < 0 && iSup < 0)) throw new UserError(`${shown}: the header must name unit and self and/or superior (it has: ${excerpt(header.join(','))})`, 'e.g. unit,self,superior')
  if (rows.length === 0) throw new UserError(`${shown} has a header but no rows`)
  const store = await ctx.store()
  const count = await store.write(async (trx) => {
    await refuseFinal(trx, period, 'importing inputs')
    const problems: { line: number; reason: string; exitCode: ExitCodeValue }[] = []
    const good: { unitId: number; code: string; self: number | null; superior: number | null }[] = []
    const seen = new Map<number, number>()
    for (const { line, cells, problem } of rows) {
      if (problem !== undefined) {
        problems.push({ line, reason: problem, exitCode: 3 })
        continue
      }
      try {
        const unit = await requireUnit(trx, cells[iUnit] ?? '')
        if (seen.has(unit.id)) throw new UserError(`${unit.code} is also on line ${seen.get(unit.id)}`)
        seen.set(unit.id, line)
        const cell = (i: number, flag: string) => (i < 0 || (cells[i] ?? '').trim() === '' ? null : (parseScore(cells[i], flag) ?? null))
        good.push({ unitId: unit.id, code: unit.code, self: cell(iSelf, 'self'), superior: cell(iSup, 'superior') })
      } catch (e) {
        problems.push({ line, reason: (e as Error).message, exitCode: (e as { exitCode?: ExitCodeValue }).exitCode ?? 3 })
      }
    }
    if (problems.length > 0) {
      // the exit code is the first bad line's: 4 for an unknown unit, 3 for a bad score
      throw errorWithCode(problems[0]!.exitCode, `${shown} ${describeBadLines(problems[0]!, problems.length)}; nothing imported`, 'fix the file and import it again')
    }
    for (const g of good) {
      await upsertInput(trx, { period: period.code, unit_id: g.unitId, self: g.self, superior: g.superior, updated_at: ctx.now().toISOString() })
    }
    await appendEvent(trx, ctx.event('assess.import-inputs', period.code, { file: shown, units: good.map((g) => g.code) }))
    return good.length
  })
  if (ctx.json) printJson(ctx, { period: period.code, file: shown, imported: count })
  confirm(ctx, `${count} inputs for ${period.code} imported from ${shown}`)
}

/** Loads the period's data and computes every row (nothing is written). */
export async function computeTable(db: Kysely<DB>, period: Period, level: AssessLevel, asOf: Date): Promise<{ rows: UnitAssessment[]; input: AssessInput }> {
  const b = boundsOf(period)
  const policy = await loadPolicy(db)
  const [units, schedule, satisfaction, requests, projects, complaints, inputs] = await Promise.all([
    assessUnitsOf(db),
    loadSchedule(db, policy),
    satisfactionInputs(db, b),
    requestInputs(db, b, asOf),
    projectInputs(db, b),
    complaintInputs(db, b),
    listInputs(db, period.code),
  ])
  const input: AssessInput = {
    units,
    level,
    policy: assessPolicyOf(policy),
    asOf,
    schedule,
    satisfaction,
    requestsOnTime: requests.onTime,
    requests: requests.others,
    projects,
    complaints,
    inputs: inputs.map((i) => ({ unitId: i.unit_id, self: i.self, superior: i.superior })),
  }
  return { rows: assessUnits(input), input }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

function tableRows(period: string, rows: UnitAssessment[]): AssessmentTableRow[] {
  return rows.map((r, i) => ({
    period,
    unit_id: r.unitId,
    position: i + 1,
    code: r.code,
    name: r.name,
    s: r.components.S,
    t: r.components.T,
    c: r.components.C,
    h: r.components.H,
    self: r.components.self,
    superior: r.components.superior,
    total: r.total,
    rank: r.rank,
    grade: r.grade,
    bonus: r.bonus,
    details: JSON.stringify(r.details),
  }))
}

export async function assessRunRun(ctx: AppContext, opts: { period?: string; level: string; csv?: boolean }): Promise<void> {
  const period = periodOption(await need(ctx, opts.period, { flag: '--period', message: 'Period (e.g. 2026-H1)' }))
  if (opts.level !== 'department' && opts.level !== 'position') throw new UserError(`invalid level ${quote(opts.level)}`, 'use department or position')
  const level: AssessLevel = opts.level
  const store = await ctx.store()
  await refuseFinal(store.db, period, 'a new run')
  const now = ctx.now()
  if (ctx.io.interactive) ctx.io.err(`computing ${period.code} …\r`)
  const saved = await store.write(async (trx) => {
    await refuseFinal(trx, period, 'a new run')
    const { rows, input } = await computeTable(trx, period, level, now)
    const a: AssessmentRow = {
      period: period.code,
      level,
      state: 'draft',
      policy: JSON.stringify(input.policy),
      inputs_hash: inputsFingerprint(input, rows, sha256),
      computed_at: now.toISOString(),
      finalized_at: null,
      finalized_by: null,
      rows_hash: null,
    }
    const stored = tableRows(period.code, rows)
    await saveDraft(trx, a, stored)
    await appendEvent(trx, ctx.event('assess.run', period.code, { level, units: rows.length, inputsHash: a.inputs_hash }))
    return { a, stored }
  })
  await printTable(ctx, saved.a, saved.stored, { csv: ctx.csv })
}

/** A period's stored table; a final one only when its rows still match their hash. */
export async function requireTable(db: Kysely<DB>, period: Period): Promise<{ a: AssessmentRow; rows: AssessmentTableRow[] }> {
  const a = await findAssessment(db, period.code)
  if (!a) throw new UserError(`${period.code} has not been assessed yet`, `run it first: icm assess run --period ${period.code}`)
  const rows = await listAssessmentRows(db, period.code)
  requireIntact(a, rows)
  return { a, rows }
}

/** Refuses (exit 5) a final table whose rows no longer match the hash stored when it was finalized (DESIGN.md §8). */
export function requireIntact(a: AssessmentRow, rows: readonly AssessmentTableRow[]): void {
  if (a.state === 'final' && a.rows_hash !== tableRowsHash(a.period, rows)) {
    throw new ConflictError(`the final ${a.period} table does not match its hash: its rows were changed outside icm`, 'run icm check')
  }
}

export async function assessShowRun(ctx: AppContext, opts: { period?: string; csv?: boolean }): Promise<void> {
  const period = periodOption(await need(ctx, opts.period, { flag: '--period', message: 'Period (e.g. 2026-H1)' }))
  const store = await ctx.store()
  const { a, rows } = await requireTable(store.db, period)
  await printTable(ctx, a, rows, { csv: ctx.csv, chart: true })
}

/** One row of the score table as JSON (the same on every run with the same inputs). */
export function rowJson(r: AssessmentTableRow) {
  return {
    rank: r.rank,
    unit: r.code,
    name: r.name,
    S: r.s,
    T: r.t,
    C: r.c,
    H: r.h,
    self: r.self,
    superior: r.superior,
    total: r.total,
    grade: r.grade,
    bonus: r.bonus,
    insufficientData: r.total === null,
  }
}

/** The table as one JSON object: period, state, the policy used and the rows. No run time, so equal inputs give equal bytes. */
export function tableJson(a: AssessmentRow, rows: AssessmentTableRow[]) {
  const policy = JSON.parse(a.policy) as AssessPolicy
  return {
    period: a.period,
    level: a.level,
    state: a.state,
    weights: policy.weights,
    grades: policy.grades,
    bonus: policy.bonus,
    minResponses: policy.minResponses,
    complaintFree: policy.complaintFree,
    inputsHash: a.inputs_hash,
    finalizedAt: shownInstant(a.finalized_at),
    finalizedBy: a.finalized_by,
    rows: rows.map(rowJson),
  }
}

const na = (v: number | null) => (v === null ? 'n/a' : format1(v))

export function weightsCaption(policy: AssessPolicy): string {
  const w = policy.weights
  return `weights S ${w.S} · T ${w.T} · C ${w.C} · H ${w.H} · self ${w.self} · superior ${w.superior} (n/a components left out, the rest renormalised); grades A≥${policy.grades.A} B≥${policy.grades.B} C≥${policy.grades.C} D≥${policy.grades.D}`
}

export async function printTable(ctx: AppContext, a: AssessmentRow, rows: AssessmentTableRow[], opts: { csv?: boolean; chart?: boolean }): Promise<void> {
  if (ctx.json) {
    printJson(ctx, tableJson(a, rows))
    return
  }
  const policy = JSON.parse(a.policy) as AssessPolicy
  const state = a.state === 'final' ? `final since ${shownInstant(a.finalized_at)}` : `draft computed ${shownInstant(a.computed_at)}`
  printCaption(ctx, `${a.period} score table by ${a.level} — ${state}\n${weightsCaption(policy)}`)
  await printRows(
    ctx,
    rows,
    [
      { header: 'rank', value: (r) => r.rank ?? '', align: 'right' },
      { header: 'unit', value: (r) => r.code },
      { header: 'name', value: (r) => r.name },
      { header: 'S', value: (r) => na(r.s), align: 'right' },
      { header: 'T', value: (r) => na(r.t), align: 'right' },
      { header: 'C', value: (r) => na(r.c), align: 'right' },
      { header: 'H', value: (r) => na(r.h), align: 'right' },
      { header: 'self', value: (r) => na(r.self), align: 'right' },
      { header: 'superior', value: (r) => na(r.superior), align: 'right' },
      { header: 'total', value: (r) => (r.total === null ? 'insufficient data' : format1(r.total)), align: 'right' },
      { header: 'grade', value: (r) => r.grade ?? '' },
      { header: 'bonus', value: (r) => (r.bonus === null ? '' : r.bonus.toFixed(2)), align: 'right' },
    ],
    { csv: ctx.csv, empty: `no active ${a.level}s to assess` },
  )
  if (opts.chart && !ctx.csv && ctx.io.stdoutIsTTY && rows.length > 0) {
    printText(ctx, `\n${barChart(rows.map((r) => ({ label: `${r.code} ${r.name}`, value: r.total })))}`)
  }
}

export async function assessFinalizeRun(ctx: AppContext, opts: { period?: string }): Promise<void> {
  const period = periodOption(await need(ctx, opts.period, { flag: '--period', message: 'Period (e.g. 2026-H1)' }))
  const store = await ctx.store()
  const now = ctx.now()
  const result = await store.write(async (trx) => {
    const before = await findAssessment(trx, period.code)
    if (!before) throw new UserError(`${period.code} has never been run, so there is nothing to finalize`, `run it first: icm assess run --period ${period.code}`)
    if (before.state === 'final') throw new ConflictError(`${period.code} is already final (since ${shownInstant(before.finalized_at)})`)
    // freeze what the data says now, not what it said at the last run
    const { rows, input } = await computeTable(trx, period, before.level, now)
    const a: AssessmentRow = {
      period: period.code,
      level: before.level,
      state: 'final',
      policy: JSON.stringify(input.policy),
      inputs_hash: inputsFingerprint(input, rows, sha256),
      computed_at: now.toISOString(),
      finalized_at: now.toISOString(),
      finalized_by: ctx.actor,
      rows_hash: null,
    }
    const stored = tableRows(period.code, rows)
    await saveDraft(trx, a, stored)
    // hashed as read back, so the hash is of exactly what show, export and bonus will read
    a.rows_hash = tableRowsHash(period.code, await listAssessmentRows(trx, period.code))
    await setRowsHash(trx, period.code, a.rows_hash)
    const changed = before.inputs_hash !== a.inputs_hash
    const actions: string[] = []
    for (const r of rows.filter((x) => x.grade === 'D' || x.grade === 'E')) {
      const action = await insertAction(trx, {
        source: 'assessment',
        sourceRef: period.code,
        ownerId: r.unitId,
        description: `${period.code} 考核等级 ${r.grade} (总分 ${format1(r.total!)}): 分析失分项并制定改进措施`,
        due: addDays(localDate(now), 30),
        createdAt: now,
      })
      actions.push(`${action.code} ${r.code}`)
    }
    await appendEvent(trx, ctx.event('assess.finalize', period.code, { inputsHash: a.inputs_hash, rowsHash: a.rows_hash, weights: input.policy.weights, units: rows.length, actions, changedSinceLastRun: changed }))
    return { a, stored, actions, changed }
  })
  await printTable(ctx, result.a, result.stored, {})
  if (result.changed) ctx.io.err('icm: note: the data changed since the last run; the final table is computed from the data as it is now\n')
  if (result.actions.length > 0) ctx.io.err(`improvement actions opened for grades D and E: ${result.actions.join(', ')}\n`)
  confirm(ctx, `${period.code} is final (inputs hash ${result.a.inputs_hash.slice(0, 12)}…)`)
}

export async function assessReopenRun(ctx: AppContext, opts: { period?: string; reason?: string }): Promise<void> {
  const period = periodOption(await need(ctx, opts.period, { flag: '--period', message: 'Period (e.g. 2026-H1)' }))
  if (!opts.reason?.trim()) throw new UserError('reopening a final period needs --reason', 'the event log keeps it, e.g. --reason "IT 申诉: 响应时间录入有误"')
  const reason = opts.reason.trim()
  const store = await ctx.store()
  const a = await store.write(async (trx) => {
    const before = await findAssessment(trx, period.code)
    if (!before) throw new NotFoundError(`${period.code} has never been assessed`)
    if (before.state !== 'final') throw new UserError(`${period.code} is not final, so there is nothing to reopen`)
    await setAssessmentState(trx, period.code, { state: 'draft', finalized_at: null, finalized_by: null, rows_hash: null })
    await appendEvent(trx, ctx.event('assess.reopen', period.code, { reason, finalizedAt: before.finalized_at, finalizedBy: before.finalized_by, inputsHash: before.inputs_hash, rowsHash: before.rows_hash }))
    return { ...before, state: 'draft' as const, finalized_at: null, finalized_by: null, rows_hash: null }
  })
  if (ctx.json) printJson(ctx, { period: a.period, state: a.state, reason })
  confirm(ctx, `${period.code} reopened (draft again): ${reason}`)
}
