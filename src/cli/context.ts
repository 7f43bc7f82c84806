import os from 'node:os'
import path from 'node:path'
import { parseInstant } from '../domain/calendar/dates.js'
import { UserError } from '../domain/errors.js'
import type { Store } from '../storage/database.js'
import { isDatabaseUrl } from '../storage/location.js'
import type { NewEvent } from '../storage/events-repo.js'
import type { Command } from 'commander'
import { t, useLanguage, type Lang } from '../domain/i18n/catalog.js'
import type { IO } from './io.js'

/** Registers a command group (or a top-level command) on the program. */
export type Register = (program: Command, ctx: AppContext) => void

export interface CommandGroup {
  /** the top-level names the module registers */
  names: readonly string[]
  load(): Promise<Register>
}

/** The global options of DESIGN.md §5, as parsed for this run. */
export interface GlobalOptions {
  db?: string
  json?: boolean
  csv?: boolean
  actor?: string
  input?: boolean
}

/**
 * Everything a command needs from the outside world: IO, the clock, the environment and the
 * database. Built once per run; tests build it with testIO() and a fixed clock.
 */
export interface AppContext {
  readonly io: IO
  /** The command groups the program can load (src/commands/registry.ts, given by bin/icm.ts and the tests). */
  readonly commands: readonly CommandGroup[]
  readonly env: NodeJS.ProcessEnv
  readonly cwd: string
  now(): Date
  /** Global options; set by the program before the command's action runs. */
  globals: GlobalOptions
  /**
   * What the running command does with the database: a read command never creates one (a missing
   * database is exit 4), a write command creates it and says so, init creates it quietly.
   */
  access: 'read' | 'write' | 'init'
  /** The interface language when --lang (or a parent run) chose it; else the locale's, or config ui.lang. */
  language: Lang | undefined
  readonly json: boolean
  /** --csv: list and table commands print RFC 4180 CSV */
  readonly csv: boolean
  readonly actor: string
  readonly host: string
  /** May a missing option be asked for? (a terminal, and no --no-input) */
  readonly canPrompt: boolean
  /** The database path (--db, else ICM_DB, else ./icm.db). */
  dbLocation(): string
  /** Opens (once) and migrates the database. */
  store(): Promise<Store>
  /** Opens the database at another location (used by `demo`), closing any open one. */
  useStore(location: string): Promise<Store>
  event(action: string, entity: string | null, details?: Record<string, unknown>): NewEvent
  /**
   * Says once per run, on a terminal only, that a write waits for another icm command (the
   * store calls it when the write lock is taken; the survey import when it queues on PostgreSQL).
   */
  waitingForLock(): void
  /**
   * Runs another icm command line on the same open database, with its own IO (the demo builds
   * its company this way, through the commands a user would type). Set by cli/main's run().
   */
  runCommand(argv: readonly string[], io: IO): Promise<number>
  close(): Promise<void>
}

export interface ContextOptions {
  io: IO
  commands?: readonly CommandGroup[]
  language?: Lang
  env?: NodeJS.ProcessEnv
  cwd?: string
  now?: () => Date
  host?: string
  user?: string
  fsTypeOf?: (dir: string) => number
}

export function createContext(o: ContextOptions): AppContext {
  const env = o.env ?? process.env
  const cwd = o.cwd ?? process.cwd()
  const clock = o.now ?? clockFromEnv(env)
  let store: Store | undefined
  let location: string | undefined
  let saidWaiting = false
  const ctx: AppContext = {
    io: o.io,
    commands: o.commands ?? [],
    language: o.language,
    env,
    cwd,
    now: clock,
    globals: {},
    get json() {
      return ctx.globals.json === true
    },
    get csv() {
      return ctx.globals.csv === true
    },
    get actor() {
      return ctx.globals.actor || env.ICM_ACTOR || o.user || osUser()
    },
    host: o.host ?? os.hostname(),
    get canPrompt() {
      return o.io.interactive && ctx.globals.input !== false
    },
    dbLocation() {
      const raw = ctx.globals.db || env.ICM_DB || 'icm.db'
      return isDatabaseUrl(raw) ? raw : path.resolve(cwd, raw)
    },
    access: 'write',
    async store() {
      const where = ctx.dbLocation()
      if (store && location === where) return store
      const opened = await ctx.useStore(where)
      if (opened.created && ctx.access === 'write') o.io.err(`icm: ${t('cli.createdDatabase', { location: opened.location })}\n`)
      return opened
    },
    async useStore(where) {
      if (store && location === where) return store
      await ctx.close()
      // loaded when a command first needs the database: --version and --help never load SQLite
      const { openStore } = await import('../storage/open.js')
      store = await openStore(where, { notice: (m) => o.io.err(`icm: ${m}\n`), fsTypeOf: o.fsTypeOf, mustExist: ctx.access === 'read', onLockWait: () => ctx.waitingForLock() })
      location = where
      if (ctx.language === undefined) await useConfiguredLanguage(store)
      return store
    },
    event(action, entity, details = {}) {
      return { at: clock(), actor: ctx.actor, host: ctx.host, action, entity, details }
    },
    waitingForLock() {
      if (saidWaiting || !o.io.interactive) return
      saidWaiting = true
      o.io.err(`icm: ${t('system.waitingForLock')}\n`)
    },
    async runCommand() {
      throw new Error('runCommand is set by cli/main run()')
    },
    async close() {
      const s = store
      store = undefined
      location = undefined
      if (s) await s.close()
    },
  }
  return ctx
}

function osUser(): string {
  try {
    return os.userInfo().username
  } catch {
    return 'unknown'
  }
}

/**
 * The real clock, unless ICM_NOW fixes it (for reproducible demos and end-to-end tests). ICM_NOW
 * is read when the clock is first asked, inside the command's run, so a bad one is the usual
 * one-line error (exit 3), not a crash before the command starts.
 */
function clockFromEnv(env: NodeJS.ProcessEnv): () => Date {
  const fixed = env.ICM_NOW
  if (!fixed) return () => new Date()
  let fixedAt: Date | undefined
  return () => {
    if (fixedAt === undefined) {
      try {
        fixedAt = parseInstant(fixed, 'ICM_NOW')
      } catch {
        throw new UserError(t('system.icmNow', { value: fixed }), t('system.icmNow.hint'))
      }
    }
    return new Date(fixedAt.getTime())
  }
}

/**
 * A context for a command run inside another (see AppContext.runCommand): its own IO and global
 * options, the parent's database, clock and actor; closing it leaves the database open.
 */
export function nestedContext(parent: AppContext, io: IO): AppContext {
  const child = createContext({ io, commands: parent.commands, language: parent.language, env: parent.env, cwd: parent.cwd, now: () => parent.now(), host: parent.host })
  Object.defineProperty(child, 'actor', { get: () => parent.actor })
  return Object.assign(child, {
    dbLocation: () => parent.dbLocation(),
    store: () => parent.store(),
    useStore: (where: string) => parent.useStore(where),
    close: async () => {},
    runCommand: parent.runCommand,
  }) satisfies AppContext
}

/** config ui.lang, when set, is the interface language of a run that did not give --lang (DESIGN.md §7). */
async function useConfiguredLanguage(store: Store): Promise<void> {
  const { loadConfigValues } = await import('../storage/config-repo.js')
  const lang = (await loadConfigValues(store.db)).get('ui.lang')
  if (lang === 'en' || lang === 'zh-CN' || lang === 'zh-TW') await useLanguage(lang)
}
