import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dbState, queryRows, writeFile } from '../helpers/harness.js'
import { workedExample } from '../helpers/scenarios.js'

describe('the half-yearly score table', () => {
  it('computes DESIGN.md\'s worked example end to end', async () => {
    const t = await workedExample()
    const table = (await t.ok(['assess', 'run', '--period', '2026-H1', '--json'])).json()
    expect(table).toMatchObject({ period: '2026-H1', level: 'department', state: 'draft', weights: { S: 30, T: 20, C: 15, H: 15, self: 5, superior: 15 } })
    expect(table.rows).toEqual([
      // HR: one response (< 5) → S n/a; owner of PRJ-0002, late × 5/5 → C 60; (15×60 + 15×100 + 5×90 + 15×80) / 50 = 81.0
      { rank: 1, unit: 'HR', name: '人力资源部', S: null, T: null, C: 60, H: 100, self: 90, superior: 80, total: 81, grade: 'B', bonus: 1.1, insufficientData: false },
      expect.objectContaining({ unit: 'IT', S: 75, T: 75, C: 70, H: 90, self: 80, superior: 90, total: 79, grade: 'C', bonus: 1 }),
      expect.objectContaining({ unit: 'FIN', total: null, rank: null, grade: null, insufficientData: true }),
    ])
  })

  it('gives the byte-identical table twice for the same inputs', async () => {
    const t = await workedExample()
    const a = (await t.ok(['assess', 'run', '--period', '2026-H1', '--json'])).stdout
    const b = (await t.ok(['assess', 'run', '--period', '2026-H1', '--json'])).stdout
    const c = (await t.ok(['assess', 'show', '--period', '2026-H1', '--json'])).stdout
    expect(b).toBe(a)
    expect(c).toBe(a)
  })

  it('prints a table with n/a and the weights in the caption; on a terminal a bar chart follows', async () => {
    const t = await workedExample()
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    const piped = (await t.ok(['assess', 'show', '--period', '2026-H1'])).stdout
    expect(piped.split('\n')[0]).toBe('rank\tunit\tname\tS\tT\tC\tH\tself\tsuperior\ttotal\tgrade\tbonus')
    expect(piped).toContain('\tFIN\t财务部\tn/a\tn/a\tn/a\t100.0\tn/a\tn/a\tinsufficient data\t\t')
    const tty = (await t.run(['assess', 'show', '--period', '2026-H1'], { tty: true })).stdout
    expect(tty).toContain('weights S 30 · T 20 · C 15 · H 15 · self 5 · superior 15')
    expect(tty).toMatch(/IT 信息技术部 +│█+[▏▎▍▌▋▊▉]? 79\.0/)
    expect(tty).toMatch(/FIN 财务部 +│ n\/a/)
  })

  it('explains every number behind a row', async () => {
    const t = await workedExample()
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    const out = (await t.ok(['assess', 'explain', '--period', '2026-H1', '--unit', 'IT'])).stdout
    expect(out).toContain('IT 信息技术部: rank 2 of 2 · total 79.0 · grade C · bonus coefficient 1')
    expect(out).toContain('5 service-survey responses rate it')
    expect(out).toContain('(4 − 1) / 4 × 100 = 75.0')
    expect(out).toContain('late: REQ-0002 due 2026-03-03T17:00:00+08:00, answered 2026-03-04T10:00:00+08:00, 2.0 business hours late')
    expect(out).toContain('100 × 3 / 4 = 75.0')
    expect(out).toContain('PRJ-0001 owner, due 2026-05-31: completed 2026-05-28, on time → 100 × quality 4/5 = 80.0')
    expect(out).toContain('PRJ-0002 member, due 2026-04-30: completed 2026-05-08, late → 60 × quality 5/5 = 60.0')
    expect(out).toContain('CMP-0001: verified resolved 2026-04-10 (deadline 2026-04-15, in time), satisfaction 4')
    expect(out).toContain('total = (30×75 + 20×75 + 15×70 + 15×90 + 5×80 + 15×90) / 100 = 79.0')
    const json = (await t.ok(['assess', 'explain', '--period', '2026-H1', '--unit', 'IT', '--json'])).json()
    expect(json).toMatchObject({ unit: 'IT', total: 79, details: { T: { onTime: 3, late: [{ code: 'REQ-0002' }] } } })
    const pos = await t.run(['assess', 'explain', '--period', '2026-H1', '--unit', 'IT-HD'])
    expect(pos.code).toBe(4)
    expect(pos.stderr).toContain('--unit IT')
  })

  it('keeps a late answer late when the request is changed afterwards (its scope, or its provider)', async () => {
    const t = await workedExample()
    const before = (await t.ok(['assess', 'run', '--period', '2026-H1', '--json'])).json()
    // after H1, REQ-0002 (answered 2 business hours late) gets a new title, REQ-0001 (on time) a new provider:
    // both go back to new with fresh clocks due in H2, and their H1 answers still count for IT
    await t.ok(['request', 'change', 'REQ-0002', '--title', 'request 2（补充）', '--reason', '补充说明', '--at', '2026-07-01T09:30'])
    await t.ok(['request', 'change', 'REQ-0001', '--to', 'FIN', '--reason', '转交财务', '--at', '2026-07-01T09:40'])
    const after = (await t.ok(['assess', 'run', '--period', '2026-H1', '--json'])).json()
    expect(after.rows).toEqual(before.rows)
    expect(after.rows.find((r: any) => r.unit === 'IT')).toMatchObject({ T: 75, total: 79 })
    const out = (await t.ok(['assess', 'explain', '--period', '2026-H1', '--unit', 'IT'])).stdout
    expect(out).toContain(
      'late: REQ-0002 (the response due before its change of scope on 2026-07-01T09:30:00+08:00) due 2026-03-03T17:00:00+08:00, answered 2026-03-04T10:00:00+08:00, 2.0 business hours late',
    )
    expect(out).toContain('100 × 3 / 4 = 75.0')
    const zh = (await t.ok(['assess', 'explain', '--period', '2026-H1', '--unit', 'IT'], { env: { LANG: 'zh_CN.UTF-8' } })).stdout
    expect(zh).toContain('逾期：REQ-0002（2026-07-01T09:30:00+08:00 变更范围前应作的答复） 应于 2026-03-03T17:00:00+08:00 前答复')
    // the change is on record with the clock it ended
    const shown = (await t.ok(['request', 'show', 'REQ-0002', '--json'])).json()
    expect(shown.changes[0].superseded).toEqual({ provider: 'IT', responseDue: '2026-03-03T17:00:00+08:00', respondedAt: '2026-03-04T10:00:00+08:00', responseOnTime: false })
    const moved = (await t.ok(['request', 'show', 'REQ-0001'], { env: { LANG: 'zh_CN.UTF-8' } })).stdout
    expect(moved).toContain('承办单位: "IT" → "FIN" — 原因：转交财务（范围变更：已受理 → 新建，需重新评估）；此前应于 2026-03-02T17:00:00+08:00 前答复：2026-03-02T10:00:00+08:00 已答复，按时')
  })

  it('assesses positions on their own with --level position', async () => {
    const t = await workedExample()
    const table = (await t.ok(['assess', 'run', '--period', '2026-H1', '--level', 'position', '--json'])).json()
    expect(table.rows).toEqual([expect.objectContaining({ unit: 'IT-HD', S: null, T: 100 })])
  })
})

describe('finalizing', () => {
  it('freezes the table: later data and config changes do not alter it, run and input refuse (exit 5)', async () => {
    const t = await workedExample()
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    const final = await t.ok(['assess', 'finalize', '--period', '2026-H1', '--json'])
    expect(final.json()).toMatchObject({ state: 'final', finalizedBy: 'tester', inputsHash: expect.stringMatching(/^[0-9a-f]{64}$/) })
    const frozen = (await t.ok(['assess', 'show', '--period', '2026-H1', '--json'])).stdout
    await t.ok(['request', 'log', '--from', 'HR', '--to', 'IT', '--title', 'late one', '--at', '2026-06-01T09:00'])
    await t.ok(['config', 'set', 'assess.weights', 'S=50,T=10,C=10,H=10,self=10,superior=10'])
    expect((await t.ok(['assess', 'show', '--period', '2026-H1', '--json'])).stdout).toBe(frozen)
    const run = await t.run(['assess', 'run', '--period', '2026-H1'])
    expect(run.code).toBe(5)
    expect(run.stderr).toContain('icm assess reopen --period 2026-H1')
    expect((await t.run(['assess', 'input', '--period', '2026-H1', '--unit', 'IT', '--self', '99'])).code).toBe(5)
    expect((await t.run(['assess', 'finalize', '--period', '2026-H1'])).code).toBe(5)
  })

  it('opens an improvement action for every unit graded D or E', async () => {
    const t = await workedExample()
    // FIN: (15×100 + 5×30 + 15×40) / 35 = 2250 / 35 = 64.3 → D
    await t.ok(['assess', 'input', '--period', '2026-H1', '--unit', 'FIN', '--self', '30', '--superior', '40'])
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    const r = await t.ok(['assess', 'finalize', '--period', '2026-H1'])
    expect(r.stderr).toContain('improvement actions opened for grades D and E: ACT-0001 FIN')
    const actions = (await t.ok(['action', 'list', '--json'])).json()
    expect(actions).toEqual([expect.objectContaining({ owner: 'FIN', source: 'assessment', sourceRef: '2026-H1', due: '2026-07-31' })])
  })

  it('reopens with a reason that the event log keeps', async () => {
    const t = await workedExample()
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    await t.ok(['assess', 'finalize', '--period', '2026-H1'])
    await t.ok(['assess', 'reopen', '--period', '2026-H1', '--reason', 'IT 申诉: 响应时间录入有误'])
    const log = (await t.ok(['log', '--entity', '2026-H1', '--json'])).json()
    expect(log.at(-1)).toMatchObject({ action: 'assess.reopen', details: { reason: 'IT 申诉: 响应时间录入有误' } })
    await t.ok(['assess', 'run', '--period', '2026-H1'])
  })

  it('opens one improvement action per unit and period: finalizing again after a reopen keeps the earlier ones', async () => {
    const t = await workedExample()
    await t.ok(['assess', 'input', '--period', '2026-H1', '--unit', 'IT', '--self', '0', '--superior', '0']) // IT: (30×75 + 20×75 + 15×70 + 15×90) / 100 = 61.5 → D
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    const first = await t.ok(['assess', 'finalize', '--period', '2026-H1'])
    expect(first.stderr).toContain('improvement actions opened for grades D and E: ACT-0001 IT')
    await t.ok(['assess', 'reopen', '--period', '2026-H1', '--reason', '复核'])
    const again = await t.ok(['assess', 'finalize', '--period', '2026-H1'])
    expect(again.stderr).not.toContain('improvement actions opened')
    expect(again.stderr).toContain('improvement actions of an earlier finalize of the period kept, not opened again: ACT-0001 IT')
    const actions = (await t.ok(['action', 'list', '--json'])).json()
    expect(actions.map((a: any) => [a.code, a.owner])).toEqual([['ACT-0001', 'IT']])
    // a third finalize is refused, and says how to change a final table
    const third = await t.run(['assess', 'finalize', '--period', '2026-H1'])
    expect(third.code).toBe(5)
    expect(third.stderr).toMatch(/^icm: 2026-H1 is already final \(since .*\) \(to change it: icm assess reopen --period 2026-H1 --reason /)
  })
})

describe('the annual evaluation, export and bonus', () => {
  it('combines the final half-years and lists the year\'s recognitions', async () => {
    const t = await workedExample()
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    await t.ok(['assess', 'finalize', '--period', '2026-H1'])
    await t.ok(['recognition', 'add', '--unit', 'IT', '--period', '2026-H1', '--reason', 'ERP 升级按期上线'])
    const annual = (await t.ok(['assess', 'annual', '--year', '2026', '--json'])).json()
    expect(annual.halfYears).toEqual(['2026-H1'])
    expect(annual.rows.find((r: any) => r.unit === 'IT')).toMatchObject({ H1: 79, H2: null, total: 79, grade: 'C', recognitions: ['2026-H1: ERP 升级按期上线'], rewards: 0 })
    // rewards: IT 1500.50 + 2000 = 3500.50; a person's reward belongs to no unit's row
    await t.ok(['recognition', 'add', '--unit', 'IT', '--period', '2026-Q2', '--reason', '协助月结', '--reward', '1500.50'])
    await t.ok(['recognition', 'add', '--unit', 'IT', '--period', '2026', '--reason', '年度最佳服务', '--reward', '2000'])
    await t.ok(['recognition', 'add', '--person', '李娜', '--period', '2026-H1', '--reason', '月结', '--reward', '800'])
    const rewarded = (await t.ok(['assess', 'annual', '--year', '2026', '--json'])).json()
    expect(rewarded.rows.find((r: any) => r.unit === 'IT')).toMatchObject({
      recognitions: ['2026-H1: ERP 升级按期上线', '2026: 年度最佳服务 (reward 2000.00)', '2026-Q2: 协助月结 (reward 1500.50)'],
      rewards: 3500.5,
    })
    const csv = (await t.ok(['assess', 'annual', '--year', '2026', '--csv'])).stdout.split('\r\n')
    expect(csv[0]).toBe('rank,unit,name,H1,H2,annual,grade,bonus,recognitions,rewards')
    expect(csv.find((l: string) => l.includes(',IT,'))).toMatch(/,3500\.50$/)
  })

  it('exports the table as formula-safe CSV, with a BOM for Excel', async () => {
    const t = await workedExample()
    await t.ok(['unit', 'update', 'FIN', '--name', '=HYPERLINK("x")'])
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    const out = path.join(t.dir, 'scores.csv')
    await t.ok(['assess', 'export', '--period', '2026-H1', '--out', out, '--excel'])
    const bytes = fs.readFileSync(out)
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const text = bytes.toString('utf8')
    expect(text).toContain('period,state,rank,unit,name,S,T,C,H,self,superior,total,grade,bonus,provisional\r\n')
    expect(text).toContain('2026-H1,draft,2,IT,信息技术部,75.0,75.0,70.0,90.0,80.0,90.0,79.0,C,1,\r\n')
    expect(text).toContain(`"'=HYPERLINK(""x"")"`)
  })

  it('computes each unit\'s bonus from a base file, and the total', async () => {
    const t = await workedExample()
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    const base = writeFile(t.dir, 'base.csv', 'unit,base_amount\nIT,10000\nHR,"12,000.50"\n')
    const r = (await t.ok(['assess', 'bonus', '--period', '2026-H1', '--base', base, '--json'])).json()
    // IT 10000 × 1.0 = 10000.00; HR (grade B) 12000.50 × 1.1 = 13200.55
    expect(r.units.map((u: any) => [u.unit, u.coefficient, u.bonus])).toEqual([
      ['IT', 1, 10000],
      ['HR', 1.1, 13200.55],
    ])
    expect(r.total).toBe(23200.55)
  })
})

describe('bad input', () => {
  it.each([
    ['a malformed period', ['assess', 'run', '--period', '2026-H3'], 3, /period/],
    ['a two-digit year period', ['assess', 'run', '--period', '26H1'], 3, /period/],
    ['a year as a period', ['assess', 'run', '--period', '2026'], 3, /half-year or a quarter/],
    ['an input above 100', ['assess', 'input', '--period', '2026-H1', '--unit', 'IT', '--self', '101'], 3, /--self must be a number from 0 to 100/],
    ['a negative input', ['assess', 'input', '--period', '2026-H1', '--unit', 'IT', '--superior', '-1'], 3, /--superior must be a number from 0 to 100/],
    ['an input that is not a number', ['assess', 'input', '--period', '2026-H1', '--unit', 'IT', '--self', 'good'], 3, /--self must be a number/],
    ['an input with no score', ['assess', 'input', '--period', '2026-H1', '--unit', 'IT'], 2, /give --self, --superior or both/],
    ['an unknown unit', ['assess', 'input', '--period', '2026-H1', '--unit', 'NOPE', '--self', '80'], 4, /unknown unit 'NOPE'/],
    ['finalize of a period never run', ['assess', 'finalize', '--period', '2026-H2'], 3, /2026-H2 has never been run/],
    ['reopen without a reason', ['assess', 'reopen', '--period', '2026-H1'], 2, /missing required option --reason/],
    ['an annual year with no final half-year', ['assess', 'annual', '--year', '2026'], 3, /2026 has no final half-year assessment/],
    ['show of a period never run', ['assess', 'show', '--period', '2026-H2'], 3, /has not been assessed yet/],
    ['an unknown level', ['assess', 'run', '--period', '2026-H1', '--level', 'team'], 3, /invalid level 'team'/],
    ['export with both --period and --year', ['assess', 'export', '--period', '2026-H1', '--year', '2026', '--out', 'x.csv'], 3, /exactly one of --period and --year/],
  ])('refuses %s', async (_what, args, code, message) => {
    const t = await workedExample()
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(message)
    expect(r.stdout).toBe('')
    expect(await dbState(t.db)).toBe(before)
  })

  it.each([
    ['an unknown unit', 'unit,base_amount\nIT,1000\nNOPE,500\n', /line 3: unknown unit 'NOPE'/],
    ['a negative amount', 'unit,base_amount\nIT,-1000\n', /line 2: base_amount -1000 is negative/],
    ['an amount that is not a number', 'unit,base_amount\nIT,lots\n', /is not a number/],
    ['a missing column', 'unit,amount\nIT,1000\n', /must name unit and base_amount/],
  ])('refuses a bonus base file with %s, printing nothing as if valid', async (_what, content, message) => {
    const t = await workedExample()
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    const base = writeFile(t.dir, 'base.csv', content)
    const r = await t.run(['assess', 'bonus', '--period', '2026-H1', '--base', base])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(message)
    expect(r.stdout).toBe('')
  })

  it('imports inputs all or nothing', async () => {
    const t = await workedExample()
    const good = writeFile(t.dir, 'in.csv', 'unit,self,superior\nFIN,70,75\nHR,,85\n')
    expect((await t.ok(['assess', 'import-inputs', '2026-H1', good, '--json'])).json()).toMatchObject({ imported: 2 })
    const bad = writeFile(t.dir, 'bad.csv', 'unit,self,superior\nFIN,60,60\nIT,120,80\n')
    const before = await dbState(t.db)
    const r = await t.run(['assess', 'import-inputs', '2026-H1', bad])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('line 3: self must be a number from 0 to 100')
    expect(await dbState(t.db)).toBe(before)
  })

  it('keeps the stored score for a blank cell or a missing column, as assess input does', async () => {
    const t = await workedExample() // HR: self 90, superior 80
    const blank = writeFile(t.dir, 'in.csv', '部门,自评,上级评分\n人力资源部,,85\nFIN,,\n')
    const imported = await t.ok(['assess', 'import-inputs', '2026-H1', blank, '--json'])
    expect(imported.json()).toMatchObject({ imported: 1, leftBlank: ['FIN'] })
    // FIN's row gives nothing: the note says so, not just a count of 1 for 2 rows
    expect(imported.stderr).toContain('icm: note: 1 row gives no score (its score cells are blank), so the stored scores stay as they were: FIN')
    const superiorOnly = writeFile(t.dir, 'sup.csv', 'unit,superior\nIT,95\n') // IT: self 80, superior 90
    await t.ok(['assess', 'import-inputs', '2026-H1', superiorOnly])
    const rows = (await t.ok(['assess', 'run', '--period', '2026-H1', '--json'])).json().rows
    expect(rows.map((r: any) => [r.unit, r.self, r.superior])).toEqual(expect.arrayContaining([['HR', 90, 85], ['IT', 80, 95], ['FIN', null, null]]))
    // the event log keeps what each unit had before
    const events = await queryRows<{ details: string }>(t.db, "select details from events where action = 'assess.import-inputs' order by id")
    expect(JSON.parse(events[0]!.details).inputs).toEqual([{ unit: 'HR', self: 90, superior: 85, before: { self: 90, superior: 80 } }])
  })

  it('takes the period of import-inputs as --period too, but only once', async () => {
    const t = await workedExample()
    const good = writeFile(t.dir, 'in.csv', 'unit,self,superior\nFIN,70,75\nHR,,85\n')
    expect((await t.ok(['assess', 'import-inputs', '--period', '2026-H1', good, '--json'])).json()).toMatchObject({ imported: 2 })
    const twice = await t.run(['assess', 'import-inputs', '--period', '2026-H1', '2026-H1', good])
    expect([twice.code, twice.stderr]).toEqual([2, expect.stringMatching(/^icm: the period is given twice/)])
    const noPeriod = await t.run(['assess', 'import-inputs', good])
    expect([noPeriod.code, noPeriod.stderr]).toEqual([2, expect.stringMatching(/^icm: missing required option --period/)])
    const asked = await t.run(['assess', 'import-inputs', good, '--json'], { tty: true, answers: ['2026上半年'] })
    expect([asked.code, asked.json().imported]).toEqual([0, 2])
  })
})

describe('importing inputs with the headers people write', () => {
  it('reads 部门,自评,上级评分 (and the traditional 單位,自評,上級評分) like unit,self,superior', async () => {
    const t = await workedExample()
    const zh = writeFile(t.dir, 'zh.csv', '部门,自评,上级评分\nFIN,70,75\n人力资源部,,85\n')
    expect((await t.ok(['assess', 'import-inputs', '2026-H1', zh, '--json'])).json()).toMatchObject({ imported: 2 })
    const tw = writeFile(t.dir, 'tw.csv', '單位,自評,上級評分（分）\nFIN,71,76\n')
    expect((await t.ok(['assess', 'import-inputs', '2026-H1', tw, '--json'])).json()).toMatchObject({ imported: 1 })
    const rows = await queryRows(t.db, "select i.self, i.superior from assessment_inputs i join units u on u.id = i.unit_id where u.code in ('FIN', 'HR') and i.period = '2026-H1' order by u.code")
    // HR's blank self keeps the 90 it had
    expect(rows.map((r) => [Number(r.self ?? NaN), Number(r.superior)])).toEqual([[71, 76], [90, 85]])
  })

  it('names both languages when the header has neither', async () => {
    const t = await workedExample()
    const r = await t.run(['assess', 'import-inputs', '2026-H1', writeFile(t.dir, 'x.csv', '名字,分数\nFIN,70\n')])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('(e.g. unit,self,superior (部门,自评,上级评分))')
  })
})

describe('importing inputs names the first bad line with its own exit code', () => {
  it('an unknown unit on the first bad line exits 4, counting the others', async () => {
    const t = await workedExample()
    const bad = writeFile(t.dir, 'bad.csv', 'unit,self,superior\nNOPE,60,60\nIT,120,80\n')
    const r = await t.run(['assess', 'import-inputs', '2026-H1', bad])
    expect(r.code).toBe(4)
    expect(r.stderr).toContain("line 2: unknown unit 'NOPE' (and 1 more bad line); nothing imported")
  })
})
