import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES, ROOT, cli, dbState, tempDir, type RunResult, childEnv } from '../helpers/harness.js'
import { writeWorkbook } from '../helpers/xlsx.js'

/**
 * Every file import against malformed input (DESIGN.md §8 "Inputs are bounded"): survey import,
 * unit import, calendar import, assess import-inputs and assess bonus --base each get every file
 * of MALFORMED (and the spawned CLI gets stdin, pipes and a FIFO), and for each must answer with
 * exactly one stderr line under 300 bytes, the documented exit code (3 invalid, 4 a missing
 * file), no stack trace, nothing on stdout, the database unchanged, and finish.
 */

interface Target {
  name: string
  header: string[]
  /** a good row of the header's shape */
  good: string[]
  /** a column where an unreadable value is a bad line (exit 3) */
  badColumn: number
  args: (file: string) => string[]
}

const TARGETS: Target[] = [
  {
    name: 'survey import',
    header: ['response_id', 'respondent_unit', 'rated_unit', 'accuracy', 'timeliness', 'completeness', 'professionalism', 'overall', 'loyalty', 'comment', 'submitted_at'],
    good: ['1', 'HR', 'IT', '4', '4', '5', '4', '4', '3', '好', '2026-05-01T10:00:00'],
    badColumn: 3,
    args: (f) => ['survey', 'import', 'S', f],
  },
  { name: 'unit import', header: ['code', 'name', 'kind', 'parent'], good: ['NEWU', '新部门', 'department', ''], badColumn: 2, args: (f) => ['unit', 'import', f] },
  { name: 'calendar import', header: ['date', 'type', 'name'], good: ['2026-10-01', 'holiday', '国庆节'], badColumn: 1, args: (f) => ['calendar', 'import', f] },
  { name: 'assess import-inputs', header: ['unit', 'self', 'superior'], good: ['IT', '80', '90'], badColumn: 1, args: (f) => ['assess', 'import-inputs', '2026-H1', f] },
  { name: 'assess bonus --base', header: ['unit', 'base_amount'], good: ['IT', '10000'], badColumn: 1, args: (f) => ['assess', 'bonus', '--period', '2026-H1', '--base', f] },
]

const MB = 1024 * 1024
const BOM = Buffer.from([0xef, 0xbb, 0xbf])

/** Deterministic bytes that are no text: a linear congruential generator, no NUL among them. */
function garbage(n: number, seed = 7): Buffer {
  const b = Buffer.alloc(n)
  let x = seed
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    b[i] = 0x80 + ((x >>> 16) % 0x80)
  }
  return b
}

interface Malformed {
  name: string
  /** the file's content, or a path to pass as it is (a device, a folder, a missing file) */
  content: (t: Target, dir: string) => string | Buffer | { path: string }
  /** the exit code: 3 unless said */
  code?: 3 | 4
}

const row = (cells: readonly string[]) => cells.join(',')
const lines = (t: Target, ...rows: string[]) => [row(t.header), ...rows].join('\n') + '\n'
const withCell = (t: Target, value: string) => t.good.map((c, i) => (i === t.badColumn ? value : c))

const MALFORMED: Malformed[] = [
  { name: 'an empty file', content: () => '' },
  { name: 'a lone BOM', content: () => BOM },
  { name: 'a BOM and the header only', content: (t) => Buffer.concat([BOM, Buffer.from(`${row(t.header)}\r\n`)]) },
  { name: 'the header only', content: (t) => lines(t) },
  { name: 'only blank lines', content: () => '\n\n\r\n   \n' },
  { name: 'only commas', content: () => ',,,\n,,,\n' },
  { name: 'unknown columns', content: () => 'foo,bar\n1,2\n' },
  { name: 'a short row', content: (t) => lines(t, row(t.good), row(t.good.slice(0, 1))) },
  { name: 'a row one cell short at the end', content: (t) => lines(t, row(t.good), row(t.good.slice(0, -1))) },
  { name: 'a file cut mid-row', content: (t) => `${lines(t, row(t.good))}${row(t.good).slice(0, Math.ceil(row(t.good).length / 2))}` },
  { name: 'a row with a cell too many', content: (t) => lines(t, row([...t.good, 'extra'])) },
  { name: 'mixed line endings and a short row', content: (t) => `${row(t.header)}\r\n${row(t.good)}\n${row(t.good.slice(0, 1))}\r${row(t.good)}\r\n` },
  { name: 'an unbalanced quote', content: (t) => lines(t, `"${row(t.good)}`, row(t.good)) },
  { name: 'text after a closing quote', content: (t) => lines(t, row(withCell(t, '"4"x'))) },
  { name: 'a 2 MB line', content: () => 'x'.repeat(2 * MB) },
  { name: 'a 2 MB line after the header', content: (t) => lines(t, 'x'.repeat(2 * MB)) },
  { name: 'a 2 MB quoted field that never closes', content: (t) => `${row(t.header)}\n"${'x'.repeat(2 * MB)}` },
  { name: 'a header of 2,000 columns', content: () => `${Array.from({ length: 2000 }, (_, i) => `c${i}`).join(',')}\n1\n` },
  { name: 'a row of 2,000 columns', content: (t) => lines(t, `${','.repeat(1999)}x`) },
  { name: 'a 100 KB cell', content: (t) => lines(t, row(withCell(t, 'y'.repeat(100_000)))) },
  { name: 'a cell of control characters', content: (t) => lines(t, row(withCell(t, '\u001b[31mred\u0007\u007f'))) },
  { name: 'a quoted cell holding line breaks', content: (t) => lines(t, row(withCell(t, '"4\n\n5\r\n"'))) },
  { name: 'NUL bytes in a row', content: (t) => lines(t, row(withCell(t, '4\u0000\u0000'))) },
  { name: 'NUL bytes only', content: () => Buffer.alloc(4096) },
  // the file ends with the first two of the three bytes of 门 (line break removed)
  { name: 'UTF-8 cut in the middle of a character', content: (t) => Buffer.from(lines(t, `${row(t.good)}部门`)).subarray(0, -2) },
  { name: 'bytes that are neither UTF-8 nor GB18030', content: (t) => Buffer.concat([Buffer.from(lines(t)), Buffer.from([0xff, 0xfe, 0xfd, 0x0a])]) },
  // 部门 in GBK is B2 BF C3 C5: an ASCII header, then 部 and the file ends after C3
  { name: 'GBK cut in the middle of a character', content: (t) => Buffer.concat([Buffer.from(lines(t)), Buffer.from([0xb2, 0xbf, 0xc3])]) },
  { name: 'binary garbage', content: () => garbage(8192) },
  { name: 'a PNG image', content: () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), garbage(2000, 3)]) },
  { name: 'UTF-16LE without a BOM, cut in the middle of a character', content: (t) => Buffer.from(lines(t, row(t.good)), 'utf16le').subarray(0, -1) },
  { name: 'UTF-16BE without a BOM, and a short row', content: (t) => Buffer.from(lines(t, row(t.good.slice(0, 1))), 'utf16le').swap16() },
  { name: 'UTF-32', content: (t) => Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from(lines(t), 'utf16le')]) },
  {
    name: 'a file over 50 MB',
    content: (_t, dir) => {
      const p = path.join(dir, 'huge.csv')
      fs.closeSync(fs.openSync(p, 'w'))
      fs.truncateSync(p, 51 * MB) // sparse: takes no disk space
      return { path: p }
    },
  },
  { name: 'a device (/dev/zero)', content: () => ({ path: '/dev/zero' }) },
  {
    name: 'a folder',
    content: (_t, dir) => {
      fs.mkdirSync(path.join(dir, 'folder.csv'), { recursive: true })
      return { path: path.join(dir, 'folder.csv') }
    },
  },
  { name: 'a path that does not exist', content: (_t, dir) => ({ path: path.join(dir, 'nope.csv') }), code: 4 },
]

/** What every refusal must look like; the problems found, [] when it is right. */
function problemsOf(r: RunResult, code: number): string[] {
  const p: string[] = []
  if (r.code !== code) p.push(`exit ${r.code}, expected ${code}`)
  if (!r.stderr.endsWith('\n') || r.stderr.split('\n').length !== 2) p.push(`stderr is not one line: ${JSON.stringify(r.stderr.slice(0, 300))}`)
  if (Buffer.byteLength(r.stderr) >= 300) p.push(`stderr has ${Buffer.byteLength(r.stderr)} bytes: ${JSON.stringify(r.stderr.slice(0, 400))}`)
  if (!r.stderr.startsWith('icm: ')) p.push(`stderr does not start with "icm: ": ${JSON.stringify(r.stderr.slice(0, 100))}`)
  if (/\n\s+at |this is a bug/.test(r.stderr)) p.push('a stack trace or "this is a bug"')
  if (r.stdout !== '') p.push(`stdout: ${JSON.stringify(r.stdout.slice(0, 100))}`)
  return p
}

/** A database with the demo organisation, survey S and a draft 2026-H1 assessment (for bonus). */
async function prepared() {
  const t = cli()
  await t.ok(['unit', 'import', path.join(FIXTURES, 'org.csv')])
  await t.ok(['survey', 'create', 'S', '--title', 's', '--period', '2026-H1'])
  await t.ok(['assess', 'run', '--period', '2026-H1'])
  return t
}

describe.each(TARGETS)('$name refuses malformed input', (target) => {
  // One database for all the files of a command: each refusal must leave it as it was.
  it(`answers each of the ${MALFORMED.length} malformed files with one short line and its exit code, changing nothing`, async () => {
    const t = await prepared()
    const before = await dbState(t.db)
    const failures: string[] = []
    for (const [i, m] of MALFORMED.entries()) {
      const content = m.content(target, t.dir)
      let file: string
      if (typeof content === 'object' && 'path' in content) file = content.path
      else {
        file = path.join(t.dir, `case-${i}.csv`)
        fs.writeFileSync(file, content)
      }
      const r = await t.run(target.args(file))
      const p = problemsOf(r, m.code ?? 3)
      if (p.length > 0) failures.push(`${m.name}: ${p.join('; ')}`)
    }
    expect(failures).toEqual([])
    expect(await dbState(t.db)).toBe(before)
  })

  // The cases that are the process's: stdin, a pipe, a FIFO with no writer.
  it('refuses an empty stdin, a 2 MB line on stdin and /dev/zero as stdin; leaves no temporary file', async () => {
    const t = await prepared()
    const before = await dbState(t.db)
    const tmp = tempDir('icm-spool-')
    const run = (input: string | { fd: number }) => runIcm(target.args('-'), { cwd: t.dir, env: { ICM_DB: t.db, TMPDIR: tmp }, input })
    const failures: string[] = []
    for (const [name, input] of [
      ['empty stdin', ''],
      ['a 2 MB line on stdin', 'x'.repeat(2 * MB)],
      ['a short row on stdin', lines(target, row(target.good.slice(0, 1)))],
    ] as const) {
      const p = problemsOf(await run(input), 3)
      if (p.length > 0) failures.push(`${name}: ${p.join('; ')}`)
    }
    const zero = fs.openSync('/dev/zero', 'r')
    try {
      const r = await run({ fd: zero })
      const p = problemsOf(r, 3)
      if (p.length > 0) failures.push(`/dev/zero as stdin: ${p.join('; ')}`)
      expect(r.stderr).toContain('stdin is a device')
    } finally {
      fs.closeSync(zero)
    }
    expect(failures).toEqual([])
    expect(fs.readdirSync(tmp)).toEqual([])
    expect(await dbState(t.db)).toBe(before)
  })

  it.skipIf(!hasMkfifo())('refuses a FIFO no program writes to, without hanging', async () => {
    const t = await prepared()
    const before = await dbState(t.db)
    const fifo = path.join(t.dir, 'pipe.csv')
    execFileSync('mkfifo', [fifo])
    const r = await runIcm(target.args(fifo), { cwd: t.dir, env: { ICM_DB: t.db } })
    expect(problemsOf(r, 3)).toEqual([])
    expect(r.stderr).toContain('nothing to read from')
    expect(await dbState(t.db)).toBe(before)
  })
})

describe('stdin and pipes are read once into a temporary file', () => {
  const good = TARGETS[0]!
  const survey = fs.readFileSync(path.join(FIXTURES, 'surveys', 'service-basic.csv'))

  it.skipIf(!hasBash())('imports a survey from <(cat file) (a pipe the importer cannot seek), then knows the same file again', async () => {
    const t = await prepared()
    fs.writeFileSync(path.join(t.dir, 'f.csv'), survey)
    const tmp = tempDir('icm-spool-')
    const env = { ICM_DB: t.db, TMPDIR: tmp }
    const r = await runIcm(['-c', `node ${JSON.stringify(path.join(ROOT, 'dist', 'icm.js'))} survey import S <(cat f.csv) --json`], { cwd: t.dir, env, command: 'bash' })
    expect(r.stderr).not.toContain('ESPIPE')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ read: 60, imported: 60 })
    expect(fs.readdirSync(tmp)).toEqual([])
    // the same bytes by their path: already imported (the sha256 is the file's)
    const again = await t.run(good.args('f.csv'))
    expect(again.code).toBe(5)
    expect(again.stderr).toContain('already imported')
  })

  it('imports a survey from stdin (-), named stdin', async () => {
    const t = await prepared()
    const r = await runIcm([...good.args('-'), '--json'], { cwd: t.dir, env: { ICM_DB: t.db }, input: survey })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ file: 'stdin', read: 60, imported: 60 })
  })

  it('imports a workbook from stdin (-) and one saved with a .csv name: told by its bytes, not its name', async () => {
    const t = await prepared()
    const book = await writeWorkbook(path.join(t.dir, 'made.xlsx'), { 答卷: [['序号', '被评价部门', '总体满意度'], ['001', 'IT', '5分'], ['002', 'HR', 4]] })
    const r = await runIcm(['survey', 'import', 'S', '-', '--json'], { cwd: t.dir, env: { ICM_DB: t.db }, input: fs.readFileSync(book) })
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ file: 'stdin', read: 2, imported: 2 })
    const renamed = path.join(t.dir, 'export.csv')
    fs.writeFileSync(renamed, fs.readFileSync(await writeWorkbook(path.join(t.dir, 'other.xlsx'), { 答卷: [['序号', '被评价部门', '总体满意度'], ['003', 'FIN', 3]] })))
    const c = await runIcm(['survey', 'import', 'S', renamed, '--json'], { cwd: t.dir, env: { ICM_DB: t.db } })
    expect(c.code, c.stderr).toBe(0)
    expect(JSON.parse(c.stdout)).toMatchObject({ file: 'export.csv', read: 1, imported: 1 })
  })

  it('imports units from stdin (-)', async () => {
    const t = cli()
    const r = await runIcm(['unit', 'import', '-', '--json'], { cwd: t.dir, env: { ICM_DB: t.db }, input: fs.readFileSync(path.join(FIXTURES, 'org.csv')) })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ file: 'stdin', imported: 18 })
  })
})

function hasMkfifo(): boolean {
  return commandWorks('mkfifo', ['--version'])
}

function hasBash(): boolean {
  return commandWorks('bash', ['-c', 'cat <(echo ok)'])
}

function commandWorks(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/**
 * Spawns the built CLI (or `command` with `args`) with stdin from `input` (text, or an open file
 * descriptor); killed after 20 s, so a hang fails the test instead of stalling the run.
 */
function runIcm(args: string[], opts: { cwd: string; env: Record<string, string>; input?: string | Buffer | { fd: number }; command?: string }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const argv = opts.command ? args : [path.join(ROOT, 'dist', 'icm.js'), ...args]
    const stdin = opts.input !== undefined && typeof opts.input === 'object' && 'fd' in opts.input ? opts.input.fd : 'pipe'
    const child = spawn(opts.command ?? process.execPath, argv, {
      cwd: opts.cwd,
      env: childEnv({ ICM_ACTOR: 'e2e', ...opts.env }),
      stdio: [stdin, 'pipe', 'pipe'],
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    let out = ''
    let err = ''
    child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')))
    child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code: code ?? (signal === 'SIGKILL' ? -9 : -1), stdout: out, stderr: signal ? `${err}(killed: ${signal})` : err, json: () => JSON.parse(out) })
    })
    if (child.stdin) {
      child.stdin.on('error', () => {}) // the CLI may refuse before reading it all
      child.stdin.end(typeof opts.input === 'string' || Buffer.isBuffer(opts.input) ? opts.input : '')
    }
  })
}
