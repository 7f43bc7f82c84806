import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { readCsvFile } from '../../cli/files.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { parseNumber, unitOption } from '../../cli/options.js'
import { confirm, printJson } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { checkNotFinal, mergeInput } from '../../domain/assessment/score-table.js'
import { describeBadLines } from '../../domain/bad-lines.js'
import { UsageError, UserError, errorWithCode, type ExitCodeValue } from '../../domain/errors.js'
import { excerpt, quote } from '../../domain/excerpt.js'
import { normaliseInput } from '../../domain/calendar/written-forms.js'
import { INPUT_COLUMNS, type QualitativeInput } from '../../domain/assessment/assessment.js'
import { findColumns, namesOf } from '../../domain/input/csv-columns.js'
import { parsePeriod } from '../../domain/calendar/period.js'
import { findInput, findScoreTable, listInputs, upsertInput } from '../../storage/assessments-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { askPeriod, assessPeriod, assessPeriodOption } from './period.js'
import { formatCount } from '../../domain/counting.js'
import { t } from '../../domain/i18n/catalog.js'

/** The qualitative inputs of a period: self and superior scores, one unit at a time or from CSV. */
export function registerInput(assess: Command, ctx: AppContext): void {
  example(
    unitOption(assessPeriodOption(assess.command('input').description(t('assess.input.description'))), t('assess.input.unit'))
      .option('--self <n>', t('assess.input.self'))
      .option('--superior <n>', t('assess.input.superior'))
      .action((opts: InputOptions) => assessInputRun(ctx, opts)),
    'icm assess input --period 2026-H1 --unit IT --self 80 --superior 90',
  )
  example(
    assessPeriodOption(
      assess
        .command('import-inputs')
        .description(t('assess.importInputs.description'))
        .usage(t('assess.importInputs.usage'))
        .argument('[period]', t('assess.importInputs.period'))
        .argument('[file]', t('assess.importInputs.file')),
    ).action((first: string | undefined, second: string | undefined, opts: { period?: string }) => assessImportInputsArgs(ctx, first, second, opts.period)),
    'icm assess import-inputs 2026-H1 inputs-2026h1.csv',
    'icm assess import-inputs --period 2026-H1 inputs-2026h1.csv',
  )
}

export interface InputOptions {
  period?: string
  unit?: string
  self?: string
  superior?: string
}

/** A score 0–100 as typed, full-width digits too (８８); refused (exit 3) in the interface language. */
function parseScore(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined
  try {
    return parseNumber(normaliseInput(text), flag, 0, 100)
  } catch {
    throw new UserError(t('assess.scoreInvalid', { flag, text: quote(text) }))
  }
}

export async function assessInputRun(ctx: AppContext, opts: InputOptions): Promise<void> {
  const period = await askPeriod(ctx, opts.period)
  const unitRef = await need(ctx, opts.unit, { flag: '--unit', message: t('assess.askUnit'), unit: true })
  if (opts.self === undefined && opts.superior === undefined) throw new UsageError(t('assess.input.none'))
  const self = parseScore(opts.self, '--self')
  const superior = parseScore(opts.superior, '--superior')
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const unit = await requireUnit(trx, unitRef)
    // a unit's input counts only in its own row: the table of its level
    checkNotFinal(await findScoreTable(trx, period.code, unit.kind), period.code, t('assess.what.input'), unit.kind)
    const before = await findInput(trx, period.code, unit.id)
    const next = mergeInput(before, unit.id, { self, superior })
    await upsertInput(trx, period.code, next, ctx.now())
    await appendEvent(trx, ctx.event('assess.input', unit.code, { period: period.code, self: next.self, superior: next.superior, before: before ? { self: before.self, superior: before.superior } : null }))
    return { period: period.code, unit: unit.code, self: next.self, superior: next.superior }
  })
  if (ctx.json) printJson(ctx, row)
  confirm(ctx, t('assess.input.done', { unit: row.unit, period: row.period, self: row.self ?? t('assessExplain.na'), superior: row.superior ?? t('assessExplain.na') }))
}

function looksLikePeriod(text: string): boolean {
  try {
    parsePeriod(text)
    return true
  } catch {
    return false
  }
}

/** PERIOD FILE, or --period PERIOD FILE: the period once, the file always. */
async function assessImportInputsArgs(ctx: AppContext, first: string | undefined, second: string | undefined, periodOption: string | undefined): Promise<void> {
  if (periodOption !== undefined) {
    if (second !== undefined) throw new UsageError(t('assess.importInputs.twice', { period: periodOption, first: String(first) }), t('assess.importInputs.twice.hint'))
    if (first === undefined) throw new UsageError(t('assess.importInputs.noFile'), t('assess.eg', { command: 'icm assess import-inputs --period 2026-H1 inputs.csv' }))
    return assessImportInputsRun(ctx, periodOption, first)
  }
  if (first === undefined) throw new UsageError(t('assess.importInputs.noArgs'), t('assess.eg', { command: 'icm assess import-inputs 2026-H1 inputs.csv' }))
  if (second !== undefined) return assessImportInputsRun(ctx, first, second)
  if (looksLikePeriod(first)) throw new UsageError(t('assess.importInputs.noFile'), t('assess.eg', { command: `icm assess import-inputs ${first} inputs.csv` }))
  // one argument that is not a period: the file, and the period is missing (asked for on a terminal)
  return assessImportInputsRun(ctx, (await askPeriod(ctx, undefined)).code, first)
}

export async function assessImportInputsRun(ctx: AppContext, periodText: string, file: string): Promise<void> {
  const period = assessPeriod(periodText)
  const { shown, header, rows } = readCsvFile(ctx, file)
  const { unit: iUnit, self: iSelf, superior: iSup } = findColumns(header, INPUT_COLUMNS)
  if (iUnit < 0 || (iSelf < 0 && iSup < 0)) throw new UserError(t('assess.importInputs.header', { file: shown, has: excerpt(header.join(',')) }), t('assess.eg', { command: namesOf(INPUT_COLUMNS, ['unit', 'self', 'superior']) }))
  if (rows.length === 0) throw new UserError(t('assess.importInputs.noRows', { file: shown }))
  const store = await ctx.store()
  const { count, blank } = await store.write(async (trx) => {
    checkNotFinal(await findScoreTable(trx, period.code, 'department'), period.code, t('assess.what.import'))
    const problems: { line: number; reason: string; exitCode: ExitCodeValue }[] = []
    const good: (QualitativeInput & { code: string; kind: string; before: { self: number | null; superior: number | null } | null })[] = []
    const seen = new Map<number, number>()
    const blank: string[] = []
    const stored = new Map((await listInputs(trx, period.code)).map((i) => [i.unitId, i]))
    for (const { line, cells, problem } of rows) {
      if (problem !== undefined) {
        problems.push({ line, reason: problem, exitCode: 3 })
        continue
      }
      try {
        const unit = await requireUnit(trx, cells[iUnit] ?? '')
        if (seen.has(unit.id)) throw new UserError(t('assess.importInputs.duplicate', { unit: unit.code, line: String(seen.get(unit.id)) }))
        seen.set(unit.id, line)
        // a blank cell or a missing column gives nothing: the score stored for the unit stays
        const cell = (i: number, flag: string) => (i < 0 || (cells[i] ?? '').trim() === '' ? undefined : parseScore(cells[i], flag))
        const given = { self: cell(iSelf, 'self'), superior: cell(iSup, 'superior') }
        if (given.self === undefined && given.superior === undefined) {
          blank.push(unit.code)
          continue
        }
        const before = stored.get(unit.id)
        good.push({ ...mergeInput(before, unit.id, given), code: unit.code, kind: unit.kind, before: before ? { self: before.self, superior: before.superior } : null })
      } catch (e) {
        problems.push({ line, reason: (e as Error).message, exitCode: (e as { exitCode?: ExitCodeValue }).exitCode ?? 3 })
      }
    }
    if (problems.length > 0) {
      // the exit code is the first bad line's: 4 for an unknown unit, 3 for a bad score
      throw errorWithCode(problems[0]!.exitCode, t('assess.importInputs.bad', { file: shown, lines: describeBadLines(problems[0]!, problems.length) }), t('assess.importInputs.bad.hint'))
    }
    if (good.some((g) => g.kind === 'position')) checkNotFinal(await findScoreTable(trx, period.code, 'position'), period.code, t('assess.what.import'), 'position')
    for (const g of good) await upsertInput(trx, period.code, g, ctx.now())
    await appendEvent(
      trx,
      ctx.event('assess.import-inputs', period.code, {
        file: shown,
        units: good.map((g) => g.code),
        inputs: good.map((g) => ({ unit: g.code, self: g.self, superior: g.superior, before: g.before })),
      }),
    )
    return { count: good.length, blank }
  })
  if (ctx.json) printJson(ctx, { period: period.code, file: shown, imported: count, leftBlank: blank })
  // a row whose two scores are blank changes nothing: say which, or the count puzzles
  if (blank.length > 0) ctx.io.err(`${t('assess.importInputs.leftBlank', { n: formatCount(blank.length), units: blank.join(t('survey.listSeparator')) })}\n`)
  confirm(ctx, t('assess.importInputs.done', { n: formatCount(count), period: period.code, file: shown }))
}
