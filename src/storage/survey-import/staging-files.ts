import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { UserError } from '../../domain/errors.js'
import { t } from '../../domain/i18n/catalog.js'

/**
 * The staging files of survey imports: an SQLite file next to the database,
 * `icm.db.import-<pid>-<random>.tmp`, created new (never reused) with mode 0600, removed when
 * the import ends, when the process exits, and on SIGINT, SIGTERM and SIGHUP. A process killed
 * outright (SIGKILL, power loss) leaves its file behind: the next import removes the files
 * whose process is gone. A file is only ever opened by the process that created it, so a stale
 * one is never mistaken for a live one.
 */

const live = new Set<string>()
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
let hooked = false

/** Creates a new, empty staging file next to the database file and returns its path. */
export function createStagingFile(dbFile: string): string {
  removeStaleStagingFiles(dbFile)
  for (;;) {
    const file = `${dbFile}.import-${process.pid}-${randomBytes(4).toString('hex')}.tmp`
    try {
      fs.closeSync(fs.openSync(file, 'wx', 0o600))
    } catch (e) {
      const code = (e as { code?: string }).code
      if (code === 'EEXIST') continue
      throw new UserError(t('surveyImport.stagingFile', { file, error: code ?? (e as Error).message }), t('surveyImport.stagingFile.hint'))
    }
    live.add(file)
    hook()
    return file
  }
}

/** Removes a staging file this process created. */
export function removeStagingFile(file: string): void {
  fs.rmSync(file, { force: true })
  live.delete(file)
  if (live.size === 0) unhook()
}

/** The staging files next to `dbFile` whose process is no longer running (or this process's, not live). */
export function staleStagingFiles(dbFile: string): string[] {
  const dir = path.dirname(dbFile)
  const prefix = `${path.basename(dbFile)}.import-`
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch {
    return []
  }
  const stale: string[] = []
  for (const name of names) {
    if (!name.startsWith(prefix)) continue
    const m = /^(\d+)-[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length))
    if (!m) continue
    const file = path.join(dir, name)
    const pid = Number(m[1])
    if (pid === process.pid ? !live.has(file) : !processExists(pid)) stale.push(file)
  }
  return stale
}

function removeStaleStagingFiles(dbFile: string): void {
  for (const file of staleStagingFiles(dbFile)) fs.rmSync(file, { force: true })
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM'
  }
}

function removeLive(): void {
  for (const f of live) fs.rmSync(f, { force: true })
  live.clear()
}

function onSignal(signal: NodeJS.Signals): void {
  removeLive()
  unhook()
  // With no listener left the signal does what it does by default: end the process by it.
  process.kill(process.pid, signal)
}

function hook(): void {
  if (hooked) return
  hooked = true
  process.on('exit', removeLive)
  for (const s of SIGNALS) process.on(s, onSignal)
}

function unhook(): void {
  if (!hooked) return
  hooked = false
  process.off('exit', removeLive)
  for (const s of SIGNALS) process.off(s, onSignal)
}
