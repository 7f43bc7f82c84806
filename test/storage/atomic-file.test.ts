import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DATABASE_COMPANIONS, OutputFile, withTemporaryPath, writeOutputFile } from '../../src/storage/atomic-file.js'
import { tempDir } from '../helpers/harness.js'

const mode = (file: string) => fs.statSync(file).mode & 0o777

describe('files written whole or not at all', () => {
  it('writes a file readable by its owner only (0600), replacing one that was there', () => {
    const dir = tempDir()
    const target = path.join(dir, 'scores.csv')
    fs.writeFileSync(target, 'old', { mode: 0o644 })
    writeOutputFile(target, 'unit,total\r\nIT,79.0\r\n')
    expect(fs.readFileSync(target, 'utf8')).toBe('unit,total\r\nIT,79.0\r\n')
    expect(mode(target) & 0o077).toBe(0)
    expect(fs.readdirSync(dir)).toEqual(['scores.csv'])
  })

  it('keeps a file under a hidden temporary name in the same folder until it is committed', () => {
    const dir = tempDir()
    const target = path.join(dir, 'rejects.csv')
    const out = OutputFile.open(target)
    expect(path.dirname(out.temp)).toBe(dir)
    expect(path.basename(out.temp)).toMatch(new RegExp(`^\\.rejects\\.csv\\.icm-${process.pid}-[0-9a-f]{8}\\.tmp$`))
    out.write('line 1\n')
    out.write(new Uint8Array(Buffer.from('行 2\n')))
    expect(fs.existsSync(target)).toBe(false)
    out.commit()
    expect(fs.readFileSync(target, 'utf8')).toBe('line 1\n行 2\n')
    expect(fs.existsSync(out.temp)).toBe(false)
    expect(() => out.write('more')).toThrow('already closed')
  })

  it('leaves nothing behind when discarded', () => {
    const dir = tempDir()
    const out = OutputFile.open(path.join(dir, 'x.csv'))
    out.write('half')
    out.discard()
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('gives a writer that needs a path a temporary one, renamed into place when it succeeds', async () => {
    const dir = tempDir()
    const target = path.join(dir, 'backup.db')
    const result = await withTemporaryPath(target, async (temp) => {
      expect(mode(temp) & 0o077).toBe(0)
      fs.writeFileSync(temp, 'copy')
      fs.writeFileSync(`${temp}-wal`, 'wal')
      return 42
    })
    expect(result).toBe(42)
    expect(fs.readFileSync(target, 'utf8')).toBe('copy')
    expect(fs.readdirSync(dir)).toEqual(['backup.db'])
  })

  it('removes the temporary file and its database companions when the writer fails, and leaves the target alone', async () => {
    const dir = tempDir()
    const target = path.join(dir, 'backup.db')
    fs.writeFileSync(target, 'yesterday')
    await expect(
      withTemporaryPath(target, async (temp) => {
        for (const suffix of DATABASE_COMPANIONS) fs.writeFileSync(`${temp}${suffix}`, 'partial')
        throw new Error('disk full')
      }),
    ).rejects.toThrow('disk full')
    expect(fs.readdirSync(dir)).toEqual(['backup.db'])
    expect(fs.readFileSync(target, 'utf8')).toBe('yesterday')
  })
})
