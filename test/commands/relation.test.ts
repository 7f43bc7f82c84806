import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES, cli, dbState, writeFile } from '../helpers/harness.js'

/**
 * IT serves HR and FIN (links). In 2026-H1, HR rated IT twice (overall 3 and 4, loyalty 3 and 3),
 * FIN rated IT once (5, loyalty 5), and SALES rated ADM once (2) though ADM→SALES is not in the
 * map; IT visited HR twice and FIN once.
 */
async function withData() {
  const t = cli()
  await t.ok(['unit', 'import', path.join(FIXTURES, 'org.csv')])
  await t.ok(['link', 'add', '--supplier', 'IT', '--customer', 'HR', '--provides', '考勤系统维护'])
  await t.ok(['link', 'add', '--supplier', 'IT', '--customer', 'FIN', '--provides', 'ERP系统支持'])
  await t.ok(['survey', 'create', 'H1', '--title', 'h1', '--period', '2026-H1'])
  await t.ok(['survey', 'create', 'REL', '--title', 'q2 relationship', '--period', '2026-Q2', '--kind', 'relationship'])
  await t.ok(['survey', 'create', 'H2', '--title', 'h2', '--period', '2026-H2'])
  await t.ok(['survey', 'import', 'H1', writeFile(t.dir, 'h1.csv', 'ID,respondent_unit,rated_unit,overall,loyalty\n1,HR,IT,3,3\n2,FIN,IT,5,5\n3,SALES,ADM,2,\n')])
  await t.ok(['survey', 'import', 'REL', writeFile(t.dir, 'rel.csv', 'ID,respondent_unit,rated_unit,overall,loyalty\n1,HR,IT,4,3\n')])
  await t.ok(['survey', 'import', 'H2', writeFile(t.dir, 'h2.csv', 'ID,respondent_unit,rated_unit,overall,loyalty\n1,HR,IT,1,1\n')])
  await t.ok(['visit', 'log', '--by', 'IT', '--customer', 'HR', '--date', '2026-02-10'])
  await t.ok(['visit', 'log', '--by', 'IT', '--customer', 'HR', '--date', '2026-05-10'])
  await t.ok(['visit', 'log', '--by', 'IT', '--customer', 'FIN', '--date', '2026-03-10'])
  await t.ok(['visit', 'log', '--by', 'IT', '--customer', 'FIN', '--date', '2026-07-01'])
  return t
}

describe('icm relation assess', () => {
  it('scores every pair of the map and every pair rated in the period (DESIGN.md §3 relationship index)', async () => {
    const t = await withData()
    const r = (await t.ok(['relation', 'assess', '--period', '2026-H1', '--json'])).json()
    expect(r).toEqual([
      {
        period: '2026-H1',
        threshold: 60,
        supplier: 'ADM',
        supplierName: '行政部',
        customer: 'SALES',
        customerName: '销售部',
        inMap: false,
        responses: 1,
        visitRatings: 0,
        satisfaction: 25,
        loyalty: null,
        requests: 0,
        visits: 0,
        projects: 0,
        frequencyCount: 0,
        frequency: 0,
        // (0.5·25 + 0.2·0) / 0.7
        index: 17.9,
        flagged: true,
        action: null,
      },
      {
        period: '2026-H1',
        threshold: 60,
        supplier: 'IT',
        supplierName: '信息技术部',
        customer: 'FIN',
        customerName: '财务部',
        inMap: true,
        responses: 1,
        visitRatings: 0,
        satisfaction: 100,
        loyalty: 100,
        requests: 0,
        visits: 1,
        projects: 0,
        frequencyCount: 1,
        frequency: 8.3,
        // 0.5·100 + 0.3·100 + 0.2·8.3
        index: 81.7,
        flagged: false,
        action: null,
      },
      {
        period: '2026-H1',
        threshold: 60,
        supplier: 'IT',
        supplierName: '信息技术部',
        customer: 'HR',
        customerName: '人力资源部',
        inMap: true,
        // the service survey's 3 and the relationship survey's 4: mean 3.5 → 62.5; loyalty 3 → 50
        responses: 2,
        visitRatings: 0,
        satisfaction: 62.5,
        loyalty: 50,
        requests: 0,
        visits: 2,
        projects: 0,
        frequencyCount: 2,
        frequency: 16.7,
        // 0.5·62.5 + 0.3·50 + 0.2·16.7 = 31.25 + 15 + 3.34
        index: 49.6,
        flagged: true,
        action: null,
      },
    ])
  })

  it('counts the requests whose response was due in the period', async () => {
    const t = await withData()
    for (let i = 0; i < 6; i++) await t.ok(['request', 'log', '--from', 'HR', '--to', 'IT', '--title', `需求${i}`, '--at', '2026-03-02T09:00'])
    await t.ok(['request', 'log', '--from', 'IT', '--to', 'HR', '--title', '反方向', '--at', '2026-03-02T09:00'])
    const hr = (await t.ok(['relation', 'assess', '--period', '2026-H1', '--json'])).json().find((p: any) => p.customer === 'HR')
    // 6 requests + 2 visits of 12 → 66.7; 0.5·62.5 + 0.3·50 + 0.2·66.7 = 59.6
    expect(hr).toMatchObject({ requests: 6, visits: 2, frequencyCount: 8, frequency: 66.7, index: 59.6, flagged: true })
  })

  it('counts the collaboration projects a pair shares (not cancelled ones)', async () => {
    const t = await withData()
    const project = async (due: string) => {
      await t.ok(['project', 'add', '--name', `项目 ${due}`, '--owner', 'HR', '--start', '2026-02-01', '--due', due, '--at', '2026-02-01T10:00'])
    }
    await project('2026-03-31')
    await project('2026-05-31')
    await project('2026-06-30')
    for (const code of ['PRJ-0001', 'PRJ-0002', 'PRJ-0003']) await t.ok(['project', 'member', code, '--unit', 'IT', '--duty', '系统支持', '--at', '2026-02-02T10:00'])
    await t.ok(['project', 'cancel', 'PRJ-0003', '--reason', '取消', '--at', '2026-02-03T10:00'])
    const hr = (await t.ok(['relation', 'assess', '--period', '2026-H1', '--json'])).json().find((p: any) => p.supplier === 'IT' && p.customer === 'HR')
    // 0 requests + 2 visits + 2 shared projects = 4 of 12 → 33.3
    expect(hr).toMatchObject({ projects: 2, frequencyCount: 4, frequency: 33.3 })
    // Q3 lies in H2: the H2 survey serves it (HR rated IT 1, loyalty 1 → 0 and 0); no contact in Q3 → index 0
    const q3 = (await t.ok(['relation', 'assess', '--period', '2026-Q3', '--json'])).json().find((p: any) => p.customer === 'HR')
    expect(q3).toMatchObject({ requests: 0, responses: 1, satisfaction: 0, loyalty: 0, projects: 0, index: 0, flagged: true })
  })

  it('takes the threshold from --threshold, else from relation.threshold', async () => {
    const t = await withData()
    const low = (await t.ok(['relation', 'assess', '--period', '2026-H1', '--threshold', '40', '--json'])).json()
    expect(low.filter((p: any) => p.flagged).map((p: any) => p.customer)).toEqual(['SALES'])
    await t.ok(['config', 'set', 'relation.threshold', '90'])
    const high = (await t.ok(['relation', 'assess', '--period', '2026-H1', '--json'])).json()
    expect(high.filter((p: any) => p.flagged)).toHaveLength(3)
  })

  it('opens one improvement action per flagged pair with --create-actions, never twice for a pair and period', async () => {
    const t = await withData()
    const first = await t.ok(['relation', 'assess', '--period', '2026-H1', '--create-actions', '--json'])
    expect(first.json().map((p: any) => [p.supplier, p.customer, p.action])).toEqual([
      ['ADM', 'SALES', 'ACT-0001'],
      ['IT', 'FIN', null],
      ['IT', 'HR', 'ACT-0002'],
    ])
    expect(first.stderr).toContain('✓ 2 improvement actions opened for flagged pairs')
    const actions = (await t.ok(['action', 'list', '--json'])).json()
    expect(actions[1]).toMatchObject({ code: 'ACT-0002', owner: 'IT', source: 'relation', sourceRef: '2026-H1 IT→HR', due: '2026-07-31', status: 'open' })
    const before = await dbState(t.db)
    const second = await t.ok(['relation', 'assess', '--period', '2026-H1', '--create-actions'])
    expect(second.stderr).toContain('no new improvement action')
    expect(second.stdout).toContain('IT\tHR\t2\t62.5\t50.0\t0\t2\t0\t16.7\t49.6\tbelow 60\tACT-0002')
    expect(await dbState(t.db)).toBe(before)
    const log = (await t.ok(['log', '--entity', '2026-H1', '--json'])).json()
    expect(log.map((e: any) => e.action)).toEqual(['relation.assess'])
  })

  it('prints a caption with the formula on a terminal and tab-separated rows when piped', async () => {
    const t = await withData()
    const r = await t.ok(['relation', 'assess', '--period', '2026-H1'])
    expect(r.stdout.split('\n')[0]).toBe('supplier\tcustomer\tresponses\tsatisfaction\tloyalty\trequests\tvisits\tprojects\tfrequency\tindex\tflag\taction')
    const tty = await t.ok(['relation', 'assess', '--period', '2026-H1'], { tty: true })
    expect(tty.stdout).toContain('2026-H1: index = 0.5·satisfaction + 0.3·loyalty + 0.2·frequency (100 at 12 contacts: requests + visits + shared projects); 2 of 3 pairs below 60')
  })

  it.each([
    ['a missing period without a terminal', ['relation', 'assess'], 2, /missing required option --period/],
    ['a bad period', ['relation', 'assess', '--period', 'H1'], 3, /invalid period 'H1'/],
    ['a threshold above 100', ['relation', 'assess', '--period', '2026-H1', '--threshold', '101'], 3, /--threshold must be a whole number from 0 to 100/],
  ])('refuses %s with its exit code and no change', async (_what, args, code, message) => {
    const t = await withData()
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect([r.code, r.stdout]).toEqual([code, ''])
    expect(r.stderr).toMatch(message)
    expect(await dbState(t.db)).toBe(before)
  })
})

describe('icm relation assess by quarter (policy 6.三.2 每季度或每半年)', () => {
  // withData, and in Q2: IT visits HR again on 06-15 (satisfaction 5); ADM visits IT (satisfaction 4);
  // HR asks FIN twice. Surveys serving Q2: H1 (contains it) and REL (the Q2 relationship survey).
  async function q2Data() {
    const t = await withData()
    await t.ok(['visit', 'log', '--by', 'IT', '--customer', 'HR', '--date', '2026-06-15', '--satisfaction', '5'])
    await t.ok(['visit', 'log', '--by', 'ADM', '--customer', 'IT', '--date', '2026-04-20', '--satisfaction', '4'])
    for (const n of [1, 2]) await t.ok(['request', 'log', '--from', 'HR', '--to', 'FIN', '--title', `报销 ${n}`, '--at', '2026-04-01T10:00'])
    return t
  }

  it('lists every pair with activity in the quarter, with the half-year survey serving it and visit satisfaction counted', async () => {
    const t = await q2Data()
    const rows = (await t.ok(['relation', 'assess', '--period', '2026-Q2', '--json'])).json()
    expect(rows.map((r: any) => [r.supplier, r.customer, r.inMap, r.responses, r.visitRatings, r.satisfaction, r.loyalty, r.requests, r.visits, r.frequency, r.index, r.flagged])).toEqual([
      // visit rated 4 → 75; 1 visit of 12 → 8.3; (0.5·75 + 0.2·8.3) / 0.7 = 55.9
      ['ADM', 'IT', false, 0, 1, 75, null, 0, 1, 8.3, 55.9, true],
      // the H1 survey serves Q2: SALES rated ADM 2 → 25; 0.5·25 / 0.7 = 17.9
      ['ADM', 'SALES', false, 1, 0, 25, null, 0, 0, 0, 17.9, true],
      // two requests, no rating → no index
      ['FIN', 'HR', false, 0, 0, null, null, 2, 0, 16.7, null, false],
      // FIN rated IT 5, loyalty 5 in H1; no contact in Q2 → 0.5·100 + 0.3·100 + 0 = 80
      ['IT', 'FIN', true, 1, 0, 100, 100, 0, 0, 0, 80, false],
      // (3 + 4 + visit 5) / 3 = 4 → 75; loyalty 3 → 50; 2 visits → 16.7; 37.5 + 15 + 3.34 = 55.8
      ['IT', 'HR', true, 2, 1, 75, 50, 0, 2, 16.7, 55.8, true],
    ])
  })

  it('explains one pair line by line (--explain SUPPLIER:CUSTOMER)', async () => {
    const t = await q2Data()
    const out = (await t.ok(['relation', 'assess', '--period', '2026-Q2', '--explain', 'IT:HR'])).stdout
    expect(out.split('\n')).toEqual([
      'IT 信息技术部 → HR 人力资源部, 2026-Q2',
      '  surveys serving the period (within it, or containing it): H1 (2026-H1), REL (2026-Q2)',
      '',
      'satisfaction = 75.0   (weight 0.5)',
      '  2 survey responses of HR rating IT, values adding up to 7; 1 visit with a satisfaction, adding up to 5',
      '  mean (7 + 5) / (2 + 1) = 4.00 → (4.00 − 1) / 4 × 100 = 75.0',
      '',
      'loyalty = 50.0   (weight 0.3)',
      '  2 answers adding up to 6: mean 3.00 → (3.00 − 1) / 4 × 100 = 50.0',
      '',
      'frequency = 16.7   (weight 0.2)',
      '  0 requests + 2 visits + 0 shared projects = 2 contacts; 100 at relation.frequent = 12',
      '  min(100, 100 × 2 / 12) = 16.7',
      '',
      'index = (0.5×75.0 + 0.3×50.0 + 0.2×16.7) / 1 = 55.8',
      '  below relation.threshold 60 → flagged',
      '',
    ])
    const adm = (await t.ok(['relation', 'assess', '--period', '2026-Q2', '--explain', 'ADM→IT'])).stdout
    expect(adm).toContain('ADM 行政部 → IT 信息技术部, 2026-Q2 (not in the customer map: its activity in the period brings it in)')
    expect(adm).toContain('index = (0.5×75.0 + 0.2×8.3) / 0.7 = 55.9   (a part is n/a: the other weights renormalised)')
    const json = (await t.ok(['relation', 'assess', '--period', '2026-Q2', '--explain', 'IT:HR', '--json'])).json()
    expect(json).toMatchObject({ supplier: 'IT', customer: 'HR', index: 55.8, satisfactionMean: 4, surveys: [{ code: 'H1' }, { code: 'REL' }] })
    expect(json.explanation).toContain('  below relation.threshold 60 → flagged')
  })

  it.each([
    ['a pair without activity', ['relation', 'assess', '--period', '2026-Q2', '--explain', 'HR:SALES'], 4, /HR→SALES has no activity in 2026-Q2 and is not in the customer map/],
    ['an unknown unit', ['relation', 'assess', '--period', '2026-Q2', '--explain', 'IT:NOPE'], 4, /NOPE/],
    ['a pair without a customer', ['relation', 'assess', '--period', '2026-Q2', '--explain', 'IT'], 3, /invalid pair 'IT'/],
    ['--explain with --create-actions', ['relation', 'assess', '--period', '2026-Q2', '--explain', 'IT:HR', '--create-actions'], 3, /--explain shows one pair/],
  ])('refuses %s with its exit code and no change', async (_what, args, code, message) => {
    const t = await q2Data()
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect([r.code, r.stdout]).toEqual([code, ''])
    expect(r.stderr).toMatch(message)
    expect(await dbState(t.db)).toBe(before)
  })
})
