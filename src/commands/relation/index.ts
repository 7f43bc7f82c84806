import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { confirm, printCaption, printRows } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { addDays, localDate } from '../../domain/calendar/dates.js'
import { periodEnd, periodStart, parsePeriod } from '../../domain/calendar/period.js'
import { assessRelation, relationActionRef, sharedProjectCounts } from '../../domain/collaboration/relation.js'
import { insertAction, listActions } from '../../storage/actions-repo.js'
import { listProjectParticipations } from '../../storage/projects-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { requestCountsByPair } from '../../storage/relations-assess-repo.js'
import { satisfactionAggregates } from '../../storage/surveys-repo.js'
import { listUnits } from '../../storage/units-repo.js'
import { visitsByPair } from '../../storage/visits-repo.js'
import { loadCustomerMap } from '../../storage/customer-map-repo.js'
import { example } from '../../cli/help.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { parseWhole } from '../../cli/options.js'

/** Days an improvement action opened by the relationship assessment has, from the day it is opened. */
export const RELATION_ACTION_DAYS = 30

export function registerRelation(program: Command, ctx: AppContext): void {
  const relation = program.command('relation').description('Relationship assessment of supplier→customer pairs (policy 6)')

  example(
    relation
      .command('assess')
      .description('Per supplier→customer pair: satisfaction, loyalty, collaboration frequency, relationship index and a flag below the threshold')
      .option('--period <period>', 'the period, e.g. 2026-H1 or 2026-Q3')
      .option('--threshold <n>', 'flag pairs whose index is below this (default: config relation.threshold)')
      .option('--create-actions', 'open an improvement action for each flagged pair (once per pair and period)')
      .action((opts: RelationAssessOptions) => relationAssessRun(ctx, opts)),
    'icm relation assess --period 2026-H1',
    'icm relation assess --period 2026-H1 --threshold 65 --create-actions',
  )
}

interface RelationAssessOptions {
  period?: string
  threshold?: string
  createActions?: boolean
  csv?: boolean
}

export async function relationAssessRun(ctx: AppContext, opts: RelationAssessOptions): Promise<void> {
  const period = parsePeriod(await need(ctx, opts.period, { flag: '--period', message: 'Period, e.g. 2026-H1' }))
  const thresholdOption = parseWhole(opts.threshold, '--threshold', 0, 100)
  const store = await ctx.store()
  const policy = await loadPolicy(store.db)
  const threshold = thresholdOption ?? policy.relationThreshold
  const units = await listUnits(store.db, { includeInactive: true })
  const byId = new Map(units.map((u) => [u.id, u]))
  const idOf = new Map(units.map((u) => [u.code, u.id]))

  // The pairs: the customer map's, plus every pair in which a customer rated a supplier in the period.
  const pairKey = (supplierId: number, customerId: number) => `${supplierId}>${customerId}`
  const pairs = new Map<string, { supplierId: number; customerId: number; inMap: boolean }>()
  for (const p of await loadCustomerMap(store.db)) {
    const s = idOf.get(p.supplier)!
    const c = idOf.get(p.customer)!
    pairs.set(pairKey(s, c), { supplierId: s, customerId: c, inMap: true })
  }
  const ratings = new Map<string, { count: number; valueSum: number; loyaltyCount: number; loyaltySum: number }>()
  for (const a of await satisfactionAggregates(store.db, { from: period.startDate, to: period.endDate, kind: 'any', groupBy: 'pair' })) {
    const key = pairKey(a.ratedId, a.respondentId!)
    ratings.set(key, a)
    if (!pairs.has(key)) pairs.set(key, { supplierId: a.ratedId, customerId: a.respondentId!, inMap: false })
  }
  const requests = new Map((await requestCountsByPair(store.db, periodStart(period), periodEnd(period))).map((r) => [pairKey(r.supplierId, r.customerId), r.count]))
  const visits = new Map((await visitsByPair(store.db, { from: period.startDate, to: period.endDate })).map((v) => [pairKey(v.supplierId, v.customerId), v.visits]))
  const shared = sharedProjectCounts((await listProjectParticipations(store.db, { dueFrom: period.startDate, dueTo: period.endDate })).filter((p) => p.status !== 'cancelled'))

  const rows = [...pairs.entries()].map(([key, p]) => {
    const s = byId.get(p.supplierId)!
    const c = byId.get(p.customerId)!
    const r = ratings.get(key)
    const input = {
      responses: r?.count ?? 0,
      valueSum: r?.valueSum ?? 0,
      loyaltyCount: r?.loyaltyCount ?? 0,
      loyaltySum: r?.loyaltySum ?? 0,
      requests: requests.get(key) ?? 0,
      visits: visits.get(key) ?? 0,
      projects: shared.get(key) ?? 0,
    }
    const result = assessRelation(input, { frequent: policy.relationFrequent, threshold })
    return {
      supplierId: s.id,
      supplier: s.code,
      supplierName: s.name,
      customer: c.code,
      customerName: c.name,
      inMap: p.inMap,
      responses: input.responses,
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
    }
  })
  rows.sort((a, b) => (a.supplier < b.supplier ? -1 : a.supplier > b.supplier ? 1 : a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0))

  // Actions already opened for a flagged pair in this period are shown, never opened twice.
  const existing = new Map((await listActions(store.db, { source: 'relation' })).map((a) => [a.source_ref ?? '', a.code]))
  for (const r of rows) if (r.flagged) r.action = existing.get(relationActionRef(period.code, r.supplier, r.customer)) ?? null

  if (opts.createActions) {
    const toOpen = rows.filter((r) => r.flagged && r.action === null)
    if (toOpen.length > 0) {
      const due = addDays(localDate(ctx.now()), RELATION_ACTION_DAYS)
      await store.write(async (trx) => {
        const opened: { pair: string; action: string }[] = []
        for (const r of toOpen) {
          const ref = relationActionRef(period.code, r.supplier, r.customer)
          // Checked again inside the transaction: another admin may have run the same command.
          const again = await listActions(trx, { source: 'relation', sourceRef: ref })
          if (again[0]) {
            r.action = again[0].code
            continue
          }
          const a = await insertAction(trx, {
            source: 'relation',
            sourceRef: ref,
            ownerId: r.supplierId,
            description: `${period.code} 与${r.customerName}(${r.customer})的客户关系指数 ${r.index!.toFixed(1)} 低于 ${threshold}: 回访客户并制定改进措施`,
            due,
            createdAt: ctx.now(),
          })
          r.action = a.code
          r.actionCreated = true
          opened.push({ pair: `${r.supplier}→${r.customer}`, action: a.code })
        }
        if (opened.length > 0) await appendEvent(trx, ctx.event('relation.assess', period.code, { threshold, opened }))
      })
    }
  }

  const flagged = rows.filter((r) => r.flagged).length
  if (!ctx.csv && rows.length > 0) {
    printCaption(
      ctx,
      `${period.code}: index = 0.5·satisfaction + 0.3·loyalty + 0.2·frequency (100 at ${policy.relationFrequent} contacts: requests + visits + shared projects); ${flagged} of ${rows.length} pairs below ${threshold}`,
    )
  }
  const one = (x: number | null) => (x === null ? 'n/a' : x.toFixed(1))
  await printRows(
    ctx,
    rows,
    [
      { header: 'supplier', value: (r) => r.supplier },
      { header: 'customer', value: (r) => r.customer },
      { header: 'responses', value: (r) => r.responses, align: 'right' },
      { header: 'satisfaction', value: (r) => one(r.satisfaction), align: 'right' },
      { header: 'loyalty', value: (r) => one(r.loyalty), align: 'right' },
      { header: 'requests', value: (r) => r.requests, align: 'right' },
      { header: 'visits', value: (r) => r.visits, align: 'right' },
      { header: 'projects', value: (r) => r.projects, align: 'right' },
      { header: 'frequency', value: (r) => one(r.frequency), align: 'right' },
      { header: 'index', value: (r) => one(r.index), align: 'right' },
      { header: 'flag', value: (r) => (r.flagged ? `below ${threshold}` : '') },
      { header: 'action', value: (r) => r.action ?? '' },
    ],
    {
      csv: ctx.csv,
      json: ({ supplierId: _id, actionCreated: _c, ...r }) => ({ period: period.code, threshold, ...r }),
      empty: 'no supplier→customer pairs (the customer map is empty and no survey response rates a supplier in this period)',
    },
  )
  const created = rows.filter((r) => r.actionCreated).length
  if (opts.createActions) {
    confirm(ctx, created > 0 ? `${created} improvement action${created === 1 ? '' : 's'} opened for flagged pairs` : 'no new improvement action: every flagged pair has one already, or none is flagged')
  }
}
