import fs from 'node:fs'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { BACKEND, cli, dbState, type RunResult } from '../helpers/harness.js'
import { withoutEventLog } from '../helpers/tamper.js'

/**
 * The reporter's identity (issue 6): after filing a report with a distinctive name, the name is
 * nowhere in the database file or its WAL, in UTF-8 or UTF-16LE, nor in the output of any
 * report or log command (JSON and CSV included); `reveal` with the key returns it, another key
 * fails with exit 3 and shows nothing.
 */
const NAME = 'Zhang Wei 张伟'
const PARTS = [NAME, 'Zhang Wei', '张伟', 'Zhang']
const KEY = { ICM_REPORTS_KEY: 'the reports key of this company' }

function containsName(bytes: Buffer): string[] {
  return PARTS.flatMap((p) => [
    ...(bytes.includes(Buffer.from(p, 'utf8')) ? [`${p} (UTF-8)`] : []),
    ...(bytes.includes(Buffer.from(p, 'utf16le')) ? [`${p} (UTF-16LE)`] : []),
  ])
}

describe('the confidentiality of a reporter', () => {
  it('never stores or prints the identity, except through reveal with the key', async () => {
    const t = cli()
    await t.ok(['unit', 'add', 'WH', '--name', '仓储物流部', '--kind', 'department'])
    // A second connection keeps the WAL file in place, so its bytes can be searched too
    // (on PostgreSQL, every row of every table is searched instead).
    const onFile = BACKEND === 'sqlite'
    const keeper = onFile ? new Database(t.db) : undefined
    // it must read once to take its share of the WAL index; a connection that never read does not keep the WAL
    keeper?.prepare('select count(*) from meta').get()
    try {
      const outputs: RunResult[] = []
      const run = async (args: string[], env: Record<string, string> = {}) => {
        const r = await t.ok(args, { env })
        outputs.push(r)
        return r
      }
      await run(['report', 'file', '--about', 'WH', '--description', '夜班出库单代签', '--reporter', NAME, '--at', '2026-06-12T22:40'], KEY)
      await run(['report', 'file', '--about', 'WH', '--description', '同一人再次举报', '--reporter', NAME, '--json'], KEY)
      await run(['report', 'file', '--about', 'WH', '--description', '匿名举报'])
      for (const json of [[], ['--json']]) {
        await run([...json, 'report', 'list'], KEY)
        await run([...json, 'report', 'show', 'RPT-0001'], KEY)
        await run([...json, 'log'], KEY)
        await run([...json, 'log', '--entity', 'RPT-0001'], KEY)
      }
      await run(['report', 'list', '--csv'], KEY)
      await run(['log', '--csv'], KEY)
      await run(['report', 'decide', 'RPT-0001', '--valid', '--reward', '300', '--note', '属实', '--json'], KEY)
      await run(['report', 'show', 'RPT-0001', '--json'], KEY)

      const revealed = await t.ok(['report', 'reveal', 'RPT-0001', '--reason', '发放奖励'], { env: KEY })
      expect(revealed.stdout).toBe(`${NAME}\n`)
      expect((await t.ok(['report', 'reveal', 'RPT-0002', '--json'], { env: KEY })).json()).toEqual({ code: 'RPT-0002', reporter: NAME })
      outputs.push({ ...revealed, stdout: '' }) // its stderr and the log after it are searched too
      await run(['log', '--json'])
      await run(['log', '--entity', 'RPT-0001', '--csv'])

      const before = await dbState(t.db)
      const wrong = await t.run(['report', 'reveal', 'RPT-0001'], { env: { ICM_REPORTS_KEY: 'another key, not this company’s' } })
      expect(wrong.code).toBe(3)
      expect(wrong.stdout).toBe('')
      expect(wrong.stderr).toBe('icm: cannot reveal the reporter of RPT-0001: ICM_REPORTS_KEY is not the key it was filed with (nothing was shown)\n')
      // the only change: the refused attempt is logged (who, when, which report; never the key)
      const after = await dbState(t.db)
      expect(after).not.toBe(before)
      expect(withoutEventLog(after)).toBe(withoutEventLog(before))
      const logged = await t.ok(['log', '--entity', 'RPT-0001', '--json'])
      outputs.push(logged)
      const refused = logged.json().filter((e: any) => e.action === 'report.reveal-refused')
      expect(refused).toEqual([expect.objectContaining({ actor: 'tester', details: { reason: null } })])
      expect(after).not.toContain('another key')
      outputs.push(wrong)

      for (const r of outputs) {
        expect(containsName(Buffer.from(r.stdout + r.stderr, 'utf8'))).toEqual([])
      }
      expect(outputs.map((r) => r.stdout).join('')).toContain('RPT-0001')
      const stored = onFile
        ? [t.db, `${t.db}-wal`].filter((f) => fs.existsSync(f)).map((f) => ({ where: f, bytes: fs.readFileSync(f) }))
        : [{ where: 'every table', bytes: Buffer.from(await dbState(t.db), 'utf8') }]
      if (onFile) expect(stored.map((s) => s.where)).toContain(`${t.db}-wal`)
      for (const s of stored) expect({ where: s.where, found: containsName(s.bytes) }).toEqual({ where: s.where, found: [] })
      // the search does find text that is stored: the report's description is there in UTF-8
      expect(Buffer.concat(stored.map((s) => s.bytes)).includes(Buffer.from('夜班出库单代签', 'utf8'))).toBe(true)
      const reveals = (await t.ok(['log', '--entity', 'RPT-0001', '--json'])).json().filter((e: any) => e.action === 'report.reveal')
      expect(reveals).toHaveLength(1)
      expect(reveals[0]).toMatchObject({ actor: 'tester', details: { reason: '发放奖励' } })
    } finally {
      keeper?.close()
    }
    if (onFile) expect(containsName(fs.readFileSync(t.db))).toEqual([])
  })
})
