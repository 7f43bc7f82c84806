import fs from 'node:fs'
import path from 'node:path'
import { UserError } from '../domain/errors.js'
import { t } from '../domain/i18n/catalog.js'
import { DATABASE_COMPANIONS } from '../storage/atomic-file.js'
import { isDatabaseUrl } from '../storage/location.js'
import type { AppContext } from './context.js'

export { OutputFile, withTemporaryPath, writeOutputFile } from '../storage/atomic-file.js'

/**
 * Every file icm writes for the user (exports, rejects, backups, reports) goes through here
 * (DESIGN.md §8): the path is checked before any work, and the file is written under a temporary
 * name in the same folder with mode 0600 and renamed into place at the end, so a killed command
 * never leaves a half file under the real name and nothing icm writes is world-readable.
 */
export interface OutputPathOptions {
  /** how the user named the path, e.g. '--out' or 'FILE' (for messages) */
  flag: string
  /** --yes: replace an existing file without asking */
  yes?: boolean
  /** the files this command reads: the output may not replace one of them */
  inputs?: readonly string[]
}

/**
 * Resolves an output path and checks it: refused (exit 3, naming the path and why) are the
 * database and its -wal/-shm/-journal files, an input of the same command, a folder, a device,
 * a FIFO or a socket, a path in a folder that does not exist, and '-'. An existing file is replaced
 * only with --yes or after a confirmation on a terminal. Returns the absolute path, or
 * undefined when the user said no at the prompt.
 */
export async function checkOutputPath(ctx: AppContext, file: string, opts: OutputPathOptions): Promise<string | undefined> {
  // '-' reads standard input where icm reads a file; where it writes one, a file named '-' is never what was meant
  if (file.trim() === '-') throw new UserError(t('system.out.dash', { flag: opts.flag }), t('system.out.dash.hint', { flag: opts.flag }))
  const target = path.resolve(ctx.cwd, file)
  const dir = path.dirname(target)
  if (!isDirectory(dir)) throw new UserError(t('system.out.noFolder', { file, dir }), t('system.out.noFolder.hint'))
  const real = realTarget(target)
  const database = ctx.dbLocation()
  if (!isDatabaseUrl(database)) {
    const dbReal = realTarget(database)
    for (const suffix of DATABASE_COMPANIONS) {
      if (real === `${dbReal}${suffix}` || target === `${database}${suffix}`) {
        const what = suffix === '' ? t('system.out.theDatabase') : t('system.out.databaseFile', { suffix: suffix.slice(1) })
        throw new UserError(t('system.out.refused', { flag: opts.flag, file, what }), t('system.out.otherName.hint'))
      }
    }
  }
  for (const input of opts.inputs ?? []) {
    if (realTarget(path.resolve(ctx.cwd, input)) === real) {
      throw new UserError(t('system.out.isInput', { flag: opts.flag, file, input }), t('system.out.otherName.hint'))
    }
  }
  const stat = statOrUndefined(target)
  if (stat === undefined) return target
  if (stat.isDirectory()) throw new UserError(t('system.out.isFolder', { flag: opts.flag, file }), t('system.out.isFolder.hint'))
  if (!stat.isFile()) {
    throw new UserError(t('system.out.notRegular', { flag: opts.flag, file, what: kindOf(stat) }), t('system.file.givePath.hint'))
  }
  if (opts.yes) return target
  if (!ctx.canPrompt) throw new UserError(t('system.out.exists', { file }), t('system.out.exists.hint'))
  if (await ctx.io.prompter.confirm({ message: t('system.out.replace', { file }), default: false })) return target
  ctx.io.err(`${t('system.out.cancelled')}\n`)
  return undefined
}

function isDirectory(p: string): boolean {
  return statOrUndefined(p)?.isDirectory() === true
}

function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p)
  } catch {
    return undefined
  }
}

/** The path with symbolic links resolved (its folder's, when the file does not exist yet). */
function realTarget(p: string): string {
  try {
    return fs.realpathSync(p)
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(p)), path.basename(p))
    } catch {
      return p
    }
  }
}

function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return t('system.kind.fifo')
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return t('system.kind.device')
  if (stat.isSocket()) return t('system.kind.socket')
  return t('system.kind.other')
}
