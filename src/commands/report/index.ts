import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../cli/context.js'
import { confirm, printEntity, printJson, printRows, shownInstant } from '../../cli/output.js'
import { localDate } from '../../domain/calendar/dates.js'
import { NotFoundError, UserError } from '../../domain/errors.js'
import { centsToAmount, formatAmount, parseDecision } from '../../domain/supervision/report.js'
import {
  REPORTS_KEY_ENV,
  deriveReportKey,
  keyCheckOf,
  keyMatchesCheck,
  newKdfParams,
  openIdentity,
  padIdentity,
  parseKdfParams,
  sealIdentity,
  type KdfParams,
  type SealedIdentity,
} from '../../domain/supervision/report-crypto.js'
import { appendEvent } from '../../storage/events-repo.js'
import { getMeta, setMeta } from '../../storage/meta-repo.js'
import { decideReport, findReportByCode, insertReport, listReports, listSealedIdentities, nextReportCode } from '../../storage/reports-repo.js'
import type { ReportRow } from '../../storage/schema-collaboration.js'
import type { DB } from '../../storage/schema.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { optionalText, requiredText, parseAt } from '../../cli/options.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'

/**
 * Employee reports of violations (员工监督举报, policy chapter 8.1). The reporter's identity is
 * sealed before it reaches the database and is never printed, logged or put in an error
 * message; only `report reveal` with the right ICM_REPORTS_KEY opens it, and that is logged.
 */

/** The meta key holding the scrypt parameters and the database's salt. */
const KDF_META_KEY = 'reports.kdf'
/** The meta key holding the key check: an HMAC of a fixed text under the derived key. */
const KEY_CHECK_META_KEY = 'reports.key-check'
/** A shorter secret is refused when filing (guessing it would be cheap even through scrypt). */
const MIN_KEY_LENGTH = 8

/** The JSON of a report: never the reporter's identity, only whether one is on file. */
export function reportJson(r: ReportRow, codes: ReadonlyMap<number, string>) {
  return {
    code: r.code,
    about: codes.get(r.about_id) ?? null,
    description: r.description,
    anonymous: r.reporter_ciphertext === null,
    status: r.status,
    validity: r.validity,
    reward: centsToAmount(r.reward_cents),
    decisionNote: r.decision_note,
    decidedAt: shownInstant(r.decided_at),
    filedAt: shownInstant(r.filed_at),
    createdAt: shownInstant(r.created_at),
  }
}

export async function requireReport(db: Kysely<DB>, code: string): Promise<ReportRow> {
  const r = await findReportByCode(db, code)
  if (!r) throw new NotFoundError(`unknown report '${code}'`, 'see icm report list')
  return r
}

function reportsKey(ctx: AppContext, purpose: string): string {
  const key = ctx.env[REPORTS_KEY_ENV]
  if (key === undefined || key === '') {
    throw new UserError(`${purpose} needs the ${REPORTS_KEY_ENV} environment variable, which is not set`, `set ${REPORTS_KEY_ENV} to the reports key of this database`)
  }
  return key
}

export function registerReport(program: Command, ctx: AppContext): void {
  const report = program.command('report').description("Employee reports of violations, with the reporter's identity kept confidential (员工监督举报)")

  example(
    report
      .command('file')
      .description(`File a report about a unit; prints its code. The reporter's identity (optional) is stored only encrypted with ${REPORTS_KEY_ENV}`)
      .option('--about <unit>', 'the unit the report is about')
      .option('--description <text>', 'what happened')
      .option('--reporter <name>', `who reports (encrypted; needs ${REPORTS_KEY_ENV}); leave out for an anonymous report`)
      .option('--at <datetime>', 'when it was received (default now)')
      .action(async (opts: ReportFileOptions) => void (await reportFileRun(ctx, opts))),
    'icm report file --about PUR --description "供应商选择未按规定比价"',
    'icm report file --about WH --description "出库单代签" --reporter 王芳   # needs ICM_REPORTS_KEY',
  )
  example(
    report
      .command('list')
      .description('List reports (never the reporter)')
      .option('--status <status>', 'received or decided')
      .option('--about <unit>', 'only reports about this unit')
      .action((opts: { status?: string; about?: string; csv?: boolean }) => reportListRun(ctx, opts)),
    'icm report list --status received',
  )
  example(
    report
      .command('show')
      .description('Show a report and its decision (never the reporter)')
      .argument('<code>', 'report code, e.g. RPT-0001')
      .action((code: string) => reportShowRun(ctx, code)),
    'icm report show RPT-0001',
  )
  example(
    report
      .command('decide')
      .description('Record whether a report is valid, and the reward for a valid one')
      .argument('<code>', 'report code')
      .option('--valid', 'the report is founded')
      .option('--invalid', 'the report is unfounded')
      .option('--reward <amount>', 'reward for a valid report, e.g. 500 or 88.50')
      .option('--note <text>', 'the finding')
      .option('--at <datetime>', 'when it was decided (default now)')
      .action((code: string, opts: ReportDecideOptions) => reportDecideRun(ctx, code, opts)),
    'icm report decide RPT-0001 --valid --reward 500 --note "经核实属实，已责令整改"',
  )
  example(
    report
      .command('reveal')
      .description(`Print the reporter's identity (needs the right ${REPORTS_KEY_ENV}); the reveal is logged, the identity is not`)
      .argument('<code>', 'report code')
      .option('--reason <text>', 'why it is revealed (kept in the event log)')
      .action((code: string, opts: { reason?: string }) => reportRevealRun(ctx, code, opts)),
    'icm report reveal RPT-0002 --reason "发放奖励"   # needs ICM_REPORTS_KEY',
  )
}

interface ReportFileOptions {
  about?: string
  description?: string
  reporter?: string
  at?: string
}

/** Files a report; returns its code. */
export async function reportFileRun(ctx: AppContext, opts: ReportFileOptions): Promise<string> {
  const aboutRef = await requiredText(ctx, opts.about, { flag: '--about', message: 'Unit the report is about' })
  const description = await requiredText(ctx, opts.description, { flag: '--description', message: 'What happened' })
  const reporter = opts.reporter === undefined ? null : opts.reporter.trim()
  if (reporter === '') throw new UserError('--reporter cannot be empty', 'leave out --reporter for an anonymous report')
  let secret: string | null = null
  if (reporter !== null) {
    padIdentity(reporter) // refuses a name too long to pad, before anything else
    secret = reportsKey(ctx, '--reporter')
    if (secret.length < MIN_KEY_LENGTH) throw new UserError(`${REPORTS_KEY_ENV} is too short to protect a reporter`, `use at least ${MIN_KEY_LENGTH} characters`)
  }
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const about = await requireUnit(trx, aboutRef, 'unit')
    const key = reporter !== null && secret !== null ? await databaseKey(trx, secret, null) : null
    if (key === 'mismatch') throw new UserError(`${REPORTS_KEY_ENV} does not match this database's key`, 'file with the key the other reports were filed with; nothing was filed')
    const code = await nextReportCode(trx)
    const sealed = reporter !== null && key !== null ? sealIdentity(key, reporter, code) : null
    const created = await insertReport(trx, {
      code,
      about_id: about.id,
      description,
      status: 'received',
      validity: null,
      reward_cents: null,
      decision_note: null,
      decided_at: null,
      reporter_iv: sealed?.iv ?? null,
      reporter_tag: sealed?.tag ?? null,
      reporter_ciphertext: sealed?.ciphertext ?? null,
      filed_at: at.toISOString(),
      created_at: ctx.now().toISOString(),
    })
    // the description stays with the report; the event says only that one was filed
    await appendEvent(trx, ctx.event('report.file', code, { about: about.code, anonymous: sealed === null }))
    return created
  })
  const json = reportJson(row, await unitCodesById(store.db))
  if (ctx.json) printEntity(ctx, json, [])
  else ctx.io.out(`${row.code}\n`)
  confirm(ctx, `${row.code} filed about ${json.about}${json.anonymous ? ' (anonymous)' : " (the reporter's identity is stored encrypted)"}`)
  return row.code
}

/**
 * The database's key derived from `secret`, inside the caller's write transaction, or 'mismatch'
 * when the secret is not this database's key. The first filing creates the salt and the key
 * check. `revealing` is the sealed identity about to be opened (null when filing).
 *
 * A database from before key checks has sealed identities and no check. We never store a check
 * for a key that no identity vouches for: the first key that opens an existing identity (when
 * filing: any on file; when revealing: the one asked for) is provably the key those reports were
 * filed with, so its check is stored then; a key that opens none is refused and stores nothing.
 * Storing the first key presented instead would let a mistyped key become the database's key and
 * lock the real one out.
 */
async function databaseKey(db: Kysely<DB>, secret: string, revealing: { sealed: SealedIdentity; code: string } | null): Promise<Buffer | 'mismatch'> {
  const storedParams = await getMeta(db, KDF_META_KEY)
  if (storedParams === undefined) {
    if (revealing) throw new Error('a report has an encrypted reporter but the database has no reports key parameters')
    const params: KdfParams = newKdfParams()
    await setMeta(db, KDF_META_KEY, JSON.stringify(params))
    const key = deriveReportKey(secret, params)
    await setMeta(db, KEY_CHECK_META_KEY, keyCheckOf(key))
    return key
  }
  const key = deriveReportKey(secret, parseKdfParams(storedParams))
  const check = await getMeta(db, KEY_CHECK_META_KEY)
  if (check !== undefined) return keyMatchesCheck(key, check) ? key : 'mismatch'
  const vouchers = revealing ? [revealing] : (await listSealedIdentities(db)).map((s) => ({ sealed: s, code: s.code }))
  const vouched = vouchers.length === 0 || vouchers.some((v) => openIdentity(key, v.sealed, v.code) !== null)
  if (!vouched) return 'mismatch'
  await setMeta(db, KEY_CHECK_META_KEY, keyCheckOf(key))
  return key
}

export async function reportListRun(ctx: AppContext, opts: { status?: string; about?: string; csv?: boolean }): Promise<void> {
  const status = opts.status === undefined ? undefined : parseReportStatus(opts.status)
  const store = await ctx.store()
  const about = opts.about === undefined ? undefined : await requireUnit(store.db, opts.about)
  const codes = await unitCodesById(store.db)
  const rows = (await listReports(store.db, { status, aboutId: about?.id })).map((r) => reportJson(r, codes))
  await printRows(
    ctx,
    rows,
    [
      { header: 'code', value: (r) => r.code },
      { header: 'filed', value: (r) => r.filedAt?.slice(0, 10) },
      { header: 'about', value: (r) => r.about },
      { header: 'status', value: (r) => r.status },
      { header: 'validity', value: (r) => r.validity },
      { header: 'reward', value: (r) => (r.reward === null ? '' : formatAmount(Math.round(r.reward * 100))), align: 'right' },
      { header: 'description', value: (r) => r.description },
    ],
    { csv: ctx.csv, empty: 'no reports match' },
  )
}

function parseReportStatus(text: string): ReportRow['status'] {
  const s = text.trim().toLowerCase()
  if (s !== 'received' && s !== 'decided') throw new UserError(`invalid report status '${text}'`, 'use received or decided')
  return s
}

export async function reportShowRun(ctx: AppContext, code: string): Promise<void> {
  const store = await ctx.store()
  const r = await requireReport(store.db, code)
  const json = reportJson(r, await unitCodesById(store.db))
  printEntity(ctx, json, [
    ['code', r.code],
    ['about', json.about],
    ['filed', json.filedAt],
    ['description', r.description],
    ['reporter', json.anonymous ? 'anonymous' : 'on file, encrypted (icm report reveal with the key)'],
    ['status', r.status],
    ['validity', r.validity],
    ['reward', formatAmount(r.reward_cents)],
    ['decision note', r.decision_note],
    ['decided', json.decidedAt],
  ])
}

interface ReportDecideOptions {
  valid?: boolean
  invalid?: boolean
  reward?: string
  note?: string
  at?: string
}

export async function reportDecideRun(ctx: AppContext, code: string, opts: ReportDecideOptions): Promise<void> {
  const decision = parseDecision(opts)
  const note = optionalText(opts.note)
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const r = await requireReport(trx, code)
    if (r.status === 'decided') throw new UserError(`${r.code} was already decided ${r.validity ?? ''} on ${localDate(new Date(r.decided_at ?? r.filed_at))}`)
    if (at.toISOString() < r.filed_at) throw new UserError(`${r.code} cannot be decided before it was filed (${shownInstant(r.filed_at)})`, 'check --at')
    const updated = await decideReport(trx, r.id, { validity: decision.validity, reward_cents: decision.rewardCents, decision_note: note, decided_at: at.toISOString() })
    await appendEvent(trx, ctx.event('report.decide', r.code, { validity: decision.validity, reward: centsToAmount(decision.rewardCents), note }))
    return updated
  })
  const json = reportJson(row, await unitCodesById(store.db))
  if (ctx.json) printEntity(ctx, json, [])
  confirm(ctx, `${row.code} decided ${decision.validity}${decision.rewardCents !== null ? `, reward ${formatAmount(decision.rewardCents)}` : ''}`)
}

export async function reportRevealRun(ctx: AppContext, code: string, opts: { reason?: string }): Promise<void> {
  const secret = reportsKey(ctx, 'revealing a reporter')
  const reason = optionalText(opts.reason)
  const store = await ctx.store()
  const { report, identity } = await store.write(async (trx) => {
    const r = await requireReport(trx, code)
    if (r.reporter_iv === null || r.reporter_tag === null || r.reporter_ciphertext === null) {
      throw new UserError(`${r.code} was filed anonymously: there is no identity to reveal`)
    }
    const sealed = { iv: r.reporter_iv, tag: r.reporter_tag, ciphertext: r.reporter_ciphertext }
    const key = await databaseKey(trx, secret, { sealed, code: r.code })
    const identity = key === 'mismatch' ? null : openIdentity(key, sealed, r.code)
    // a refused reveal is logged too (who, when, which report; never the key), and committed
    if (identity === null) await appendEvent(trx, ctx.event('report.reveal-refused', r.code, { reason }))
    else await appendEvent(trx, ctx.event('report.reveal', r.code, { reason }))
    return { report: r, identity }
  })
  if (identity === null) {
    throw new UserError(`cannot reveal the reporter of ${report.code}: ${REPORTS_KEY_ENV} is not the key it was filed with`, 'nothing was shown')
  }
  if (ctx.json) printJson(ctx, { code: report.code, reporter: identity })
  else ctx.io.out(`${identity}\n`)
  confirm(ctx, `reporter of ${report.code} revealed to ${ctx.actor}; the reveal was logged`)
}
