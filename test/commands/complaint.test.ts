import { createHash } from 'node:crypto'
import type { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { createContext } from '../../src/cli/context.js'
import { testIO } from '../../src/cli/io.js'
import { createProgram } from '../../src/cli/program.js'
import { COMPLAINT_ACTION_COMMANDS } from '../../src/domain/complaints/complaint-state.js'
import { cli, dbState, queryRows, writeFile } from '../helpers/harness.js'
import { COMMAND_GROUPS } from '../../src/commands/registry.js'

// The harness clock: Wednesday 2026-07-01T10:00+08:00; no holidays in the calendar, so business
// days are Mon–Fri 09:00–18:00.

type T = ReturnType<typeof cli>

async function company(opts: { handler?: string | null } = {}): Promise<T> {
  const t = cli()
  for (const [code, name] of [
    ['HR', '人力资源部'],
    ['IT', '信息技术部'],
    ['FIN', '财务部'],
    ['WH', '仓储物流部'],
    ['SALES', '销售部'],
  ]) {
    await t.ok(['unit', 'add', code!, '--name', name!, '--kind', 'department'])
  }
  await t.ok(['unit', 'add', 'IT-HD', '--name', 'IT服务台', '--kind', 'position', '--parent', 'IT'])
  const handler = opts.handler === undefined ? '王敏' : opts.handler
  if (handler !== null) await t.ok(['config', 'set', 'complaint.handler', handler])
  return t
}

/**
 * Four complaints, one per state beyond intake:
 * CMP-0001 HR→IT received · CMP-0002 FIN→IT planned (no root cause, deadline 2026-06-09) ·
 * CMP-0003 HR→WH confirmed (no root cause, deadline 2026-06-10) · CMP-0004 WH→IT verified on time.
 */
async function world(): Promise<T> {
  const t = await company()
  await t.ok(['complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', 'email', '--summary', '考勤系统宕机', '--at', '2026-06-01T09:00'])

  await t.ok(['complaint', 'open', '--against', 'IT', '--from', 'FIN', '--channel', 'phone', '--summary', 'ERP报表错误', '--at', '2026-06-02T09:00'])
  await t.ok(['complaint', 'investigate', 'CMP-0002', '--team', '张伟', '--at', '2026-06-02T10:00'])
  await t.ok(['complaint', 'plan', 'CMP-0002', '--responsible', 'IT', '--measures', '修复报表', '--at', '2026-06-02T11:00'])

  await t.ok(['complaint', 'open', '--against', 'WH', '--from', 'HR', '--channel', 'online', '--summary', '发货延误', '--at', '2026-06-03T09:00'])
  await t.ok(['complaint', 'investigate', 'CMP-0003', '--team', '周杰', '--at', '2026-06-03T10:00'])
  await t.ok(['complaint', 'plan', 'CMP-0003', '--responsible', 'WH', '--measures', '增派人手', '--at', '2026-06-03T11:00'])
  await t.ok(['complaint', 'feedback', 'CMP-0003', '--accepted', '--at', '2026-06-03T12:00'])

  await t.ok(['complaint', 'open', '--against', 'IT', '--from', 'WH', '--channel', 'email', '--summary', '扫码枪无法连接', '--at', '2026-06-04T09:00'])
  await t.ok(['complaint', 'investigate', 'CMP-0004', '--team', '张伟', '--at', '2026-06-04T10:00'])
  await t.ok(['complaint', 'root-cause', 'CMP-0004', '--category', 'system', '--analysis', '驱动版本过旧', '--at', '2026-06-04T10:30'])
  await t.ok(['complaint', 'plan', 'CMP-0004', '--responsible', 'IT', '--measures', '升级驱动', '--at', '2026-06-04T11:00'])
  await t.ok(['complaint', 'feedback', 'CMP-0004', '--accepted', '--at', '2026-06-04T12:00'])
  await t.ok(['complaint', 'verify', 'CMP-0004', '--resolved', 'yes', '--satisfaction', '4', '--at', '2026-06-05T10:00'])
  return t
}

async function show(t: T, code: string) {
  return (await t.ok(['complaint', 'show', code, '--json'])).json()
}

describe('icm complaint channels', () => {
  it('publishes the channels and the designated handler', async () => {
    const t = cli()
    await t.ok(['init'])
    const before = await t.ok(['complaint', 'channels', '--json'])
    expect(before.json()).toEqual({ channels: ['email', 'phone', 'online', 'in_person'], handler: null })
    await t.ok(['config', 'set', 'complaint.handler', '王敏'])
    await t.ok(['config', 'set', 'complaint.channels', 'email,wechat'])
    const r = await t.ok(['complaint', 'channels'])
    expect(r.stdout).toBe('channels\temail, wechat\nhandler\t王敏\n')
  })

  it('says on stderr when no handler is designated', async () => {
    const t = cli()
    await t.ok(['init'])
    const r = await t.ok(['complaint', 'channels'])
    expect(r.stdout).toBe('channels\temail, phone, online, in_person\nhandler\t(none designated)\n')
    expect(r.stderr).toContain('icm config set complaint.handler NAME')
  })
})

describe('icm complaint open', () => {
  it('receives a complaint: its code on stdout, a ✓ on stderr, assigned to the designated handler', async () => {
    const t = await company()
    const r = await t.ok(['complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', 'Email', '--summary', '考勤系统月底宕机'])
    expect(r.stdout).toBe('CMP-0001\n')
    expect(r.stderr).toBe('✓ CMP-0001 received against IT via email from HR, handler 王敏\n')
    expect(await show(t, 'cmp-0001')).toMatchObject({
      code: 'CMP-0001',
      status: 'received',
      against: 'IT',
      anonymous: false,
      from: 'HR',
      channel: 'email',
      summary: '考勤系统月底宕机',
      request: null,
      handler: '王敏',
      receivedAt: '2026-07-01T10:00:00+08:00',
      plan: null,
      feedback: null,
      verification: null,
      rootCause: null,
      overdue: false,
      closedAt: null,
    })
  })

  it('takes units by name, --handler over the designated one, and --at for when it was received', async () => {
    const t = await company()
    const r = await t.ok(['complaint', 'open', '--against', 'IT服务台', '--from', '财务部', '--channel', 'in_person', '--summary', 'x', '--handler', '黄丽', '--at', '2026-03-02T09:30', '--json'])
    expect(r.json()).toMatchObject({ against: 'IT-HD', from: 'FIN', handler: '黄丽', receivedAt: '2026-03-02T09:30:00+08:00' })
  })

  it('needs no designated handler when --handler is given, and refuses without either', async () => {
    const t = await company({ handler: null })
    const before = await dbState(t.db)
    const r = await t.run(['complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', 'email', '--summary', 'x'])
    expect(r.code).toBe(3)
    expect(r.stderr).toBe('icm: no complaint handler is designated and none was given (icm config set complaint.handler NAME, or add --handler NAME)\n')
    expect(r.stdout).toBe('')
    expect(await dbState(t.db)).toBe(before)
    await t.ok(['complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', 'email', '--summary', 'x', '--handler', '黄丽'])
  })

  it('stores no complainant at all for an anonymous complaint, and nothing in the events identifies one', async () => {
    const t = await company()
    const r = await t.ok(['complaint', 'open', '--against', 'IT', '--anonymous', '--channel', 'online', '--summary', '服务台态度生硬', '--json'])
    expect(r.json()).toMatchObject({ code: 'CMP-0001', anonymous: true, from: null })
    expect(r.stderr).toContain('(anonymous)')
    await t.ok(['complaint', 'investigate', 'CMP-0001', '--team', '王敏'])
    await t.ok(['complaint', 'plan', 'CMP-0001', '--responsible', 'IT', '--measures', '礼仪培训'])
    await t.ok(['complaint', 'feedback', 'CMP-0001', '--disputed'])

    expect(await queryRows(t.db, `select complainant_id from complaints where code = 'CMP-0001'`)).toEqual([{ complainant_id: null }])
    const events = await queryRows<{ details: string }>(t.db, `select details from events where entity = 'CMP-0001'`)
    expect(events).toHaveLength(4)
    for (const e of events) {
      const details = JSON.parse(e.details)
      expect(Object.keys(details)).not.toContain('from')
      expect(Object.keys(details)).not.toContain('complainant')
      expect(e.details).not.toContain('HR')
    }
    const steps = await queryRows<{ details: string }>(t.db, `select details from complaint_steps`)
    for (const s of steps) expect(Object.keys(JSON.parse(s.details))).not.toContain('from')
    const list = await t.ok(['complaint', 'list'])
    expect(list.stdout.split('\n')[1]).toContain('\t(anonymous)\t')
  })

  it('links a related request by code', async () => {
    const t = await company()
    expect((await t.ok(['request', 'log', '--from', 'HR', '--to', 'IT', '--title', '考勤报表', '--at', '2026-06-01T09:00'])).stdout).toBe('REQ-0001\n')
    const r = await t.ok(['complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', 'email', '--summary', 'x', '--request', 'req-0001', '--json'])
    expect(r.json().request).toBe('REQ-0001')
    expect((await t.ok(['complaint', 'list', '--json'])).json()[0].request).toBe('REQ-0001')
  })

  it('asks for the channel and the summary on a terminal', async () => {
    const t = await company()
    const r = await t.run(['complaint', 'open', '--against', 'IT', '--from', 'HR'], { tty: true, answers: ['phone', '网络很慢'] })
    expect(r.code).toBe(0)
    expect(await show(t, 'CMP-0001')).toMatchObject({ channel: 'phone', summary: '网络很慢' })
  })

  it('asks who complains on a terminal when neither --from nor --anonymous is given', async () => {
    const t = await company()
    const r = await t.run(['complaint', 'open', '--against', 'IT', '--channel', 'email', '--summary', 'x'], { tty: true, answers: ['hr'] })
    expect([r.code, r.asked]).toEqual([0, [expect.stringMatching(/^Complaining unit/)]])
    expect(await show(t, 'CMP-0001')).toMatchObject({ from: 'HR', anonymous: false })
    await t.ok(['complaint', 'open', '--against', 'IT', '--channel', 'email', '--summary', 'y'], { tty: true, answers: ['anonymous'] })
    expect(await show(t, 'CMP-0002')).toMatchObject({ from: null, anonymous: true })
  })

  it('accepts only the published channels', async () => {
    const t = await company()
    await t.ok(['config', 'set', 'complaint.channels', 'email,wechat'])
    await t.ok(['complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', 'wechat', '--summary', 'x'])
    const r = await t.run(['complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', 'phone', '--summary', 'x'])
    expect(r.code).toBe(3)
    expect(r.stderr).toBe("icm: 'phone' is not a published complaint channel (use one of email, wechat (config complaint.channels))\n")
  })
})

describe('a complaint from intake to closing', () => {
  it('walks every step with back-dated times, a dispute and a failed verification, keeping the whole timeline', async () => {
    const t = await company()
    const file = writeFile(t.dir, 'server.log', 'line 1\nline 2\n')
    const sha256 = createHash('sha256').update('line 1\nline 2\n').digest('hex')

    await t.ok(['complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', 'email', '--summary', '考勤系统月底宕机', '--at', '2026-06-01T09:30'])
    const inv = await t.ok(['complaint', 'investigate', 'CMP-0001', '--team', '王敏, 张伟', '--units', 'IT,人力资源部', '--at', '2026-06-01T14:00', '--json'])
    expect(inv.json()).toMatchObject({ status: 'investigating', investigatedAt: '2026-06-01T14:00:00+08:00' })
    expect(inv.stderr).toBe('✓ CMP-0001 under investigation by 王敏, 张伟\n')

    const ev = await t.ok(['complaint', 'evidence', 'CMP-0001', '--kind', 'document', '--note', '宕机时段日志', '--file', file, '--at', '2026-06-02T10:00', '--json'])
    expect(ev.json()).toEqual({
      complaint: 'CMP-0001',
      seq: 1,
      kind: 'document',
      note: '宕机时段日志',
      file: { name: 'server.log', size: 14, sha256 },
      at: '2026-06-02T10:00:00+08:00',
      actor: 'tester',
    })
    await t.ok(['complaint', 'evidence', 'CMP-0001', '--kind', 'interview', '--note', '访谈考勤专员', '--at', '2026-06-01T16:00'])

    // Tue 16:00 + 5 business days: 2 h Tue, 9 h Wed–Fri and Mon, 7 h Tue → Tue 2026-06-09 16:00
    const plan1 = await t.ok(['complaint', 'plan', 'CMP-0001', '--responsible', 'IT', '--measures', '重启服务', '--at', '2026-06-02T16:00', '--json'])
    expect(plan1.json()).toMatchObject({ status: 'planned', plan: { responsible: 'IT', measures: '重启服务', deadline: '2026-06-09', plannedAt: '2026-06-02T16:00:00+08:00' } })

    const disputed = await t.ok(['complaint', 'feedback', 'CMP-0001', '--disputed', '--note', '治标不治本', '--at', '2026-06-03T10:00', '--json'])
    expect(disputed.json()).toMatchObject({ status: 'investigating', feedback: { accepted: false, note: '治标不治本', at: '2026-06-03T10:00:00+08:00' } })
    expect(disputed.stderr).toBe('✓ CMP-0001 plan disputed: back to investigation\n')

    await t.ok(['complaint', 'root-cause', 'CMP-0001', '--category', 'System', '--analysis', '月底并发超出容量', '--at', '2026-06-03T11:00'])
    const plan2 = await t.ok(['complaint', 'plan', 'CMP-0001', '--responsible', 'IT', '--measures', '扩容服务器', '--deadline', '2026-06-12', '--at', '2026-06-03T15:00', '--json'])
    expect(plan2.json()).toMatchObject({ status: 'planned', plan: { deadline: '2026-06-12' }, feedback: null })
    await t.ok(['complaint', 'feedback', 'CMP-0001', '--accepted', '--at', '2026-06-04T10:00'])

    const notResolved = await t.ok(['complaint', 'verify', 'CMP-0001', '--resolved', 'no', '--satisfaction', '2', '--at', '2026-06-10T10:00', '--json'])
    expect(notResolved.json()).toMatchObject({ status: 'investigating', verification: { resolved: false, satisfaction: 2 }, closedAt: null })
    expect(notResolved.stderr).toBe('✓ CMP-0001 not resolved: back to investigation (next: icm complaint plan CMP-0001)\n')

    // Wed 11:00 + 5 business days → Wed 2026-06-17
    await t.ok(['complaint', 'plan', 'CMP-0001', '--responsible', 'IT', '--measures', '扩容并加告警', '--at', '2026-06-10T11:00'])
    await t.ok(['complaint', 'feedback', 'CMP-0001', '--accepted', '--at', '2026-06-10T15:00'])
    const closed = await t.ok(['complaint', 'verify', 'CMP-0001', '--resolved', 'yes', '--satisfaction', '4', '--note', '月底正常', '--at', '2026-06-16T17:00', '--json'])
    expect(closed.json()).toMatchObject({
      status: 'verified',
      plan: { deadline: '2026-06-17' },
      verification: { resolved: true, satisfaction: 4, note: '月底正常', at: '2026-06-16T17:00:00+08:00' },
      rootCause: { category: 'system', analysis: '月底并发超出容量' },
      closedAt: '2026-06-16T17:00:00+08:00',
      overdue: false,
    })
    expect(closed.stderr).toBe('✓ CMP-0001 verified resolved and closed (by the deadline 2026-06-17), satisfaction 4\n')

    const act = await t.ok(['complaint', 'prevent', 'CMP-0001', '--action', '每月巡检容量', '--owner', 'IT', '--due', '2026-07-31', '--at', '2026-06-17T09:00'])
    expect(act.stdout).toBe('ACT-0001\n')
    expect(act.stderr).toBe('✓ ACT-0001 opened for IT, due 2026-07-31, to prevent CMP-0001 from happening again\n')

    const s = await show(t, 'CMP-0001')
    expect(s.team).toEqual(['张伟', '王敏'].sort())
    expect(s.units).toEqual(['HR', 'IT'])
    expect(s.evidence.map((e: any) => [e.seq, e.kind, e.file?.sha256 ?? null])).toEqual([
      [1, 'document', sha256],
      [2, 'interview', null],
    ])
    // in the order things happened: the interview was back-dated before the document
    expect(s.timeline.map((x: any) => `${x.step}:${x.statusBefore ?? ''}→${x.statusAfter}`)).toEqual([
      'received:→received',
      'investigate:received→investigating',
      'evidence:investigating→investigating',
      'evidence:investigating→investigating',
      'plan:investigating→planned',
      'feedback:planned→investigating',
      'root_cause:investigating→investigating',
      'plan:investigating→planned',
      'feedback:planned→confirmed',
      'verify:confirmed→investigating',
      'plan:investigating→planned',
      'feedback:planned→confirmed',
      'verify:confirmed→verified',
      'prevent:verified→verified',
    ])
    expect(s.timeline[2]).toMatchObject({ at: '2026-06-01T16:00:00+08:00', actor: 'tester', details: { seq: 2, kind: 'interview' } })
    expect(s.timeline[3].details.file).toEqual({ name: 'server.log', size: 14, sha256 })
    expect(s.actions).toEqual([expect.objectContaining({ code: 'ACT-0001', source: 'complaint', sourceRef: 'CMP-0001', owner: 'IT', status: 'open' })])

    const log = (await t.ok(['log', '--entity', 'CMP-0001', '--json'])).json()
    expect(log.map((e: any) => e.action)).toEqual([
      'complaint.open',
      'complaint.investigate',
      'complaint.evidence',
      'complaint.evidence',
      'complaint.plan',
      'complaint.feedback',
      'complaint.root-cause',
      'complaint.plan',
      'complaint.feedback',
      'complaint.verify',
      'complaint.plan',
      'complaint.feedback',
      'complaint.verify',
      'complaint.prevent',
    ])
    expect(log[9].details).toMatchObject({ resolved: false, satisfaction: 2, statusBefore: 'confirmed', statusAfter: 'investigating', at: '2026-06-10T02:00:00.000Z' })
  })

  it('shows the timeline, the evidence with its hash and the prevention actions in human form', async () => {
    const t = await world()
    const file = writeFile(t.dir, 'photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))
    await t.ok(['complaint', 'evidence', 'CMP-0003', '--kind', 'site-visit', '--note', '仓库现场', '--file', file, '--at', '2026-06-03T12:30'])
    await t.ok(['complaint', 'prevent', 'CMP-0003', '--action', '旺季增援机制', '--owner', 'WH', '--due', '2026-06-30', '--at', '2026-06-04'])
    const r = await t.ok(['complaint', 'show', 'CMP-0003'])
    const sha = createHash('sha256').update(Buffer.from([0xff, 0xd8, 0xff, 0xe0])).digest('hex')
    expect(r.stdout).toContain('code\tCMP-0003\nstatus\tconfirmed\nagainst\tWH\nfrom\tHR\n')
    expect(r.stdout).toContain('deadline\t2026-06-10 (overdue 21d)\n')
    expect(r.stdout).toContain('\nTimeline:\nat\tstep\tby\tstatus\tdetails\n2026-06-03T09:00:00+08:00\treceived\ttester\treceived\tagainst: WH; from: HR; channel: online; handler: 王敏; summary: 发货延误\n')
    expect(r.stdout).toContain('2026-06-03T12:00:00+08:00\tfeedback\ttester\tplanned → confirmed\taccepted: yes\n')
    expect(r.stdout).toContain(`\nEvidence:\n#\tkind\tat\tnote\tfile\tbytes\tsha256\n1\tsite_visit\t2026-06-03T12:30:00+08:00\t仓库现场\tphoto.jpg\t4\t${sha}\n`)
    expect(r.stdout).toContain('\nPrevention actions:\ncode\towner\tdue\tstatus\tdescription\nACT-0001\tWH\t2026-06-30\toverdue 1d\t旺季增援机制\n')
  })
})

describe('refused transitions name the allowed next commands', () => {
  it.each([
    [['complaint', 'plan', 'CMP-0001', '--responsible', 'IT', '--measures', 'x'], 'icm: cannot plan CMP-0001 in status received (next: icm complaint investigate, icm complaint evidence, icm complaint prevent)\n'],
    [['complaint', 'verify', 'CMP-0002', '--resolved', 'yes', '--satisfaction', '4'], 'icm: cannot verify CMP-0002 in status planned (next: icm complaint plan, icm complaint feedback, icm complaint evidence, icm complaint root-cause, icm complaint prevent)\n'],
    [['complaint', 'verify', 'CMP-0003', '--resolved', 'yes', '--satisfaction', '4'], 'icm: cannot verify CMP-0003 as resolved without a root cause (record it first: icm complaint root-cause)\n'],
    [['complaint', 'investigate', 'CMP-0004', '--team', 'x'], 'icm: cannot investigate CMP-0004 in status verified (next: icm complaint prevent)\n'],
    [['complaint', 'feedback', 'CMP-0003', '--accepted'], 'icm: cannot record feedback on CMP-0003 in status confirmed (next: icm complaint verify, icm complaint evidence, icm complaint root-cause, icm complaint prevent)\n'],
  ])('%j', async (args, stderr) => {
    const t = await world()
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect(r.code).toBe(3)
    expect(r.stderr).toBe(stderr)
    expect(r.stdout).toBe('')
    expect(await dbState(t.db)).toBe(before)
  })

  it('names only commands that exist', async () => {
    const program = await createProgram(createContext({ io: testIO(), commands: COMMAND_GROUPS, env: {} }))
    const find = (cmd: Command, names: string[]): Command | undefined =>
      names.length === 0 ? cmd : cmd.commands.find((c) => c.name() === names[0]) && find(cmd.commands.find((c) => c.name() === names[0])!, names.slice(1))
    for (const command of Object.values(COMPLAINT_ACTION_COMMANDS)) {
      const [icm, ...names] = command.split(' ')
      expect(icm).toBe('icm')
      expect(find(program, names), command).toBeDefined()
    }
  })
})

describe('bad input', () => {
  it.each([
    ['neither --from nor --anonymous', ['complaint', 'open', '--against', 'IT', '--channel', 'email', '--summary', 'x'], 2, /missing required option --from \(or --anonymous\)/],
    ['both --from and --anonymous', ['complaint', 'open', '--against', 'IT', '--from', 'HR', '--anonymous', '--channel', 'email', '--summary', 'x'], 3, /either --from or --anonymous, not both/],
    ['an unknown unit complained about', ['complaint', 'open', '--against', 'NOPE', '--from', 'HR', '--channel', 'email', '--summary', 'x'], 4, /unknown unit 'NOPE' \(see icm unit list\)/],
    ['an unknown complainant unit', ['complaint', 'open', '--against', 'IT', '--from', 'NOPE', '--channel', 'email', '--summary', 'x'], 4, /unknown complainant unit 'NOPE'/],
    ['an unknown request', ['complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', 'email', '--summary', 'x', '--request', 'REQ-0042'], 4, /unknown request 'REQ-0042'/],
    ['a channel that is not published', ['complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', 'fax', '--summary', 'x'], 3, /'fax' is not a published complaint channel/],
    ['an empty summary', ['complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', 'email', '--summary', ''], 3, /--summary cannot be empty/],
    ['a blank summary', ['complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', 'email', '--summary', '  '], 3, /--summary cannot be empty/],
    ['a missing summary without a terminal', ['complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', 'email'], 2, /missing required option --summary/],
    ['an anonymous complaint naming a request', ['complaint', 'open', '--against', 'IT', '--anonymous', '--channel', 'email', '--summary', 'x', '--request', 'REQ-0001'], 3, /anonymous complaint cannot name a related request/],
    ['a unit complaining about itself', ['complaint', 'open', '--against', 'IT', '--from', 'it', '--channel', 'email', '--summary', 'x'], 3, /IT cannot complain about itself/],
    ['--at in the future', ['complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', 'email', '--summary', 'x', '--at', '2026-07-02'], 3, /is in the future/],
    ['an unknown complaint', ['complaint', 'investigate', 'CMP-0099', '--team', 'x'], 4, /unknown complaint 'CMP-0099' \(see icm complaint list\)/],
    ['an unknown complaint to show', ['complaint', 'show', 'CMP-0099'], 4, /unknown complaint 'CMP-0099'/],
    ['a team of nobody', ['complaint', 'investigate', 'CMP-0001', '--team', ' , '], 3, /--team names nobody/],
    ['an unknown investigating unit', ['complaint', 'investigate', 'CMP-0001', '--team', '王敏', '--units', 'IT,NOPE'], 4, /unknown unit 'NOPE'/],
    ['a step before the complaint was received', ['complaint', 'investigate', 'CMP-0001', '--team', '王敏', '--at', '2026-05-31T09:00'], 3, /--at 2026-05-31T09:00:00\+08:00 is before CMP-0001 was received \(2026-06-01T09:00:00\+08:00\)/],
    ['a --file that does not exist', ['complaint', 'evidence', 'CMP-0001', '--kind', 'document', '--note', 'x', '--file', 'nope.pdf'], 4, /file not found: nope.pdf/],
    ['an unknown evidence kind', ['complaint', 'evidence', 'CMP-0001', '--kind', 'photo', '--note', 'x'], 3, /invalid evidence kind 'photo'/],
    ['evidence on a closed complaint', ['complaint', 'evidence', 'CMP-0004', '--kind', 'document', '--note', 'x'], 3, /cannot add evidence to CMP-0004 in status verified \(next: icm complaint prevent\)/],
    ['an impossible deadline', ['complaint', 'plan', 'CMP-0002', '--responsible', 'IT', '--measures', 'x', '--deadline', '2026-06-31'], 3, /invalid --deadline '2026-06-31': no such day/],
    ['a deadline before the plan', ['complaint', 'plan', 'CMP-0002', '--responsible', 'IT', '--measures', 'x', '--deadline', '2026-06-30'], 3, /--deadline 2026-06-30 is before the plan is made \(2026-07-01\)/],
    ['an unknown responsible unit', ['complaint', 'plan', 'CMP-0002', '--responsible', 'NOPE', '--measures', 'x'], 4, /unknown responsible unit 'NOPE'/],
    ['empty measures', ['complaint', 'plan', 'CMP-0002', '--responsible', 'IT', '--measures', ''], 3, /--measures cannot be empty/],
    ['feedback that neither accepts nor disputes', ['complaint', 'feedback', 'CMP-0002'], 2, /missing required option --accepted or --disputed/],
    ['feedback that both accepts and disputes', ['complaint', 'feedback', 'CMP-0002', '--accepted', '--disputed'], 3, /not both/],
    ['verification before the plan was confirmed', ['complaint', 'verify', 'CMP-0002', '--resolved', 'yes', '--satisfaction', '4'], 3, /cannot verify CMP-0002 in status planned/],
    ['closing without a root cause', ['complaint', 'verify', 'CMP-0003', '--resolved', 'yes', '--satisfaction', '4'], 3, /without a root cause/],
    ['satisfaction 0', ['complaint', 'verify', 'CMP-0003', '--resolved', 'no', '--satisfaction', '0'], 3, /--satisfaction must be a whole number from 1 to 5, got '0'/],
    ['satisfaction 6', ['complaint', 'verify', 'CMP-0003', '--resolved', 'no', '--satisfaction', '6'], 3, /--satisfaction must be a whole number from 1 to 5, got '6'/],
    ['a resolved that is not yes or no', ['complaint', 'verify', 'CMP-0003', '--resolved', 'maybe', '--satisfaction', '3'], 3, /--resolved must be yes or no/],
    ['a verification before the confirmation', ['complaint', 'verify', 'CMP-0003', '--resolved', 'no', '--satisfaction', '2', '--at', '2026-06-03T11:30'], 3, /is before CMP-0003 became confirmed \(2026-06-03T12:00:00\+08:00\)/],
    ['a missing satisfaction without a terminal', ['complaint', 'verify', 'CMP-0003', '--resolved', 'no'], 2, /missing required option --satisfaction/],
    ['a root cause before the investigation', ['complaint', 'root-cause', 'CMP-0001', '--category', 'system', '--analysis', 'x'], 3, /cannot record a root cause for CMP-0001 in status received/],
    ['an unknown root-cause category', ['complaint', 'root-cause', 'CMP-0002', '--category', 'luck', '--analysis', 'x'], 3, /invalid root-cause category 'luck'/],
    ['an empty analysis', ['complaint', 'root-cause', 'CMP-0002', '--category', 'other', '--analysis', ' '], 3, /--analysis cannot be empty/],
    ['a prevention action for an unknown owner', ['complaint', 'prevent', 'CMP-0004', '--action', 'x', '--owner', 'NOPE', '--due', '2026-08-31'], 4, /unknown owner unit 'NOPE'/],
    ['a prevention action with an impossible due date', ['complaint', 'prevent', 'CMP-0004', '--action', 'x', '--owner', 'IT', '--due', '2026-13-01'], 3, /invalid --due '2026-13-01'/],
    ['a prevention action due before it is opened', ['complaint', 'prevent', 'CMP-0004', '--action', 'x', '--owner', 'IT', '--due', '2026-06-01'], 3, /--due 2026-06-01 is before the action is opened/],
    ['a prevention action for an unknown complaint', ['complaint', 'prevent', 'CMP-0099', '--action', 'x', '--owner', 'IT', '--due', '2026-08-31'], 4, /unknown complaint 'CMP-0099'/],
    ['an unknown status filter', ['complaint', 'list', '--status', 'open'], 3, /unknown complaint status 'open'/],
    ['an invalid period', ['complaint', 'list', '--period', '2026-H3'], 3, /invalid period '2026-H3'/],
    ['an unknown unit filter', ['complaint', 'list', '--against', 'NOPE'], 4, /unknown unit 'NOPE'/],
    ['stats without a period', ['complaint', 'stats'], 2, /missing required option --period/],
    ['stats for an invalid period', ['complaint', 'stats', '--period', 'H1'], 3, /invalid period 'H1'/],
  ])('refuses %s with a clear error, its exit code, and no change', async (_what, args, code, message) => {
    const t = await world()
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(message)
    expect(r.stderr).toMatch(/^icm: /)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stdout).toBe('')
    expect(await dbState(t.db)).toBe(before)
  })
})

describe('icm complaint list', () => {
  const codes = async (t: T, args: string[]) => (await t.ok(['complaint', 'list', ...args, '--json'])).json().map((c: any) => c.code)

  it('filters by status, unit (code or name), period and overdue', async () => {
    const t = await world()
    expect(await codes(t, [])).toEqual(['CMP-0001', 'CMP-0002', 'CMP-0003', 'CMP-0004'])
    expect(await codes(t, ['--status', 'planned'])).toEqual(['CMP-0002'])
    expect(await codes(t, ['--status', 'closed'])).toEqual(['CMP-0004'])
    expect(await codes(t, ['--against', 'it'])).toEqual(['CMP-0001', 'CMP-0002', 'CMP-0004'])
    expect(await codes(t, ['--against', '仓储物流部'])).toEqual(['CMP-0003'])
    expect(await codes(t, ['--period', '2026-Q2'])).toEqual(['CMP-0001', 'CMP-0002', 'CMP-0003', 'CMP-0004'])
    expect(await codes(t, ['--period', '2026-Q1'])).toEqual([])
    // deadlines 2026-06-09 and 2026-06-10 have passed; CMP-0004 was verified; CMP-0001 has no plan
    // and no team: received Mon 2026-06-01 09:00, due 8 business hours later at 17:00; then 1 h that day,
    // 21 more working days of June (9 h each) and Jul 1 09:00–10:00 → 1 + 189 + 1 = 191 business hours late
    const overdue = (await t.ok(['complaint', 'list', '--overdue', '--json'])).json()
    expect(overdue.map((c: any) => [c.code, c.plan?.deadline ?? null, c.daysOverdue, c.overdueReasons, c.investigation.hoursLate])).toEqual([
      ['CMP-0001', null, null, ['investigation'], 191],
      ['CMP-0002', '2026-06-09', 22, ['plan'], null],
      ['CMP-0003', '2026-06-10', 21, ['plan'], null],
    ])
    expect(await codes(t, ['--overdue', '--against', 'IT', '--status', 'planned'])).toEqual(['CMP-0002'])
  })

  it('puts a complaint in the period of its local received date', async () => {
    const t = await company()
    await t.ok(['complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', 'email', '--summary', 'late on June 30', '--at', '2026-06-30T23:30+08:00'])
    await t.ok(['complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', 'email', '--summary', 'early on July 1', '--at', '2026-06-30T16:30Z'])
    expect(await codes(t, ['--period', '2026-H1'])).toEqual(['CMP-0001'])
    expect(await codes(t, ['--period', '2026-H2'])).toEqual(['CMP-0002'])
  })

  it('prints a table when piped and CSV with --csv, and says so when nothing matches', async () => {
    const t = await world()
    const r = await t.ok(['complaint', 'list', '--status', 'confirmed'])
    expect(r.stdout).toBe(
      'code\treceived\tagainst\tfrom\tchannel\thandler\tstatus\tdeadline\toverdue\tsummary\n' +
        'CMP-0003\t2026-06-03\tWH\tHR\tonline\t王敏\tconfirmed\t2026-06-10\t21d\t发货延误\n',
    )
    const csv = await t.ok(['complaint', 'list', '--status', 'received', '--csv'])
    expect(csv.stdout).toBe('code,received,against,from,channel,handler,status,deadline,overdue,summary\r\nCMP-0001,2026-06-01,IT,HR,email,王敏,received,,no team 191h,考勤系统宕机\r\n')
    const none = await t.ok(['complaint', 'list', '--period', '2025'])
    expect(none.stdout).toBe('')
    expect(none.stderr).toBe('no complaints match\n')
  })
})

describe('icm complaint stats', () => {
  it('sums up a period per unit complained about and per root cause', async () => {
    const t = await world()
    // received in Q1, so only in the half year; verified after its deadline
    await t.ok(['complaint', 'open', '--against', 'IT', '--from', 'SALES', '--channel', 'phone', '--summary', '邮箱满', '--at', '2026-03-02T09:00'])
    await t.ok(['complaint', 'investigate', 'CMP-0005', '--team', '张伟', '--at', '2026-03-02T10:00'])
    await t.ok(['complaint', 'root-cause', 'CMP-0005', '--category', 'resource', '--analysis', '邮箱配额过小', '--at', '2026-03-02T11:00'])
    await t.ok(['complaint', 'plan', 'CMP-0005', '--responsible', 'IT', '--measures', '扩容邮箱', '--deadline', '2026-03-03', '--at', '2026-03-02T12:00'])
    await t.ok(['complaint', 'feedback', 'CMP-0005', '--accepted', '--at', '2026-03-02T13:00'])
    await t.ok(['complaint', 'verify', 'CMP-0005', '--resolved', 'yes', '--satisfaction', '3', '--at', '2026-03-05T10:00'])

    const r = await t.ok(['complaint', 'stats', '--period', '2026-h1', '--json'])
    expect(r.json()).toEqual({
      period: '2026-H1',
      units: [
        // CMP-0001, 0002, 0004, 0005; verified 0004 (4, on time) and 0005 (3, late): mean 3.5
        { unit: 'IT', name: '信息技术部', received: 4, verified: 2, resolvedByDeadline: 1, meanSatisfaction: 3.5 },
        { unit: 'WH', name: '仓储物流部', received: 1, verified: 0, resolvedByDeadline: 0, meanSatisfaction: null },
      ],
      rootCauses: [
        { category: 'system', count: 1 },
        { category: 'resource', count: 1 },
      ],
    })
    const q2 = (await t.ok(['complaint', 'stats', '--period', '2026-Q2', '--json'])).json()
    expect(q2.units[0]).toEqual({ unit: 'IT', name: '信息技术部', received: 3, verified: 1, resolvedByDeadline: 1, meanSatisfaction: 4 })

    const human = await t.ok(['complaint', 'stats', '--period', '2026-H1'])
    expect(human.stdout).toBe(
      'Complaints received in 2026-H1, per unit complained about:\n' +
        'unit\tname\treceived\tverified\tresolved by deadline\tmean satisfaction\n' +
        'IT\t信息技术部\t4\t2\t1\t3.5\n' +
        'WH\t仓储物流部\t1\t0\t0\t\n' +
        '\nRoot causes:\ncategory\tcomplaints\nsystem\t1\nresource\t1\n',
    )
    expect(human.stderr).toBe('3 of 5 complaints have no root cause yet\n')
    // on a Chinese terminal the count of complaints received reads 受理件数 (not a date)
    const zh = await t.ok(['complaint', 'stats', '--period', '2026-H1'], { tty: true, env: { LANG: 'zh_CN.UTF-8' } })
    expect(zh.stdout).toMatch(/受理件数/)
    expect(zh.stdout).not.toMatch(/受理日期/)
  })

  it('prints an empty summary for a period without complaints', async () => {
    const t = await world()
    expect((await t.ok(['complaint', 'stats', '--period', '2025', '--json'])).json()).toEqual({ period: '2025', units: [], rootCauses: [] })
    const r = await t.ok(['complaint', 'stats', '--period', '2025'])
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('no complaints received in 2025\n')
  })
})

describe('icm complaint prevent', () => {
  it('opens an improvement action linked to the complaint, listed by icm action list', async () => {
    const t = await world()
    const r = await t.ok(['complaint', 'prevent', 'cmp-0002', '--action', '月结前核对清单', '--owner', 'FIN', '--due', '2026-08-31', '--json'])
    expect(r.json()).toMatchObject({ code: 'ACT-0001', source: 'complaint', sourceRef: 'CMP-0002', owner: 'FIN', due: '2026-08-31', status: 'open' })
    const list = (await t.ok(['action', 'list', '--owner', 'FIN', '--json'])).json()
    expect(list.map((a: any) => [a.code, a.sourceRef])).toEqual([['ACT-0001', 'CMP-0002']])
    // the complaint's status does not change
    expect((await show(t, 'CMP-0002')).status).toBe('planned')
  })
})
