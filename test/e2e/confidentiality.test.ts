import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { BACKEND, spawnIcm, tempDir } from '../helpers/harness.js'

const NAME = 'Zhang Wei 张伟'

function found(bytes: Buffer): string[] {
  return [NAME, 'Zhang Wei', '张伟'].flatMap((p) => (['utf8', 'utf16le'] as const).filter((enc) => bytes.includes(Buffer.from(p, enc))).map((enc) => `${p} ${enc}`))
}

// searches the SQLite file's bytes; the command-level test does the same on PostgreSQL's rows
describe.skipIf(BACKEND === 'postgres')('the built icm binary keeps a reporter confidential', () => {
  it('files with ICM_REPORTS_KEY from the environment; the name is in no output and no file; reveal needs the key', async () => {
    const cwd = tempDir()
    const db = path.join(cwd, 'company.db')
    const env = { ICM_DB: db, ICM_ACTOR: 'e2e', ICM_REPORTS_KEY: 'e2e reports key 2026' }
    const outputs: string[] = []
    const icm = async (args: string[], extra: Record<string, string> = {}) => {
      const r = await spawnIcm(args, { cwd, env: { ...env, ...extra } })
      outputs.push(r.stdout, r.stderr)
      return r
    }
    expect((await icm(['unit', 'add', 'WH', '--name', '仓储物流部', '--kind', 'department'])).code).toBe(0)
    const filed = await icm(['report', 'file', '--about', 'WH', '--description', '出库单代签', '--reporter', NAME])
    expect(filed.code).toBe(0)
    expect(filed.stdout).toBe('RPT-0001\n')
    for (const args of [['report', 'list', '--json'], ['report', 'show', 'RPT-0001', '--json'], ['report', 'show', 'RPT-0001'], ['log', '--json'], ['log', '--csv']]) {
      expect((await icm(args)).code).toBe(0)
    }
    const noKey = await icm(['report', 'file', '--about', 'WH', '--description', 'x', '--reporter', NAME], { ICM_REPORTS_KEY: '' })
    expect(noKey.code).toBe(3)
    const wrong = await icm(['report', 'reveal', 'RPT-0001'], { ICM_REPORTS_KEY: 'some other key' })
    expect(wrong.code).toBe(3)
    expect(wrong.stdout).toBe('')
    for (const o of outputs) expect(found(Buffer.from(o, 'utf8'))).toEqual([])
    for (const f of [db, `${db}-wal`].filter((x) => fs.existsSync(x))) expect(found(fs.readFileSync(f))).toEqual([])

    const reveal = await spawnIcm(['report', 'reveal', 'RPT-0001'], { cwd, env })
    expect(reveal.code).toBe(0)
    expect(reveal.stdout).toBe(`${NAME}\n`)
    const log = JSON.parse((await spawnIcm(['log', '--entity', 'RPT-0001', '--json'], { cwd, env })).stdout)
    // the refused reveal with the wrong key is logged too (who and when, never the key)
    expect(log.map((e: any) => [e.action, e.actor])).toEqual([['report.file', 'e2e'], ['report.reveal-refused', 'e2e'], ['report.reveal', 'e2e']])
  })
})
