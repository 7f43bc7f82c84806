import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { periodOption, unitOption } from '../../cli/options.js'
import { printRows, printText } from '../../cli/output.js'
import { boundsOf, parsePeriod } from '../../domain/calendar/period.js'
import { amountOf, amountText, rewardsByPeriod, type PeriodRewards } from '../../domain/collaboration/recognition-rewards.js'
import { listRecognitions } from '../../storage/recognitions-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { recognitionJson } from './recognition-json.js'
import { t } from '../../domain/i18n/catalog.js'

export interface RecognitionListOptions {
  period?: string
  unit?: string
  totals?: boolean
}

export function registerRecognitionList(recognition: Command, ctx: AppContext): void {
  const cmd = recognition.command('list').description(t('recognition.list.description'))
  periodOption(cmd, t('recognition.list.period'))
  unitOption(cmd, t('recognition.list.unit'))
    .option('--totals', t('recognition.list.totals'))
    .action((opts: RecognitionListOptions) => recognitionListRun(ctx, opts))
  example(cmd, 'icm recognition list --period 2026', 'icm recognition list --period 2026 --totals')
}

/** The columns of the sums per period (titles in the interface language, read when the command runs). */
const totalColumns = () => [
  { header: 'period', title: t('recognition.col.period'), value: (p: PeriodRewards) => p.period },
  { header: 'recognitions', title: t('recognition.col.recognitions'), value: (p: PeriodRewards) => p.recognitions, align: 'right' as const },
  { header: 'rewarded', title: t('recognition.col.rewarded'), value: (p: PeriodRewards) => p.rewarded, align: 'right' as const },
  { header: 'rewards', title: t('recognition.col.rewards'), value: (p: PeriodRewards) => amountText(p.rewardCents), align: 'right' as const },
]

export async function recognitionListRun(ctx: AppContext, opts: RecognitionListOptions): Promise<void> {
  const period = opts.period === undefined ? undefined : boundsOf(parsePeriod(opts.period))
  const store = await ctx.store()
  const unit = opts.unit === undefined ? undefined : await requireUnit(store.db, opts.unit, t('recognition.unitWhat'))
  const codes = await unitCodesById(store.db)
  const found = await listRecognitions(store.db, { period, unitId: unit?.id })
  const totals = rewardsByPeriod(found.map((r) => ({ period: r.period, rewardCents: r.reward_cents })))
  if (opts.totals) {
    await printRows(ctx, totals, totalColumns(), {
      csv: ctx.csv,
      empty: t('recognition.list.empty'),
      json: (p) => ({ period: p.period, recognitions: p.recognitions, rewarded: p.rewarded, rewards: amountOf(p.rewardCents) }),
    })
    return
  }
  const rows = found.map((r) => recognitionJson(r, codes))
  await printRows(
    ctx,
    rows,
    [
      { header: 'code', title: t('recognition.col.code'), value: (r) => r.code },
      { header: 'period', title: t('recognition.col.period'), value: (r) => r.period },
      { header: 'unit', title: t('recognition.col.unit'), value: (r) => r.unit },
      { header: 'person', title: t('recognition.col.person'), value: (r) => r.person },
      { header: 'reason', title: t('recognition.col.reason'), value: (r) => r.reason },
      { header: 'reward', title: t('recognition.col.reward'), value: (r) => (r.reward === null ? '' : amountText(Math.round(r.reward * 100))), align: 'right' },
    ],
    { csv: ctx.csv, empty: t('recognition.list.empty') },
  )
  // on a terminal the sums follow the list; scripts ask for them with --totals
  if (!ctx.json && !ctx.csv && ctx.io.stdoutIsTTY && rows.length > 0) {
    printText(ctx, t('recognition.list.perPeriod'))
    await printRows(ctx, totals, totalColumns())
  }
}
