import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createContext } from '../../src/cli/context.js'
import { testIO } from '../../src/cli/io.js'
import { run } from '../../src/cli/main.js'
import { COMMAND_GROUPS } from '../../src/commands/registry.js'
import { BACKEND, DEFAULT_NOW, cli, dbState, tempDir, writeFile } from '../helpers/harness.js'

/** One test per row of the README's exit code table. */

async function company() {
  const t = cli()
  await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
  await t.ok(['unit', 'add', 'HR', '--name', '人力资源部', '--kind', 'department'])
  return t
}

/** Runs each command line, expecting the exit code, one stderr line matching, nothing on stdout and no change. */
async function expectRefused(t: Awaited<ReturnType<typeof company>>, cases: [string[], RegExp][], code: number) {
  for (const [args, message] of cases) {
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect([args.join(' '), r.code, r.stdout]).toEqual([args.join(' '), code, ''])
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(await dbState(t.db)).toBe(before)
  }
}

describe('exit codes (README "Exit codes")', () => {
  it('0: ok, and an empty list is ok too, said on stderr', async () => {
    const t = await company()
    const r = await t.run(['request', 'list'])
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', expect.stringMatching(/no requests/)])
    expect((await t.run(['unit', 'list'])).code).toBe(0)
  })

  it.skipIf(BACKEND !== 'sqlite')('1: an unexpected failure is a bug, with the ICM_DEBUG hint', async () => {
    const t = await company()
    // an event whose details are not JSON (written outside icm): reading it is a failure icm does not foresee
    const db = new Database(t.db)
    const cols = (db.prepare('pragma table_info(events)').all() as { name: string }[]).map((c) => c.name).filter((c) => c !== 'id')
    db.prepare(`insert into events (${cols.join(',')}) select ${cols.map((c) => (c === 'details' ? `'{not json'` : c === 'seq' ? 'seq + 1' : c)).join(',')} from events order by id desc limit 1`).run()
    db.close()
    const r = await t.run(['log', '--json'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^icm: unexpected error: .* \(this is a bug; run again with ICM_DEBUG=1 to see the stack trace\)\n$/)
  })

  it('2: usage: an unknown command or option, a missing argument or required option', async () => {
    const t = await company()
    await expectRefused(
      t,
      [
        [['reqest', 'list'], /^icm: unknown command 'reqest' \(did you mean request\?\)/],
        [['request', 'list', '--stauts', 'new'], /^icm: unknown option '--stauts' \(did you mean --status\?\)/],
        [['request', 'show'], /missing required argument 'code'/],
        [['unit', 'add', 'X', '--kind', 'department'], /missing required option --name/],
        [['complaint', 'open', '--against', 'IT', '--channel', 'email', '--summary', 'x'], /missing required option --from \(or --anonymous\)/],
        [['assess', 'import-inputs', '2026-H1'], /missing argument FILE/],
      ],
      2,
    )
  })

  it('3: invalid input or a refused state change', async () => {
    const t = await company()
    await t.ok(['request', 'log', '--from', 'HR', '--to', 'IT', '--title', 'x'])
    await expectRefused(
      t,
      [
        [['survey', 'create', 'S', '--title', 'x', '--period', '2026-H3'], /invalid period '2026-H3'/],
        [['request', 'resolve', 'REQ-0001'], /REQ-0001/],
        [['unit', 'add', 'A B', '--name', 'x', '--kind', 'department'], /invalid/],
      ],
      3,
    )
  })

  it('4: not found: an unknown unit, code or file; no database for a read command', async () => {
    const t = await company()
    await expectRefused(
      t,
      [
        [['customer', 'of', 'NOPE'], /unknown unit 'NOPE'/],
        [['request', 'show', 'REQ-9999'], /unknown request 'REQ-9999'/],
        [['unit', 'import', path.join(t.dir, 'missing.csv')], /missing\.csv/],
      ],
      4,
    )
    if (BACKEND === 'sqlite') {
      const r = await t.run(['--db', path.join(tempDir(), 'none.db'), 'unit', 'list'])
      expect([r.code, r.stderr]).toEqual([4, expect.stringMatching(/^icm: no icm database at /)])
    }
  })

  it('5: conflict: a duplicate code, a file already imported', async () => {
    const t = await company()
    await t.ok(['survey', 'create', 'S', '--title', 'x', '--period', '2026-H1'])
    const file = writeFile(t.dir, 'survey.csv', 'response_id,respondent_unit,rated_unit,overall\n1,HR,IT,4\n')
    await t.ok(['survey', 'import', 'S', file])
    await expectRefused(
      t,
      [
        [['unit', 'add', 'it', '--name', 'x', '--kind', 'department'], /IT already exists|already/],
        [['survey', 'create', 's', '--title', 'x', '--period', '2026-H1'], /survey S already exists/],
        [['survey', 'import', 'S', file], /already imported/],
      ],
      5,
    )
  })

  it('130: Ctrl-C at a prompt, nothing changed', async () => {
    const t = await company()
    const before = await dbState(t.db)
    const io = testIO({ tty: true })
    const ctrlC = async (): Promise<never> => {
      throw Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' })
    }
    io.prompter = { input: ctrlC, search: ctrlC, select: ctrlC, confirm: ctrlC }
    const ctx = createContext({ io, commands: COMMAND_GROUPS, env: { ICM_DB: t.db, ICM_ACTOR: 'tester' }, cwd: t.dir, now: () => new Date(DEFAULT_NOW), host: 'test-host' })
    expect(await run(['unit', 'add', 'NEW', '--kind', 'department'], ctx)).toBe(130)
    expect(io.stderr()).toBe('\n')
    expect(await dbState(t.db)).toBe(before)
  })
})
