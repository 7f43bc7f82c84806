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
      .description("Post today's digest to a group robot (企业微信, 钉钉 or 飞书): one message per department, or one for all")
      .addOption(new Option('--via <platform>', 'wecom (企业微信), dingtalk (钉钉) or feishu (飞书)'))
      .option('--webhook <url>', 'the robot webhook (default: config notify.<unit>.webhook, else notify.default.webhook)')
      .option('--unit <unit>', 'only this department or position (code or name)')
      .option('--all-units', 'one message with every unit, to notify.default.webhook')
      .option('--as-of <datetime>', 'as of this time (default: now)')
      .option('--days <n>', `look-ahead and waiting threshold in days (default ${DEFAULT_DAYS})`)
      .option('--dry-run', 'print the payloads; send nothing')
      .option('--force', 'send again a digest already sent today, or send on a day off')
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
  if (via === undefined) throw new UsageError("required option '--via <platform>' not specified", 'use --via wecom, dingtalk or feishu')
  const p = via.trim().toLowerCase() as Platform
  if (!PLATFORMS.includes(p)) throw new UsageError(`unknown --via ${quote(via)}`, 'use wecom, dingtalk or feishu')
  return p
}

export async function notifyRun(ctx: AppContext, opts: NotifyOptions): Promise<void> {
  const platform = platformOf(opts.via)
  if (opts.allUnits && opts.unit !== undefined) throw new UsageError('--all-units cannot be used with --unit', 'give one of them')
  const given = opts.webhook === undefined ? undefined : checkWebhook(opts.webhook, '--webhook')
  const digest = await loadDigest(ctx, opts)
  const store = await ctx.store()
  const config = await loadConfigValues(store.db)
  const day = localDate(digest.asOf)
  if (!digest.workingDay && !opts.force && !opts.dryRun) {
    // a cron line can run every day: the business calendar decides (holidays off, 调休 days on)
    ctx.io.err(`icm: ${day} is not a working day on the business calendar; nothing sent (add --force to send anyway)\n`)
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
      throw new UserError(`no webhook for ${key}: ${notifyKeyName({ unit: chain[0]!, field: 'webhook' })} is not set (nor notify.default.webhook)`, `icm config set ${notifyKeyName({ unit: chain[0]!, field: 'webhook' })} URL, or give --webhook`)
    }
    checkWebhook(webhook, given !== undefined ? '--webhook' : hook!.key)
    const secret = lookup(chain, 'secret')
    if (secret && !signs(platform)) {
      throw new UserError(`${secret.key} is set, but 企业微信 (wecom) group robots do not sign messages`, `icm config unset ${secret.key}, or use --via dingtalk or feishu`)
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
    ctx.io.err(`icm: ${t('today.nothing', { asOf: formatInstant(digest.asOf) })}; nothing to send\n`)
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
    else for (const d of docs) printText(ctx, `# ${d.unit} via ${platform} → ${d.url} (${d.shown} shown, ${d.omitted} left out)\n${JSON.stringify(d.payload, null, 2)}`)
    return
  }

  const results: { unit: string; platform: Platform; count: number; shown: number; omitted: number; sent: boolean }[] = []
  for (const p of planned) {
    const { key } = p.target
    const count = p.message.shown + p.message.omitted
    if (!opts.force && (await digestSentOn(store.db, key, day))) {
      ctx.io.err(`icm: the digest of ${key} for ${day} was already sent; not sending it again (add --force to send it anyway)\n`)
      results.push({ unit: key, platform, count, shown: p.message.shown, omitted: p.message.omitted, sent: false })
      continue
    }
    await send(ctx, platform, key, p.request)
    await store.write((trx) => appendEvent(trx, ctx.event(NOTIFY_EVENT, key, { unit: key, platform, count, shown: p.message.shown, omitted: p.message.omitted, day })))
    results.push({ unit: key, platform, count, shown: p.message.shown, omitted: p.message.omitted, sent: true })
    confirm(ctx, `sent the digest of ${key} (${count} item${count === 1 ? '' : 's'}${p.message.omitted > 0 ? `, ${p.message.omitted} left out for size` : ''}) via ${platform}`)
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
        throw new UserError(`${platform} refused the digest of ${key}: ${answer.message}`, `check the webhook and secret (config notify.${key}.webhook, notify.${key}.secret); nothing was recorded for ${key}`)
      }
      last = answer.message
    } catch (e) {
      if (e instanceof UserError) throw e
      const err = e as Error
      last = err.name === 'TimeoutError' ? `no answer within ${timeout} ms` : ((err.cause as Error | undefined)?.message ?? err.message)
    }
  }
  throw new UserError(`could not post the digest of ${key} to ${platform} after ${TRIES} tries: ${last}`, `check the network and the webhook, then run icm notify again; nothing was recorded for ${key}`)
}

function positive(text: string | undefined, fallback: number): number {
  const n = Number(text)
  return text !== undefined && Number.isFinite(n) && n > 0 ? n : fallback
}
