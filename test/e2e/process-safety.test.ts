import { execFileSync, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'
import { BACKEND, ROOT, spawnIcm, tempDir, childEnv } from '../helpers/harness.js'

/**
 * What only a real process shows (DESIGN.md §8): a pipe closed early, Ctrl-C at a prompt, a
 * killed backup, a disk that fills up. Each spawns the built CLI on an SQLite file.
 */
const ICM = path.join(ROOT, 'dist', 'icm.js')
const env = childEnv({ ICM_NOW: '2026-07-01T10:00:00+08:00' })

function sh(script: string, cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { cwd, env: { ...env, ICM: ICM }, encoding: 'utf8' })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

const havePython = spawnSync('python3', ['-c', 'import pty']).status === 0

describe.skipIf(BACKEND === 'postgres')('the process facing the outside world', () => {
  let dir: string
  let db: string
  beforeAll(async () => {
    dir = tempDir()
    db = path.join(dir, 'demo.db')
    const r = await spawnIcm(['--db', db, 'demo'], { cwd: dir, env })
    expect(r.code).toBe(0)
  }, 120_000)

  it('exits quietly, with the command\'s own code, when the reader closes the pipe early', () => {
    for (const cmd of [`node "$ICM" --help | head -1`, `node "$ICM" --db demo.db log --limit 100000 | head -1`, `node "$ICM" --db demo.db assess show --period 2026-H1 | head -0`]) {
      const r = sh(`${cmd} >/dev/null; echo "status=\${PIPESTATUS[0]}"`, dir)
      expect(r.stdout.trim()).toBe('status=0')
      expect(r.stderr).toBe('')
    }
  })

  it.skipIf(!havePython)('exits 130 with no message when Ctrl-C is pressed at a prompt', () => {
    // a pseudo-terminal, so icm prompts for the missing --name; Ctrl-C once the question shows
    const script = `
import os, pty, sys, time, select
pid, fd = pty.fork()
if pid == 0:
    os.execvp('node', ['node', sys.argv[1], '--db', sys.argv[2], 'unit', 'add', 'NEW', '--kind', 'department'])
out = b''
deadline = time.time() + 20
while time.time() < deadline and b'Name' not in out:
    r, _, _ = select.select([fd], [], [], 0.2)
    if r:
        out += os.read(fd, 4096)
os.write(fd, b'\\x03')
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
_, status = os.waitpid(pid, 0)
sys.stdout.write(str(os.waitstatus_to_exitcode(status)) + '\\n' + out.decode('utf8', 'replace'))
`
    const r = spawnSync('python3', ['-c', script, ICM, db], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 })
    const [code, ...rest] = r.stdout.split('\n')
    const screen = rest.join('\n')
    expect(screen).toContain('Name')
    expect(code).toBe('130')
    expect(screen).not.toMatch(/unexpected error|this is a bug|at .*\.js/)
  })

  it('a killed backup leaves nothing under the backup\'s name', async () => {
    const big = path.join(dir, 'big.db')
    fs.copyFileSync(db, big)
    const sqlite = new Database(big)
    // 60 MB of filler, so the online backup takes long enough to be killed half way
    sqlite.exec('create table filler (b blob)')
    const insert = sqlite.prepare('insert into filler values (randomblob(65536))')
    sqlite.transaction(() => {
      for (let i = 0; i < 960; i++) insert.run()
    })()
    sqlite.close()
    const out = path.join(dir, 'killed-backup.db')
    const child = spawn(process.execPath, [ICM, '--db', big, 'backup', out], { cwd: dir, env, stdio: 'ignore' })
    const started = Date.now()
    while (!fs.readdirSync(dir).some((f) => f.startsWith('.killed-backup.db.icm-')) && Date.now() - started < 20_000) {
      await new Promise((r) => setTimeout(r, 5))
    }
    child.kill('SIGKILL')
    await new Promise((r) => child.on('close', r))
    expect(fs.existsSync(out)).toBe(false)
    expect(fs.existsSync(`${out}-journal`)).toBe(false)
  })

  it('a disk that fills up is named as such: exit 3, one line, nothing written', () => {
    const before = fs.statSync(db).size
    // 400 KB may be written per file: the demo database (about 600 KB) can be read but not copied whole
    const backup = sh(`ulimit -f 400; node "$ICM" --db demo.db backup full.db; echo "status=$?"`, dir)
    expect(backup.stdout.trim()).toBe('status=3')
    expect(backup.stderr.trim().split('\n')).toHaveLength(1)
    expect(backup.stderr).toMatch(/^icm: (cannot write|input\/output error on) .*full\.db/)
    expect(backup.stderr).not.toMatch(/this is a bug/)
    expect(fs.existsSync(path.join(dir, 'full.db'))).toBe(false)
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.full.db'))).toEqual([])

    const write = sh(`ulimit -f 4; node "$ICM" --db demo.db request log --from HR --to IT --title 'disk full'; echo "status=$?"`, dir)
    expect(write.stdout.trim()).toBe('status=3')
    expect(write.stderr).not.toMatch(/this is a bug/)
    expect(fs.statSync(db).size).toBe(before)
  })

  it('files it creates are 0600 under a umask of 022', () => {
    const r = sh(`umask 022; node "$ICM" --db fresh.db init && node "$ICM" --db fresh.db backup fresh-copy.db && stat -c '%a %n' fresh.db fresh-copy.db`, dir)
    expect(r.stdout.trim().split('\n')).toEqual(['600 fresh.db', '600 fresh-copy.db'])
  })

  it('an existing database keeps its mode', () => {
    execFileSync('chmod', ['640', db])
    expect(sh(`node "$ICM" --db demo.db request log --from HR --to IT --title 'mode kept' >/dev/null 2>&1; stat -c '%a' demo.db`, dir).stdout.trim()).toBe('640')
  })

  it('a damaged database is named as such (exit 3, run icm check), never a bug', async () => {
    const damaged = path.join(dir, 'damaged.db')
    fs.copyFileSync(db, damaged)
    const sqlite = new Database(damaged)
    sqlite.pragma('wal_checkpoint(TRUNCATE)')
    sqlite.pragma('journal_mode = DELETE')
    const page = (sqlite.prepare("select rootpage from sqlite_master where name = 'survey_responses'").get() as { rootpage: number }).rootpage
    const pageSize = sqlite.pragma('page_size', { simple: true }) as number
    sqlite.close()
    const fd = fs.openSync(damaged, 'r+')
    fs.writeSync(fd, Buffer.alloc(pageSize, 0x41), 0, pageSize, (page - 1) * pageSize)
    fs.closeSync(fd)
    const r = await spawnIcm(['--db', damaged, 'survey', 'export', '2026H1-SERVICE', '--out', path.join(dir, 'damaged.csv')], { cwd: dir, env })
    expect(r.code).toBe(3)
    expect(r.stderr).toBe(`icm: database file is damaged: ${damaged} (run icm check; restore from a backup)\n`)
    const check = await spawnIcm(['--db', damaged, 'check'], { cwd: dir, env })
    expect(check.code).toBe(5)
    expect(check.stdout).toMatch(/file integrity\tFAILED/)
  })
})
