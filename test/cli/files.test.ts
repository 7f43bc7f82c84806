import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_SMALL_FILE_BYTES, openInputFile, parseCsvText, readTextFile, requireFile } from '../../src/cli/files.js'
import { tempDir } from '../helpers/harness.js'

/** The error a call throws, with its exit code. */
function refusal(f: () => unknown): { message: string; exitCode: number } {
  try {
    f()
  } catch (e) {
    return { message: (e as Error).message, exitCode: (e as { exitCode: number }).exitCode }
  }
  throw new Error('expected a refusal')
}

const hasMkfifo = (() => {
  try {
    execFileSync('mkfifo', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

describe('openInputFile', () => {
  it('reads a regular file in place', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'a.csv'), 'x,y\n')
    const f = openInputFile({ cwd: dir }, 'a.csv')
    expect(f).toMatchObject({ path: path.join(dir, 'a.csv'), shown: 'a.csv', size: 4, spooled: false })
    f.dispose()
    expect(fs.existsSync(path.join(dir, 'a.csv'))).toBe(true)
  })

  it.each([
    ['a missing file', 'nope.csv', 4, 'file not found: nope.csv'],
    ['a folder', '.', 3, '. is a folder, not a file'],
    ['a device', '/dev/zero', 3, '/dev/zero is a device, not a regular file'],
    ['a path through a file', 'a.csv/b.csv', 4, 'file not found: a.csv/b.csv'],
  ])('refuses %s before reading anything', (_what, file, exitCode, message) => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'a.csv'), 'x\n')
    expect(refusal(() => openInputFile({ cwd: dir }, file))).toEqual({ exitCode, message })
  })

  it('refuses a file over maxBytes from its size alone (a sparse 51 MB file over 50 MB)', () => {
    const dir = tempDir()
    const p = path.join(dir, 'big.csv')
    fs.closeSync(fs.openSync(p, 'w'))
    fs.truncateSync(p, 51 * 1024 * 1024)
    expect(MAX_SMALL_FILE_BYTES).toBe(50 * 1024 * 1024)
    expect(refusal(() => readTextFile({ cwd: dir }, 'big.csv'))).toEqual({ exitCode: 3, message: 'big.csv is larger than 50 MB, the most icm reads for this file' })
    expect(refusal(() => openInputFile({ cwd: dir }, 'big.csv', { maxBytes: 100 })).message).toBe('big.csv is larger than 100 bytes, the most icm reads for this file')
  })

  it.skipIf(!hasMkfifo)('ends a FIFO no program writes to at once, as nothing to read (exit 3), leaving no temporary file', () => {
    const dir = tempDir()
    execFileSync('mkfifo', [path.join(dir, 'p')])
    const tmp = fs.readdirSync(path.dirname(tempDir())).filter((n) => n.startsWith('icm-input-')).length
    expect(refusal(() => openInputFile({ cwd: dir }, 'p'))).toEqual({
      exitCode: 3,
      message: 'nothing to read from p: a pipe that no program writes to, or an empty one',
    })
    expect(fs.readdirSync(path.dirname(tempDir())).filter((n) => n.startsWith('icm-input-')).length).toBeLessThanOrEqual(tmp)
  })

  it.skipIf(!hasMkfifo)('copies a FIFO with a writer into a temporary file of mode 0600, removed by dispose', async () => {
    const dir = tempDir()
    const fifo = path.join(dir, 'p')
    execFileSync('mkfifo', [fifo])
    const text = 'code,name,kind\n'.repeat(20_000) // 300 KB: more than a pipe holds at once
    fs.writeFileSync(path.join(dir, 'src.csv'), text)
    const writer = spawn('sh', ['-c', 'cat src.csv > p'], { cwd: dir, stdio: 'ignore' })
    const f = openInputFile({ cwd: dir }, 'p')
    try {
      expect(f).toMatchObject({ shown: 'p', size: text.length, spooled: true })
      expect(fs.statSync(f.path).mode & 0o777).toBe(0o600)
      expect(fs.readFileSync(f.path, 'utf8')).toBe(text)
    } finally {
      f.dispose()
    }
    expect(fs.existsSync(f.path)).toBe(false)
    await new Promise((resolve) => writer.on('close', resolve))
  })
})

describe('requireFile', () => {
  it('takes only regular files', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'a.csv'), 'x\n')
    expect(requireFile({ cwd: dir }, 'a.csv')).toBe(path.join(dir, 'a.csv'))
    expect(refusal(() => requireFile({ cwd: dir }, '/dev/null')).exitCode).toBe(3)
  })
})

describe('parseCsvText', () => {
  it('reads the header, skips blank lines, numbers rows by their line', () => {
    expect(parseCsvText('\ncode,name\n\nA,甲\n,\nB,乙\n', 'u.csv')).toEqual({
      header: ['code', 'name'],
      rows: [
        { line: 4, cells: ['A', '甲'] },
        { line: 6, cells: ['B', '乙'] },
      ],
    })
  })

  it('marks a short row, a row with text past the header and a malformed row as problems; trailing blank cells are fine', () => {
    const { rows } = parseCsvText('code,name,kind,,\nA,甲,department\nB,乙\nC,丙,department,,\nD,丁,department,x\nE,"戊\n', 'u.csv')
    expect(rows.map((r) => [r.line, r.problem ?? 'ok'])).toEqual([
      [2, 'ok'],
      [3, '2 cells, but the header has 3 columns (a row cut short, or a line break in a cell that is not quoted?)'],
      [4, 'ok'],
      [5, 'ok'], // the header record has 5 cells: a 4th cell is within it
      [6, 'unbalanced quote: the quoted field opened on line 6 never closes'],
    ])
    expect(parseCsvText('a,b\n1,2,3\n', 'u.csv').rows[0]!.problem).toBe('3 cells, but the header has 2 columns (a delimiter inside a cell that is not quoted?)')
  })

  it('refuses a record over 1,000 columns or a line over 1 MB, naming the file and the line', () => {
    expect(refusal(() => parseCsvText(`a\n${','.repeat(1000)}\n`, 'u.csv')).message).toBe('u.csv line 2 has more than 1,000 columns, the most a record may have')
    expect(refusal(() => parseCsvText(`a\nb\n${'x'.repeat(1_048_577)}`, 'u.csv')).message).toBe(
      'u.csv line 3 is longer than 1,048,576 characters (1 MB), the most one line may hold',
    )
  })

  it('refuses an empty text and a malformed header', () => {
    expect(refusal(() => parseCsvText('\n\n', 'u.csv')).message).toBe('u.csv is empty')
    expect(refusal(() => parseCsvText('"a,b\n', 'u.csv')).message).toMatch(/^u\.csv line 1 \(the header\): unbalanced quote/)
  })
})
