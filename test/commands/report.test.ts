import { describe, expect, it } from 'vitest'
import { cli, dbState, queryRows } from '../helpers/harness.js'
import { tamper, withoutEventLog } from '../helpers/tamper.js'

const KEY = { ICM_REPORTS_KEY: 'correct horse battery staple' }

async function company() {
  const t = cli()
  await t.ok(['unit', 'add', 'PUR', '--name', '采购部', '--kind', 'department'])
  await t.ok(['unit', 'add', 'WH', '--name', '仓储物流部', '--kind', 'department'])
  return t
}

async function meta(location: string, key: string): Promise<string | undefined> {
  return (await queryRows<{ value: string }>(location, `select value from meta where key = '${key}'`))[0]?.value
}

describe('icm report', () => {
  it('files an anonymous report: its code on stdout, no key needed', async () => {
    const t = await company()
    const r = await t.ok(['report', 'file', '--about', 'PUR', '--description', '未按规定比价'])
    expect(r.stdout).toBe('RPT-0001\n')
    expect(r.stderr).toBe('✓ RPT-0001 filed about PUR (anonymous)\n')
    expect(await meta(t.db, 'reports.kdf')).toBeUndefined()
    const show = (await t.ok(['report', 'show', 'RPT-0001', '--json'])).json()
    expect(show).toEqual({
      code: 'RPT-0001', about: 'PUR', description: '未按规定比价', anonymous: true, status: 'received', validity: null, reward: null,
      decisionNote: null, decidedAt: null, filedAt: '2026-07-01T10:00:00+08:00', createdAt: '2026-07-01T10:00:00+08:00',
    })
  })

  it('files a report with a reporter under ICM_REPORTS_KEY, creating the salt once inside the write', async () => {
    const t = await company()
    const r = await t.ok(['report', 'file', '--about', 'WH', '--description', '出库单代签', '--reporter', '王芳', '--at', '2026-06-12T22:40', '--json'], { env: KEY })
    expect(r.json()).toMatchObject({ code: 'RPT-0001', about: 'WH', anonymous: false, filedAt: '2026-06-12T22:40:00+08:00' })
    expect(r.json()).not.toHaveProperty('reporter')
    const kdf = JSON.parse((await meta(t.db, 'reports.kdf'))!)
    expect(kdf).toMatchObject({ alg: 'scrypt', N: 16384, r: 8, p: 1 })
    expect(Buffer.from(kdf.salt, 'base64')).toHaveLength(16)
    await t.ok(['report', 'file', '--about', 'WH', '--description', '第二次', '--reporter', '李四'], { env: KEY })
    expect(JSON.parse((await meta(t.db, 'reports.kdf'))!).salt).toBe(kdf.salt)
    expect((await t.ok(['report', 'show', 'RPT-0001'])).stdout).toContain('reporter\ton file, encrypted (icm report reveal with the key)\n')
    expect((await t.ok(['report', 'reveal', 'RPT-0002'], { env: KEY })).stdout).toBe('李四\n')
  })

  it('a fresh database gets its own salt', async () => {
    const a = await company()
    const b = await company()
    await a.ok(['report', 'file', '--about', 'WH', '--description', 'x', '--reporter', '王芳'], { env: KEY })
    await b.ok(['report', 'file', '--about', 'WH', '--description', 'x', '--reporter', '王芳'], { env: KEY })
    expect(JSON.parse((await meta(a.db, 'reports.kdf'))!).salt).not.toBe(JSON.parse((await meta(b.db, 'reports.kdf'))!).salt)
  })

  it('decides a report valid with a reward, or invalid, and logs it', async () => {
    const t = await company()
    await t.ok(['report', 'file', '--about', 'PUR', '--description', 'a', '--at', '2026-04-08T20:00'])
    await t.ok(['report', 'file', '--about', 'WH', '--description', 'b'])
    const v = await t.ok(['report', 'decide', 'rpt-0001', '--valid', '--reward', '500', '--note', '属实', '--at', '2026-05-22T11:00', '--json'])
    expect(v.json()).toMatchObject({ code: 'RPT-0001', status: 'decided', validity: 'valid', reward: 500, decisionNote: '属实', decidedAt: '2026-05-22T11:00:00+08:00' })
    expect(v.stderr).toBe('✓ RPT-0001 decided valid, reward 500.00\n')
    const i = await t.ok(['report', 'decide', 'RPT-0002', '--invalid'])
    expect(i.stdout).toBe('')
    expect(i.stderr).toBe('✓ RPT-0002 decided invalid\n')
    expect((await t.ok(['report', 'list'])).stdout).toBe(
      'code\tfiled\tabout\tstatus\tvalidity\treward\tdescription\n' +
        'RPT-0001\t2026-04-08\tPUR\tdecided\tvalid\t500.00\ta\n' +
        'RPT-0002\t2026-07-01\tWH\tdecided\tinvalid\t\tb\n',
    )
    expect((await t.ok(['report', 'list', '--about', 'WH', '--json'])).json().map((r: any) => r.code)).toEqual(['RPT-0002'])
    expect((await t.ok(['report', 'list', '--status', 'received', '--json'])).json()).toEqual([])
    const log = (await t.ok(['log', '--entity', 'RPT-0001', '--json'])).json()
    expect(log.map((e: any) => [e.action, e.details])).toEqual([
      ['report.file', { about: 'PUR', anonymous: true }],
      ['report.decide', { validity: 'valid', reward: 500, note: '属实' }],
    ])
  })

  it('reveals the reporter only with the key, and logs who did it and why, without the identity', async () => {
    const t = await company()
    await t.ok(['report', 'file', '--about', 'WH', '--description', '代签', '--reporter', '王芳'], { env: KEY })
    const r = await t.ok(['--actor', '审计委员会', 'report', 'reveal', 'RPT-0001', '--reason', '发放奖励'], { env: KEY })
    expect(r.stdout).toBe('王芳\n')
    expect(r.stderr).toBe('✓ reporter of RPT-0001 revealed to 审计委员会; the reveal was logged\n')
    const j = await t.ok(['report', 'reveal', 'RPT-0001', '--json'], { env: KEY })
    expect(j.json()).toEqual({ code: 'RPT-0001', reporter: '王芳' })
    const log = (await t.ok(['log', '--entity', 'RPT-0001', '--json'])).json()
    expect(log.map((e: any) => [e.action, e.actor, e.details])).toEqual([
      ['report.file', 'tester', { about: 'WH', anonymous: false }],
      ['report.reveal', '审计委员会', { reason: '发放奖励' }],
      ['report.reveal', 'tester', { reason: null }],
    ])
  })

  it.each([
    ['an unknown unit', ['report', 'file', '--about', 'NOPE', '--description', 'x'], {}, 4, /unknown unit 'NOPE'/],
    ['an unknown report to show', ['report', 'show', 'RPT-0099'], {}, 4, /unknown report 'RPT-0099' \(see icm report list\)/],
    ['an unknown report to decide', ['report', 'decide', 'RPT-0099', '--valid'], {}, 4, /unknown report/],
    ['an unknown report to reveal', ['report', 'reveal', 'RPT-0099'], KEY, 4, /unknown report/],
    ['an empty description', ['report', 'file', '--about', 'PUR', '--description', ''], {}, 3, /--description cannot be empty/],
    ['a blank description', ['report', 'file', '--about', 'PUR', '--description', '   '], {}, 3, /--description cannot be empty/],
    ['--reporter without ICM_REPORTS_KEY', ['report', 'file', '--about', 'PUR', '--description', 'x', '--reporter', '王芳'], {}, 3, /--reporter needs the ICM_REPORTS_KEY environment variable, which is not set/],
    ['--reporter with an empty ICM_REPORTS_KEY', ['report', 'file', '--about', 'PUR', '--description', 'x', '--reporter', '王芳'], { ICM_REPORTS_KEY: '' }, 3, /not set/],
    ['--reporter with a short key', ['report', 'file', '--about', 'PUR', '--description', 'x', '--reporter', '王芳'], { ICM_REPORTS_KEY: 'abc' }, 3, /ICM_REPORTS_KEY is too short/],
    ['an empty --reporter', ['report', 'file', '--about', 'PUR', '--description', 'x', '--reporter', ' '], KEY, 3, /--reporter cannot be empty/],
    ['--valid and --invalid together', ['report', 'decide', 'RPT-0001', '--valid', '--invalid'], {}, 3, /--valid and --invalid cannot be given together/],
    ['a negative reward', ['report', 'decide', 'RPT-0001', '--valid', '--reward', '-5'], {}, 3, /--reward cannot be negative, got '-5'/],
    ['a reward for an invalid report', ['report', 'decide', 'RPT-0001', '--invalid', '--reward', '5'], {}, 3, /--reward is only for a valid report/],
    ['a reward that is not an amount', ['report', 'decide', 'RPT-0001', '--valid', '--reward', '5元'], {}, 3, /--reward must be an amount/],
    ['neither --valid nor --invalid', ['report', 'decide', 'RPT-0001'], {}, 2, /missing --valid or --invalid/],
    ['deciding a decided report', ['report', 'decide', 'RPT-0002', '--valid'], {}, 3, /RPT-0002 was already decided invalid/],
    ['deciding before it was filed', ['report', 'decide', 'RPT-0001', '--valid', '--at', '2026-06-01'], {}, 3, /cannot be decided before it was filed/],
    ['filing with another key', ['report', 'file', '--about', 'PUR', '--description', 'x', '--reporter', '李四'], { ICM_REPORTS_KEY: 'wrong horse battery staple' }, 3, /^icm: ICM_REPORTS_KEY does not match this database's key \(/],
    ['a reporter name over 256 bytes', ['report', 'file', '--about', 'PUR', '--description', 'x', '--reporter', '张'.repeat(86)], KEY, 3, /--reporter is too long: 258 bytes in UTF-8, at most 256/],
    ['revealing without a key', ['report', 'reveal', 'RPT-0001'], {}, 3, /revealing a reporter needs the ICM_REPORTS_KEY environment variable/],
    ['revealing an anonymous report', ['report', 'reveal', 'RPT-0002'], KEY, 3, /RPT-0002 was filed anonymously/],
    ['a bad status', ['report', 'list', '--status', 'open'], {}, 3, /invalid report status 'open'/],
  ])('refuses %s with a clear error, its exit code, and no change', async (_what, args, env, code, message) => {
    const t = await company()
    await t.ok(['report', 'file', '--about', 'WH', '--description', 'a', '--reporter', '王芳', '--at', '2026-06-12T22:40'], { env: KEY })
    await t.ok(['report', 'file', '--about', 'PUR', '--description', 'b'])
    await t.ok(['report', 'decide', 'RPT-0002', '--invalid'])
    const before = await dbState(t.db)
    const r = await t.run(args, { env })
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(message)
    expect(r.stderr).toMatch(/^icm: /)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).not.toContain('王芳')
    expect(r.stdout).toBe('')
    expect(await dbState(t.db)).toBe(before)
  })

  it('logs a refused reveal (who, when, which report; never the key) and still shows nothing, exit 3', async () => {
    const t = await company()
    await t.ok(['report', 'file', '--about', 'WH', '--description', 'a', '--reporter', '王芳'], { env: KEY })
    const before = await dbState(t.db)
    const r = await t.run(['--actor', 'mallory', 'report', 'reveal', 'RPT-0001', '--reason', '好奇'], { env: { ICM_REPORTS_KEY: 'wrong horse battery staple' } })
    expect(r.code).toBe(3)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('icm: cannot reveal the reporter of RPT-0001: ICM_REPORTS_KEY is not the key it was filed with (nothing was shown)\n')
    const log = (await t.ok(['log', '--entity', 'RPT-0001', '--json'])).json()
    expect(log.map((e: any) => [e.action, e.actor, e.host, e.at, e.details])).toEqual([
      ['report.file', 'tester', 'test-host', '2026-07-01T10:00:00+08:00', { about: 'WH', anonymous: false }],
      ['report.reveal-refused', 'mallory', 'test-host', '2026-07-01T10:00:00+08:00', { reason: '好奇' }],
    ])
    const after = await dbState(t.db)
    expect(withoutEventLog(after)).toBe(withoutEventLog(before))
    for (const secret of ['wrong horse', '王芳']) expect(after).not.toContain(secret)
  })

  it('pads every identity to 256 bytes before encryption: the ciphertext length gives nothing away', async () => {
    const t = await company()
    const names = ['王', 'Zhang Wei 张伟', 'x'.repeat(256), '张'.repeat(85)]
    for (const n of names) await t.ok(['report', 'file', '--about', 'WH', '--description', 'a', '--reporter', n], { env: KEY })
    const stored = await queryRows<{ c: string }>(t.db, `select reporter_ciphertext as c from reports order by id`)
    expect(stored.map((s) => Buffer.from(s.c, 'base64').length)).toEqual([256, 256, 256, 256])
    for (const [i, n] of names.entries()) expect((await t.ok(['report', 'reveal', `RPT-000${i + 1}`], { env: KEY })).stdout).toBe(`${n}\n`)
  })

  it('stores the key check once, with the salt, and refuses filing under another key: nothing filed, exit 3', async () => {
    const t = await company()
    await t.ok(['report', 'file', '--about', 'WH', '--description', 'a', '--reporter', '王芳'], { env: KEY })
    const check = await meta(t.db, 'reports.key-check')
    expect(Buffer.from(check!, 'base64')).toHaveLength(32)
    await t.ok(['report', 'file', '--about', 'WH', '--description', 'b', '--reporter', '李四'], { env: KEY })
    expect(await meta(t.db, 'reports.key-check')).toBe(check)
    const before = await dbState(t.db)
    const r = await t.run(['report', 'file', '--about', 'WH', '--description', 'c', '--reporter', '赵六'], { env: { ICM_REPORTS_KEY: 'another company key' } })
    expect([r.code, r.stdout, r.stderr]).toEqual([3, '', "icm: ICM_REPORTS_KEY does not match this database's key (file with the key the other reports were filed with; nothing was filed)\n"])
    expect(await dbState(t.db)).toBe(before)
    // an anonymous report needs no key, so another key in the environment does not matter
    await t.ok(['report', 'file', '--about', 'WH', '--description', 'd'], { env: { ICM_REPORTS_KEY: 'another company key' } })
  })

  it('a database from before key checks: stores the check for the first key that opens an identity on file, never for another', async () => {
    const t = await company()
    await t.ok(['report', 'file', '--about', 'WH', '--description', 'a', '--reporter', '王芳'], { env: KEY })
    await tamper(t.db, `delete from meta where key = 'reports.key-check'`)
    const wrong = { ICM_REPORTS_KEY: 'wrong horse battery staple' }
    // filing under a key that opens no identity on file: refused, and no check stored for it
    const f = await t.run(['report', 'file', '--about', 'WH', '--description', 'b', '--reporter', '李四'], { env: wrong })
    expect([f.code, f.stderr]).toEqual([3, expect.stringContaining("ICM_REPORTS_KEY does not match this database's key")])
    expect(await meta(t.db, 'reports.key-check')).toBeUndefined()
    // a wrong reveal: refused and logged, still no check
    expect((await t.run(['report', 'reveal', 'RPT-0001'], { env: wrong })).code).toBe(3)
    expect(await meta(t.db, 'reports.key-check')).toBeUndefined()
    // the right key opens RPT-0001 when filing: its check is stored
    await t.ok(['report', 'file', '--about', 'WH', '--description', 'c', '--reporter', '赵六'], { env: KEY })
    const check = await meta(t.db, 'reports.key-check')
    expect(check).toBeDefined()
    // the same by a reveal
    await tamper(t.db, `delete from meta where key = 'reports.key-check'`)
    expect((await t.ok(['report', 'reveal', 'RPT-0002'], { env: KEY })).stdout).toBe('赵六\n')
    expect(await meta(t.db, 'reports.key-check')).toBe(check)
  })
})
