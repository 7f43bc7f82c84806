import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { printCaption, printRows, shownInstant } from '../../cli/output.js'
import { priorityInputOf, urgentLimitDate } from '../../domain/requests/evaluation.js'
import { QUADRANT_LABELS, compareRank, priorityOf } from '../../domain/requests/priority.js'
import { OPEN_REQUEST_STATUSES, parseRequestStatus } from '../../domain/requests/request-state.js'
import { loadSchedule } from '../../storage/calendar-repo.js'
import { evaluationSummaries } from '../../storage/request-evaluations-repo.js'
import { coUnitsOf, listRequests } from '../../storage/requests-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { isChinese, t } from '../../domain/i18n/catalog.js'

export function registerRank(request: Command, ctx: AppContext): void {
  example(
    request
      .command('rank')
      .description(t('request.rank.description'))
      .option('--to <unit>', t('request.rank.to'))
      .option('--status <status>', t('request.rank.status'))
      .action((opts: RankOptions) => requestRankRun(ctx, opts)),
    'icm request rank --to IT',
  )
}

export interface RankOptions {
  to?: string
  status?: string
}

export async function requestRankRun(ctx: AppContext, opts: RankOptions): Promise<void> {
  const status = opts.status === undefined ? undefined : parseRequestStatus(opts.status)
  const store = await ctx.store()
  const provider = opts.to ? await requireUnit(store.db, opts.to, t('request.providerUnit')) : undefined
  const now = ctx.now()
  const rows = await listRequests(store.db, { statuses: status ? [status] : OPEN_REQUEST_STATUSES, unitId: provider?.id })
  const limit = urgentLimitDate(await loadSchedule(store.db), now)
  const evals = await evaluationSummaries(store.db, rows.map((r) => r.id))
  const codes = await unitCodesById(store.db)
  const co = await coUnitsOf(store.db, rows.map((r) => r.id))
  const ranked = rows
    .map((r) => ({ r, p: priorityOf(priorityInputOf(r.neededBy, evals.get(r.id), limit)) }))
    .sort((a, b) => compareRank({ ...a.p, createdAt: a.r.loggedAt, code: a.r.code }, { ...b.p, createdAt: b.r.loggedAt, code: b.r.code }))
    .map(({ r, p }, i) => ({
      rank: i + 1,
      code: r.code,
      quadrant: p.quadrant,
      quadrantLabel: QUADRANT_LABELS[p.quadrant],
      score: p.score,
      important: p.important,
      urgent: p.urgent,
      evaluations: evals.get(r.id)?.count ?? 0,
      status: r.status,
      from: codes.get(r.customerId) ?? null,
      to: codes.get(r.providerId) ?? null,
      also: (co.get(r.id) ?? []).map((id) => codes.get(id) ?? null),
      title: r.title,
      neededBy: r.neededBy,
      loggedAt: shownInstant(r.loggedAt),
      ageDays: Math.floor((now.getTime() - Date.parse(r.loggedAt)) / 86_400_000),
    }))
  printCaption(ctx, provider ? t('request.rank.captionOf', { unit: `${provider.code} ${provider.name}`, limit }) : t('request.rank.caption', { limit }))
  const term = ctx.io.stdoutIsTTY && !ctx.csv && isChinese()
  await printRows(
    ctx,
    ranked,
    [
      { header: '#', value: (x) => x.rank, align: 'right' },
      { header: 'code', title: t('request.col.code'), value: (x) => x.code },
      { header: 'quadrant', title: t('request.col.quadrant'), value: (x) => `${x.quadrant} ${term ? t(`request.quadrant.${x.quadrant}`) : x.quadrantLabel}` },
      { header: 'score', title: t('request.col.score'), value: (x) => (x.score === null ? (term ? t('request.rank.notEvaluated') : 'not evaluated') : x.score.toFixed(1)), align: 'right' },
      { header: 'age (d)', title: t('request.col.age'), value: (x) => x.ageDays, align: 'right' },
      { header: 'status', title: t('request.col.status'), value: (x) => x.status, enum: 'requestStatus' },
      { header: 'from', title: t('request.col.from'), value: (x) => x.from },
      { header: 'to', title: t('request.col.to'), value: (x) => x.to },
      { header: 'also', title: t('request.col.also'), value: (x) => x.also.join(',') },
      { header: 'title', title: t('request.col.title'), value: (x) => x.title },
      { header: 'needed by', title: t('request.col.neededBy'), value: (x) => x.neededBy },
    ],
    { csv: ctx.csv, empty: t('request.rank.empty') },
  )
}
