import { Option, type Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { confirm, printJson, printText } from '../../cli/output.js'
import { formatInstant, localDate } from '../../domain/calendar/dates.js'
import { UsageError, UserError } from '../../domain/errors.js'
import { quote } from '../../domain/excerpt.js'
import { t } from '../../domain/i18n/catalog.js'
import { checkWebhook, notifyKeyName } from '../../domain/policy/config.js'
import type { UnitDigest } from '../../domain/today/digest.js'
import {
  PLATFORMS, backoffMs, digestMarkdown, fitsPlatform, messageTitle, platformRequest, readAnswer, signs, type Platform, type Request,
} from '../../domain/today/notify-message.js'
import { loadConfigValues } from '../../storage/config-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { NOTIFY_EVENT, digestSentOn } from '../../storage/notify-repo.js'
import { DEFAULT_DAYS, loadDigest, type DigestOptions } from './digest-data.js'

export interface NotifyOptions extends DigestOptions {
  via?: string
  webhook?: string
  allUnits?: boolean
  dryRun?: boolean
  force?: boolean
}

export function registerNotify(program: Command, ctx: AppContext): void {
  example(
    program
      .command('notify')
      .description(t('notify.description'))
      .addOption(new Option('--via <platform>', t('notify.via')))
      .option('--webhook <url>', t('notify.webhook'))
      .option('--unit <unit>', t('notify.unit'))
      .option('--all-units', t('notify.allUnits'))
      .option('--as-of <datetime>', t('notify.asOf'))
      .option('--days <n>', t('notify.days', { n: DEFAULT_DAYS }))
      .option('--dry-run', t('notify.dryRun'))
      .option('--force', t('notify.force'))
      .action((opts: NotifyOptions) => notifyRun(ctx, opts)),
    'icm notify --via dingtalk',
    'icm notify --via wecom --unit IT --dry-run',
    'icm notify --via feishu --all-units --webhook https://open.feishu.cn/open-apis/bot/v2/hook/…',
  )
}

/** One message to send: which unit it is for, where it goes and what it says. */
interface Target {
  /** the unit key of the event and the once-a-day check: a unit code, 'company' or 'all' */
  key: string
  groups: UnitDigest[]
  title: string
  moreUnit: string | null
  webhook: string
  secret: string | null
}

function platformOf(via: string | undefined): Platform {
  if (via === undefined) throw new UsageError(t('notify.viaMissing'), t('notify.viaMissing.hint'))
  const p = via.trim().toLowerCase() as Platform
  if (!PLATFORMS.includes(p)) throw new UsageError(t('notify.viaUnknown', { via: quote(via) }), t('notify.viaUnknown.hint'))
  return p
}

export async function notifyRun(ctx: AppContext, opts: NotifyOptions): Promise<void> {
  const platform = platformOf(opts.via)
  if (opts.allUnits && opts.unit !== undefined) throw new UsageError(t('notify.allWithUnit'), t('notify.allWithUnit.hint'))
  const given = opts.webhook === undefined ? undefined : checkWebhook(opts.webhook, '--webhook')
  const digest = await loadDigest(ctx, opts)
  const store = await ctx.store()
  const config = await loadConfigValues(store.db)
  const day = localDate(digest.asOf)
  if (!digest.workingDay && !opts.force && !opts.dryRun) {
    // a cron line can run every day: the business calendar decides (holidays off, 调休 days on)
    ctx.io.err(`icm: ${t('notify.dayOff', { day })}\n`)
    if (ctx.json) printJson(ctx, [])
    return
  }

  // every message's webhook and secret are checked before anything is sent
  const lookup = (chain: string[], field: 'webhook' | 'secret') => {
    for (const unit of chain) {
      const v = config.get(notifyKeyName({ unit, field }))
      if (v !== undefined) return { key: notifyKeyName({ unit, field }), value: v }
    }
    return undefined
  }
  const target = (key: string, chain: string[], groups: UnitDigest[], title: string, moreUnit: string | null): Target => {
    const hook = lookup(chain, 'webhook')
    const webhook = given ?? hook?.value
    if (webhook === undefined) {
      const name = notifyKeyName({ unit: chain[0]!, field: 'webhook' })
      throw new UserError(t('notify.noWebhook', { key, name }), t('notify.noWebhook.hint', { name }))
    }
    checkWebhook(webhook, given !== undefined ? '--webhook' : hook!.key)
    const secret = lookup(chain, 'secret')
    if (secret && !signs(platform)) {
      throw new UserError(t('notify.wecomSecret', { key: secret.key }), t('notify.wecomSecret.hint', { key: secret.key }))
    }
    return { key, groups, title, moreUnit, webhook, secret: secret?.value ?? null }
  }
  const targets: Target[] = []
  if (opts.allUnits) targets.push(target('all', ['default'], digest.groups, messageTitle(null, digest.asOf), null))
  else {
    for (const g of digest.groups) {
      const key = digest.unit ?? g.unit ?? 'company'
      const chain = g.unit === null ? ['default'] : [...new Set([key, g.unit, 'default'])]
      targets.push(target(key, chain, [g], messageTitle(g, digest.asOf), g.unit === null ? null : key))
    }
  }
  if (targets.length === 0) {
    ctx.io.err(`icm: ${t('notify.nothingToSend', { nothing: t('today.nothing', { asOf: formatInstant(digest.asOf) }) })}\n`)
    if (ctx.json) printJson(ctx, [])
    return
  }

  const planned = targets.map((x) => {
    const m = digestMarkdown(x.groups, x.title, x.moreUnit, fitsPlatform(platform, x.title), t('today.nothing', { asOf: formatInstant(digest.asOf) }))
    return { target: x, message: m, request: platformRequest(platform, x.webhook, m, x.secret, ctx.now()) }
  })
  if (opts.dryRun) {
    const docs = planned.map((p) => ({ unit: p.target.key, platform, url: p.request.url, shown: p.message.shown, omitted: p.message.omitted, payload: p.request.body }))
    if (ctx.json) printJson(ctx, docs)
    else for (const d of docs) printText(ctx, `${t('notify.dryRunLine', { unit: d.unit, platform: platformName(platform), url: d.url, shown: d.shown, omitted: d.omitted })}\n${JSON.stringify(d.payload, null, 2)}`)
    return
  }

  const results: { unit: string; platform: Platform; count: number; shown: number; omitted: number; sent: boolean }[] = []
  for (const p of planned) {
    const { key } = p.target
    const count = p.message.shown + p.message.omitted
    if (!opts.force && (await digestSentOn(store.db, key, day))) {
      ctx.io.err(`icm: ${t('notify.alreadySent', { key, day })}\n`)
      results.push({ unit: key, platform, count, shown: p.message.shown, omitted: p.message.omitted, sent: false })
      continue
    }
    await send(ctx, platform, key, p.request)
    await store.write((trx) => appendEvent(trx, ctx.event(NOTIFY_EVENT, key, { unit: key, platform, count, shown: p.message.shown, omitted: p.message.omitted, day })))
    results.push({ unit: key, platform, count, shown: p.message.shown, omitted: p.message.omitted, sent: true })
    confirm(ctx, p.message.omitted > 0 ? t('notify.sentOmitted', { key, count, omitted: p.message.omitted, platform: platformName(platform) }) : t('notify.sent', { key, count, platform: platformName(platform) }))
  }
  if (ctx.json) printJson(ctx, results)
}

const TRIES = 3

/**
 * Posts one message: a platform error (errcode ≠ 0, HTTP 4xx) is refused at once (exit 3 with its
 * message); a timeout, a network error or a 5xx is tried again after a pause, 3 tries in all.
 * ICM_NOTIFY_TIMEOUT_MS (default 10000) bounds each try, ICM_NOTIFY_BACKOFF_MS (default 1000) the pause.
 */
async function send(ctx: AppContext, platform: Platform, key: string, req: Request): Promise<void> {
  const timeout = positive(ctx.env.ICM_NOTIFY_TIMEOUT_MS, 10_000)
  const backoff = positive(ctx.env.ICM_NOTIFY_BACKOFF_MS, 1_000)
  let last = ''
  for (let n = 1; n <= TRIES; n++) {
    if (n > 1) await new Promise((resolve) => setTimeout(resolve, backoffMs(n, backoff)))
    try {
      const res = await fetch(req.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(req.body),
        signal: AbortSignal.timeout(timeout),
      })
      const answer = readAnswer(res.status, await res.text())
      if (answer.kind === 'ok') return
      if (answer.kind === 'refused') {
        throw new UserError(t('notify.refused', { platform: platformName(platform), key, message: answer.message }), t('notify.refused.hint', { key }))
      }
      last = answer.message
    } catch (e) {
      if (e instanceof UserError) throw e
      const err = e as Error
      last = err.name === 'TimeoutError' ? t('notify.noAnswer', { ms: timeout }) : ((err.cause as Error | undefined)?.message ?? err.message)
    }
  }
  throw new UserError(t('notify.failed', { key, platform: platformName(platform), tries: TRIES, last }), t('notify.failed.hint', { key }))
}

function positive(text: string | undefined, fallback: number): number {
  const n = Number(text)
  return text !== undefined && Number.isFinite(n) && n > 0 ? n : fallback
}

/** A platform as a person calls it: wecom in English, 企业微信 in Chinese. */
function platformName(p: Platform): string {
  return t(`notify.platform.${p}`)
}
