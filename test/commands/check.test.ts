import { describe, expect, it } from 'vitest'
import { BACKEND, cli, dbState, queryRows, writeFile } from '../helpers/harness.js'
import { workedExample } from '../helpers/scenarios.js'
import { tamper } from '../helpers/tamper.js'

/**
 * Tamper evidence (DESIGN.md §8, issue 11 findings 6): rows changed, deleted or forged behind
 * icm's back, straight in the SQLite file or on the PostgreSQL server, are named by `icm check`
 * (exit 5), and a final table whose rows were changed is refused by show, export and bonus.
 */
const KEY = { ICM_REPORTS_KEY: 'correct horse battery staple' }
const PG = BACKEND === 'postgres'
const DROP_DELETE_TRIGGER = PG ? 'drop trigger events_append_only on events' : 'drop trigger events_no_delete'
const DROP_UPDATE_TRIGGER = PG ? 'drop trigger events_append_only on events' : 'drop trigger events_no_update'
const INTEGRITY = PG ? 'file integrity\tskipped\tPostgreSQL checks its own pages (PRAGMA integrity_check is SQLite only)' : 'file integrity\tok\tPRAGMA integrity_check: ok'

/** A small company written only through icm: requests, a report revealed mid-log, a final 2026-H1 table. */
async function company() {
  const t = cli()
  await t.ok(['unit', 'add', 'HR', '--name', '人力资源部', '--kind', 'department'])
  await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
  await t.ok(['request', 'log', '--from', 'HR', '--to', 'IT', '--title', '新员工开通账号', '--at', '2026-03-02T09:00'])
  await t.ok(['request', 'respond', 'REQ-0001', '--accept', '--expected', '2026-03-10', '--at', '2026-03-02T10:00'])
  await t.ok(['report', 'file', '--about', 'IT', '--description', '外包人员共用账号', '--reporter', '王芳'], { env: KEY })
  await t.ok(['report', 'reveal', 'RPT-0001', '--reason', '发放奖励'], { env: KEY })
  await t.ok(['assess', 'input', '--period', '2026-H1', '--unit', 'IT', '--self', '80', '--superior', '90'])
  await t.ok(['assess', 'input', '--period', '2026-H1', '--unit', 'HR', '--self', '90', '--superior', '70'])
  await t.ok(['assess', 'run', '--period', '2026-H1'])
  await t.ok(['assess', 'finalize', '--period', '2026-H1'])
  await t.ok(['request', 'log', '--from', 'IT', '--to', 'HR', '--title', '补录考勤', '--at', '2026-07-01T09:00'])
  return t
}

async function eventId(db: string, action: string): Promise<number> {
  return (await queryRows<{ id: number }>(db, `select id from events where action = '${action}'`))[0]!.id
}

describe('icm check', () => {
  it('passes a database written only through icm: four checks, exit 0', async () => {
    const t = await company()
    const r = await t.run(['check'])
    const events = (await queryRows<{ n: number }>(t.db, 'select count(*) as n from events'))[0]!.n
    const head = (await queryRows<{ hash: string }>(t.db, 'select hash from events order by id desc limit 1'))[0]!.hash
    expect([r.code, r.stderr]).toEqual([0, PG ? "✓ the event chain, the final tables and the triggers hold (file integrity is the server's)\n" : '✓ all 4 checks hold\n'])
    expect(r.stdout).toBe(
      [
        'check\tresult\tdetail',
        INTEGRITY,
        'append-only triggers\tok\tevents refuses UPDATE and DELETE',
        `event chain\tok\t${events} events chained; head #${events} ${head.slice(0, 12)}…`,
        'final tables\tok\t2026-H1 matches its hash',
        '',
      ].join('\n'),
    )
    const json = (await t.ok(['check', '--json'])).json()
    expect(Object.keys(json)).toEqual(['integrity', 'triggers', 'chain', 'finalTables'])
    expect(json.chain).toMatchObject({ status: 'ok', events, breaks: 0, firstBreak: null, head: { seq: events, hash: head } })
    expect(json.finalTables).toEqual({ status: 'ok', detail: '2026-H1 matches its hash', tables: [{ period: '2026-H1', level: 'department', intact: true }] })
    expect(json.integrity.status).toBe(PG ? 'skipped' : 'ok')
  })

  it('a table edited behind icm\'s back: show, export and bonus refuse it (exit 5), check names it, nothing is written', async () => {
    const t = await company()
    await tamper(t.db, `update assessment_rows set total = 99, grade = 'A' where code = 'IT'`)
    const base = writeFile(t.dir, 'base.csv', 'unit,base_amount\nIT,10000\n')
    const before = await dbState(t.db)
    const refused = "icm: the final 2026-H1 table does not match its hash: its rows were changed outside icm (run icm check)\n"
    for (const args of [
      ['assess', 'show', '--period', '2026-H1'],
      ['assess', 'show', '--period', '2026-H1', '--json'],
      ['assess', 'export', '--period', '2026-H1', '--out', 'payroll.csv'],
      ['assess', 'bonus', '--period', '2026-H1', '--base', base],
      ['assess', 'explain', '--period', '2026-H1', '--unit', 'IT'],
      ['assess', 'annual', '--year', '2026'],
      ['assess', 'export', '--year', '2026', '--out', 'annual.csv'],
    ]) {
      const r = await t.run(args)
      expect({ args, code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ args, code: 5, stdout: '', stderr: refused })
    }
    expect(await dbState(t.db)).toBe(before)
    const c = await t.run(['check'])
    expect(c.code).toBe(5)
    expect(c.stdout).toContain('final tables\tFAILED\t2026-H1 does not match its hash: rows changed outside icm\n')
    expect(c.stdout).toContain('event chain\tok\t')
    expect(c.stderr).toBe('icm: 1 of 4 checks failed: final tables (the table above names what broke; compare with a backup: icm --db BACKUP check)\n')
  })

  it('a final table reopened and finalized again gets a new hash; a draft has none', async () => {
    const t = await company()
    const hash = async () => (await queryRows<{ h: string | null }>(t.db, `select rows_hash as h from assessments where period = '2026-H1'`))[0]!.h
    const first = await hash()
    expect(first).toMatch(/^[0-9a-f]{64}$/)
    await t.ok(['assess', 'reopen', '--period', '2026-H1', '--reason', 'IT 申诉'])
    expect(await hash()).toBeNull()
    // a draft's rows may change (a new run replaces them): nothing to check
    await tamper(t.db, `update assessment_rows set total = 99 where code = 'IT'`)
    await t.ok(['assess', 'show', '--period', '2026-H1'])
    await t.ok(['assess', 'input', '--period', '2026-H1', '--unit', 'IT', '--self', '95'])
    await t.ok(['assess', 'finalize', '--period', '2026-H1'])
    expect(await hash()).toMatch(/^[0-9a-f]{64}$/)
    expect(await hash()).not.toBe(first)
    await t.ok(['assess', 'show', '--period', '2026-H1'])
    await t.ok(['check'])
  })

  it('a dropped trigger and a deleted event: restores the trigger with a warning and an event, and names the deletion', async () => {
    const t = await company()
    const revealed = await eventId(t.db, 'report.reveal')
    await tamper(t.db, `${DROP_DELETE_TRIGGER}; delete from events where action = 'report.reveal'`)
    const r = await t.run(['check'])
    expect(r.code).toBe(5)
    const next = (await queryRows<{ id: number; action: string }>(t.db, `select id, action from events where id > ${revealed} order by id limit 1`))[0]!
    const gap = PG ? 'the event before it was deleted' : `event id ${revealed} was deleted`
    expect(r.stdout).toContain(`event chain\tFAILED\tevent ${next.id} (2026-07-01T10:00:00+08:00, ${next.action}) follows a gap: ${gap}\n`)
    const name = PG ? 'events_append_only' : 'events_no_delete'
    expect(r.stdout).toContain(`append-only triggers\tFAILED\t${name} missing or altered: restored\n`)
    expect(r.stderr).toBe(
      `icm: warning: the append-only trigger ${name} was missing or altered, so events could be changed or deleted: restored\n` +
        'icm: 2 of 4 checks failed: append-only triggers, event chain (the table above names what broke; compare with a backup: icm --db BACKUP check)\n',
    )
    // restored: the log refuses deletes again, and says who restored it
    await expect(tamper(t.db, 'delete from events')).rejects.toThrow(/append-only/)
    const log = (await t.ok(['log', '--limit', '1', '--json'])).json()
    expect(log).toEqual([expect.objectContaining({ action: 'db.restore-triggers', actor: 'tester', details: { triggers: [name] } })])
    // the second check finds the triggers in place; the deletion stays on record
    const again = await t.run(['check', '--json'])
    expect(again.code).toBe(5)
    expect(again.json().triggers).toEqual({ status: 'ok', detail: 'events refuses UPDATE and DELETE', restored: [] })
    expect(again.json().chain.firstBreak).toEqual({ kind: 'deleted', event: { id: next.id, at: expect.any(String), action: next.action }, reason: `follows a gap: ${gap}` })
  })

  it('an event whose details were changed: names it by id, time and action', async () => {
    const t = await company()
    const id = await eventId(t.db, 'report.reveal')
    await tamper(t.db, `${DROP_UPDATE_TRIGGER}; update events set details = '{"reason":"例行检查"}' where id = ${id}`)
    const r = await t.run(['check', '--json'])
    expect(r.code).toBe(5)
    expect(r.json().chain).toMatchObject({
      status: 'failed',
      breaks: 1,
      detail: `event ${id} (2026-07-01T10:00:00+08:00, report.reveal) was changed: its content no longer matches its hash`,
      firstBreak: { kind: 'changed', event: { id, action: 'report.reveal' } },
    })
  })

  it('a forged event inserted by hand (the triggers allow inserts): names it as inserted outside icm', async () => {
    const t = await company()
    await tamper(t.db, `insert into events (at, actor, host, action, entity, details) values ('2026-07-01T03:00:00.000Z', 'hr-admin', 'pc-7', 'assess.finalize', '2026-H1', '{}')`)
    const id = (await queryRows<{ id: number }>(t.db, 'select max(id) as id from events'))[0]!.id
    const r = await t.run(['check'])
    expect(r.code).toBe(5)
    expect(r.stdout).toContain(`event chain\tFAILED\tevent ${id} (2026-07-01T11:00:00+08:00, assess.finalize) was inserted outside icm: it has no hash\n`)
    // icm's next event still chains to the last event icm wrote, so only the forged row is named
    await t.ok(['request', 'log', '--from', 'HR', '--to', 'IT', '--title', 'x'])
    expect((await t.run(['check', '--json'])).json().chain).toMatchObject({ breaks: 1, firstBreak: { kind: 'inserted', event: { id } } })
  })

  it.skipIf(PG)('SQLite: events deleted from the end of the log are named too (sqlite_sequence keeps the last id)', async () => {
    const t = await company()
    const last = (await queryRows<{ id: number }>(t.db, 'select max(id) as id from events'))[0]!.id
    await tamper(t.db, `drop trigger events_no_delete; delete from events where id >= ${last - 1}; create trigger events_no_delete before delete on events begin select raise(abort, 'events is append-only'); end`)
    const r = await t.run(['check'])
    expect(r.code).toBe(5)
    expect(r.stdout).toContain(`event chain\tFAILED\tthe last 2 events (ids ${last - 1}–${last}) were deleted\n`)
    expect(r.stdout).toContain('append-only triggers\tok\t')
  })

  it('passes on a database whose survey import chained its event like every other command', async () => {
    const t = await workedExample()
    const r = await t.run(['check', '--json'])
    expect(r.code).toBe(0)
    expect(r.json().chain.breaks).toBe(0)
    const events = await queryRows<{ action: string; hash: string | null }>(t.db, "select action, hash from events where action = 'survey.import'")
    expect(events).toHaveLength(1)
    expect(events[0]!.hash).toMatch(/^[0-9a-f]{64}$/)
  })
})
