import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { confirm, printEntity, printRows, shownInstant } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { UsageError, UserError } from '../../domain/errors.js'
import { parsePeriod } from '../../domain/calendar/period.js'
import { checkName } from '../../domain/org/unit.js'
import { appendEvent } from '../../storage/events-repo.js'
import { insertRecognition, listRecognitions } from '../../storage/recognitions-repo.js'
import type { RecognitionRow } from '../../storage/schema-collaboration.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { requiredText, parseAt } from '../../cli/options.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'

/** The JSON of a recognition: the unit as its code, or the person. */
export function recognitionJson(r: RecognitionRow, codes: ReadonlyMap<number, string>) {
  return {
    code: r.code,
    unit: r.unit_id === null ? null : (codes.get(r.unit_id) ?? null),
    person: r.person,
    period: r.period,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    reason: r.reason,
    createdAt: shownInstant(r.created_at),
  }
}

/** Incentives (激励机制, policy chapter 5): recognitions of units and people for a period. */
export function registerRecognition(program: Command, ctx: AppContext): void {
  const recognition = program.command('recognition').description('Recognitions (incentives) of units and people for a period')

  example(
    recognition
      .command('add')
      .description('Recognize a unit or a person for a period; prints its code')
      .option('--unit <unit>', 'the unit recognized (or --person)')
      .option('--person <name>', 'the person recognized (or --unit)')
      .option('--period <period>', 'the period it is for, e.g. 2026-H1, 2026-Q2 or 2026')
      .option('--reason <text>', 'what it is for')
      .option('--at <datetime>', 'when it was granted (default now)')
      .action(async (opts: RecognitionAddOptions) => void (await recognitionAddRun(ctx, opts))),
    'icm recognition add --unit IT --period 2026-H1 --reason "ERP 按期上线，跨部门协作突出"',
    'icm recognition add --person 李娜 --period 2026-H1 --reason "主动协助财务完成月结"',
  )
  example(
    recognition
      .command('list')
      .description('List recognitions, by period')
      .option('--period <period>', 'only recognitions for a period within this one, e.g. 2026 lists its halves and quarters too')
      .option('--unit <unit>', 'only recognitions of this unit')
      .action((opts: { period?: string; unit?: string; csv?: boolean }) => recognitionListRun(ctx, opts)),
    'icm recognition list --period 2026',
  )
}

interface RecognitionAddOptions {
  unit?: string
  person?: string
  period?: string
  reason?: string
  at?: string
}

/** Records a recognition; returns its code. */
export async function recognitionAddRun(ctx: AppContext, opts: RecognitionAddOptions): Promise<string> {
  if (opts.unit !== undefined && opts.person !== undefined) {
    throw new UserError('give --unit or --person, not both', 'a recognition is for one unit or one person')
  }
  if (opts.unit === undefined && opts.person === undefined) {
    throw new UsageError('missing required option --unit or --person', 'say who is recognized: --unit UNIT or --person NAME')
  }
  const person = opts.person === undefined ? null : checkName(opts.person, '--person')
  const unitRef = opts.unit === undefined ? null : checkName(opts.unit, '--unit')
  const period = parsePeriod(await need(ctx, opts.period, { flag: '--period', message: 'Period (e.g. 2026-H1)' }))
  const reason = await requiredText(ctx, opts.reason, { flag: '--reason', message: 'What is it for' })
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const unit = unitRef === null ? null : await requireUnit(trx, unitRef)
    const created = await insertRecognition(trx, {
      unit_id: unit?.id ?? null,
      person,
      period: period.code,
      period_start: period.startDate,
      period_end: period.endDate,
      reason,
      created_at: at.toISOString(),
    })
    await appendEvent(trx, ctx.event('recognition.add', created.code, { unit: unit?.code ?? null, person, period: period.code, reason }))
    return created
  })
  const json = recognitionJson(row, await unitCodesById(store.db))
  if (ctx.json) printEntity(ctx, json, [])
  else ctx.io.out(`${row.code}\n`)
  confirm(ctx, `${row.code}: ${json.unit ?? json.person} recognized for ${period.code}`)
  return row.code
}

export async function recognitionListRun(ctx: AppContext, opts: { period?: string; unit?: string; csv?: boolean }): Promise<void> {
  const period = opts.period === undefined ? undefined : parsePeriod(opts.period)
  const store = await ctx.store()
  const unit = opts.unit === undefined ? undefined : await requireUnit(store.db, opts.unit)
  const codes = await unitCodesById(store.db)
  const rows = (await listRecognitions(store.db, { from: period?.startDate, to: period?.endDate, unitId: unit?.id })).map((r) => recognitionJson(r, codes))
  await printRows(
    ctx,
    rows,
    [
      { header: 'code', value: (r) => r.code },
      { header: 'period', value: (r) => r.period },
      { header: 'unit', value: (r) => r.unit },
      { header: 'person', value: (r) => r.person },
      { header: 'reason', value: (r) => r.reason },
    ],
    { csv: ctx.csv, empty: 'no recognitions match' },
  )
}
