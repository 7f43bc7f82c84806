import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { parseWhole, periodOption } from '../../cli/options.js'
import { requireUnit } from '../../cli/lookups.js'
import { confirm, printCaption, printJson, printRows, printText } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { localDate } from '../../domain/calendar/dates.js'
import { boundsOf, parsePeriod, type PeriodBounds } from '../../domain/calendar/period.js'
import { assessRelation, relationAction, relationActionRef, relationPairs } from '../../domain/collaboration/relation.js'
import { explainRelationLines, parsePairText } from '../../domain/collaboration/relation-explain.js'
import { NotFoundError, UserError } from '../../domain/errors.js'
import { insertAction, listActions } from '../../storage/actions-repo.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { loadCustomerMap } from '../../storage/customer-map-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { relationInputs, relationSurveys } from '../../storage/relations-assess-repo.js'
import { listUnits } from '../../storage/units-repo.js'
import { english, isChinese, t } from '../../domain/i18n/catalog.js'

export interface RelationAssessOptions {
  period?: string
  threshold?: string
  createActions?: boolean
  explain?: string
}

export function registerRelationAssess(relation: Command, ctx: AppContext): void {
  const cmd = relation
    .command('assess')
    .description(t('relation.assess.description'))
  periodOption(cmd, t('relation.assess.period'))
    .option('--threshold <n>', t('relation.assess.threshold'))
    .option('--create-actions', t('relation.assess.createActions'))
    .option('--explain <pair>', t('relation.assess.explain'))
    .action((opts: RelationAssessOptions) => relationAssessRun(ctx, opts))
  example(cmd, 'icm relation assess --period 2026-H1', 'icm relation assess --period 2026-Q2 --explain IT:HR', 'icm relation assess --period 2026-H1 --threshold 65 --create-actions')
}

type PairRow = Awaited<ReturnType<typeof assessPairs>>[number]

/** Every pair of the period with its index and flag, by supplier and customer code, with the action a flagged pair has. */
async function assessPairs(ctx: AppContext, period: PeriodBounds, threshold: number, frequent: number) {
  const store = await ctx.store()
  const units = await listUnits(store.db, { includeInactive: true })
  const byId = new Map(units.map((u) => [u.id, u]))
  const idOf = new Map(units.map((u) => [u.code, u.id]))
  const mapPairs = (await loadCustomerMap(store.db)).map((p) => ({ supplierId: idOf.get(p.supplier)!, customerId: idOf.get(p.customer)! }))
  const rows = relationPairs(mapPairs, await relationInputs(store.db, period)).map(({ supplierId, customerId, inMap, input }) => {
    const s = byId.get(supplierId)!
    const c = byId.get(customerId)!
    const result = assessRelation(input, { frequent, threshold })
    return {
      supplierId: s.id,
      supplier: s.code,
      supplierName: s.name,
      customer: c.code,
      customerName: c.name,
      inMap,
      responses: input.responses,
      visitRatings: input.visitRatings,
      satisfaction: result.satisfaction,
      loyalty: result.loyalty,
      requests: input.requests,
      visits: input.visits,
      projects: input.projects,
      frequencyCount: result.frequencyCount,
      frequency: result.frequency,
      index: result.index,
      flagged: result.flagged,
      action: null as string | null,
      actionCreated: false,
      input,
      result,
    }
  })
  rows.sort((a, b) => (a.supplier < b.supplier ? -1 : a.supplier > b.supplier ? 1 : a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0))
  // Actions already opened for a flagged pair in this period are shown, never opened twice.
  const existing = new Map((await listActions(store.db, { source: 'relation' })).map((a) => [a.source_ref ?? '', a.code]))
  for (const r of rows) if (r.flagged) r.action = existing.get(relationActionRef(period.code, r.supplier, r.customer)) ?? null
  return rows
}

/** Opens an improvement action for every flagged pair without one, in one transaction with its event. */
async function openActions(ctx: AppContext, period: PeriodBounds, threshold: number, rows: PairRow[]): Promise<void> {
  const toOpen = rows.filter((r) => r.flagged && r.action === null)
  if (toOpen.length === 0) return
  const today = localDate(ctx.now())
  const store = await ctx.store()
  await store.write(async (trx) => {
    const opened: { pair: string; action: string }[] = []
    for (const r of toOpen) {
      const action = relationAction(period.code, r, r.index!, threshold, today)
      // Checked again inside the transaction: another admin may have run the same command.
      const again = await listActions(trx, { source: 'relation', sourceRef: action.sourceRef })
      if (again[0]) {
        r.action = again[0].code
        continue
      }
      const a = await insertAction(trx, { source: 'relation', ownerId: r.supplierId, createdAt: ctx.now(), ...action })
      r.action = a.code
      r.actionCreated = true
      opened.push({ pair: `${r.supplier}→${r.customer}`, action: a.code })
    }
    if (opened.length > 0) await appendEvent(trx, ctx.event('relation.assess', period.code, { threshold, opened }))
  })
}

export async function relationAssessRun(ctx: AppContext, opts: RelationAssessOptions): Promise<void> {
  const period = boundsOf(parsePeriod(await need(ctx, opts.period, { flag: '--period', message: t('relation.assess.askPeriod'), check: (v) => parsePeriod(v) })))
  const thresholdOption = parseWhole(opts.threshold, '--threshold', 0, 100)
  const store = await ctx.store()
  const policy = await loadPolicy(store.db)
  const threshold = thresholdOption ?? policy.relationThreshold
  if (opts.explain !== undefined && opts.createActions) throw new UserError(t('relation.explainWithActions'))
  const rows = await assessPairs(ctx, period, threshold, policy.relationFrequent)
  if (opts.explain !== undefined) return explainPair(ctx, period, rows, opts.explain, { frequent: policy.relationFrequent, threshold })
  if (opts.createActions) await openActions(ctx, period, threshold, rows)

  const flagged = rows.filter((r) => r.flagged).length
  if (!ctx.csv && rows.length > 0) {
    printCaption(ctx, t('relation.caption', { period: period.code, frequent: policy.relationFrequent, flagged, n: rows.length, threshold }))
  }
  // a Chinese terminal reads n/a and the flag in words; piped lines and CSV keep the English ones
  const say = ctx.io.stdoutIsTTY && !ctx.csv && isChinese() ? t : english
  const one = (x: number | null) => (x === null ? say('relation.na') : x.toFixed(1))
  await printRows(
    ctx,
    rows,
    [
      { header: 'supplier', title: t('relation.col.supplier'), value: (r) => r.supplier },
      { header: 'customer', title: t('relation.col.customer'), value: (r) => r.customer },
      { header: 'responses', title: t('relation.col.responses'), value: (r) => r.responses, align: 'right' },
      { header: 'satisfaction', title: t('relation.col.satisfaction'), value: (r) => one(r.satisfaction), align: 'right' },
      { header: 'loyalty', title: t('relation.col.loyalty'), value: (r) => one(r.loyalty), align: 'right' },
      { header: 'requests', title: t('relation.col.requests'), value: (r) => r.requests, align: 'right' },
      { header: 'visits', title: t('relation.col.visits'), value: (r) => r.visits, align: 'right' },
      { header: 'projects', title: t('relation.col.projects'), value: (r) => r.projects, align: 'right' },
      { header: 'frequency', title: t('relation.col.frequency'), value: (r) => one(r.frequency), align: 'right' },
      { header: 'index', title: t('relation.col.index'), value: (r) => one(r.index), align: 'right' },
      { header: 'flag', title: t('relation.col.flag'), value: (r) => (r.flagged ? say('relation.below', { threshold }) : '') },
      { header: 'action', title: t('relation.col.action'), value: (r) => r.action ?? '' },
    ],
    {
      csv: ctx.csv,
      json: ({ supplierId: _id, actionCreated: _c, input: _i, result: _r, ...r }) => ({ period: period.code, threshold, ...r }),
      empty: t('relation.empty'),
    },
  )
  const created = rows.filter((r) => r.actionCreated).length
  if (opts.createActions) {
    confirm(ctx, created > 0 ? t('relation.actionsOpened', { n: created }) : t('relation.noNewAction'))
  }
}

/** `--explain SUPPLIER:CUSTOMER`: the lines behind one pair's figures (or its JSON with them). */
async function explainPair(ctx: AppContext, period: PeriodBounds, rows: PairRow[], text: string, opts: { frequent: number; threshold: number }): Promise<void> {
  const wanted = parsePairText(text)
  const store = await ctx.store()
  const supplier = await requireUnit(store.db, wanted.supplier, t('relation.supplierUnit'))
  const customer = await requireUnit(store.db, wanted.customer, t('relation.customerUnit'))
  const row = rows.find((r) => r.supplier === supplier.code && r.customer === customer.code)
  if (!row) {
    throw new NotFoundError(t('relation.noSuchPair', { supplier: supplier.code, customer: customer.code, period: period.code }), t('relation.noSuchPair.hint', { period: period.code }))
  }
  const surveys = await relationSurveys(store.db, period)
  // --json is a contract: its explanation is in English whatever the interface language
  const lines = explainRelationLines({ period: period.code, ...row }, row.input, row.result, { ...opts, surveys }, ctx.json ? english : t)
  if (ctx.json) {
    const { supplierId: _id, actionCreated: _c, input, result, ...r } = row
    printJson(ctx, { period: period.code, threshold: opts.threshold, ...r, satisfactionMean: result.satisfactionMean, loyaltyMean: result.loyaltyMean, visitRatingSum: input.visitRatingSum, valueSum: input.valueSum, loyaltyCount: input.loyaltyCount, loyaltySum: input.loyaltySum, surveys, explanation: lines })
    return
  }
  for (const l of lines) printText(ctx, l)
}
