import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dbState, writeFile } from '../helpers/harness.js'
import { workedExample } from '../helpers/scenarios.js'

/**
 * Bonuses for people (policy 8.四). The worked example's 2026-H1 tables: departments HR 81.0 B 1.1,
 * IT 79.0 C 1.0, FIN insufficient data; positions IT-HD (T 100, H 100) 100.0 A 1.2.
 */
const PEOPLE = 'person,unit,base_amount\n张伟,IT,10000\n李娜,IT-HD,8000\n王芳,HR,"12,000.50"\n赵磊,FIN,5000\n'

describe('bonuses for people', () => {
  it("takes a person's position row when positions were assessed, else the department's; totals per unit and overall; n/a with a warning", async () => {
    const t = await workedExample()
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    await t.ok(['assess', 'run', '--period', '2026-H1', '--level', 'position'])
    const base = writeFile(t.dir, 'people.csv', PEOPLE)
    const r = await t.ok(['assess', 'bonus', '--period', '2026-H1', '--base', base, '--json'])
    const json = r.json()
    // 张伟 10000 × 1.0 = 10000.00; 李娜 8000 × 1.2 = 9600.00 (IT-HD's own row); 王芳 12000.50 × 1.1 = 13200.55; 赵磊 n/a
    expect(json.people.map((p: any) => [p.person, p.unit, p.assessedAs, p.grade, p.coefficient, p.base, p.bonus])).toEqual([
      ['张伟', 'IT', 'IT', 'C', 1, 10000, 10000],
      ['李娜', 'IT-HD', 'IT-HD', 'A', 1.2, 8000, 9600],
      ['王芳', 'HR', 'HR', 'B', 1.1, 12000.5, 13200.55],
      ['赵磊', 'FIN', 'FIN', null, null, 5000, null],
    ])
    expect(json).toMatchObject({ period: '2026-H1', levels: ['department', 'position'], state: 'draft', baseTotal: 35000.5, total: 32800.55, missing: ['赵磊'] })
    expect(json.units).toEqual([
      { unit: 'IT', people: 1, baseTotal: 10000, total: 10000 },
      { unit: 'IT-HD', people: 1, baseTotal: 8000, total: 9600 },
      { unit: 'HR', people: 1, baseTotal: 12000.5, total: 13200.55 },
      { unit: 'FIN', people: 1, baseTotal: 5000, total: 0 },
    ])
    expect(r.stderr).toContain('no grade (insufficient data) for 赵磊 (FIN): their bonus is n/a, not 0')
    const text = (await t.ok(['assess', 'bonus', '--period', '2026-H1', '--base', base])).stdout.split('\n')
    expect(text[0]).toBe('person\tunit\tassessed as\tgrade\tcoefficient\tbase\tbonus')
    expect(text).toContain('赵磊\tFIN\tFIN\t\t\t5000.00\tn/a')
    expect(text).toContain('total IT-HD\tIT-HD\t\t\t\t8000.00\t9600.00')
    expect(text).toContain('total\t\t\t\t\t35000.50\t32800.55')
  })

  it("takes the department's row without a position table, or with --level department; reads Chinese headers; writes the sheet with --out", async () => {
    const t = await workedExample()
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    const base = writeFile(t.dir, 'people.csv', '姓名,部门,奖金基数\n李娜,IT-HD,8000\n王芳,人力资源部,1000\n')
    const out = path.join(t.dir, 'payroll.csv')
    const r = await t.ok(['assess', 'bonus', '--period', '2026-H1', '--base', base, '--out', out, '--json'])
    // 李娜 in IT-HD counts as IT (C 1.0): 8000; 王芳 HR 1000 × 1.1 = 1100
    expect(r.json().people.map((p: any) => [p.person, p.unit, p.assessedAs, p.bonus])).toEqual([
      ['李娜', 'IT-HD', 'IT', 8000],
      ['王芳', 'HR', 'HR', 1100],
    ])
    expect(r.stderr).toContain(`2 people's bonuses written to ${out}`)
    expect(fs.readFileSync(out, 'utf8')).toBe('\uFEFFtable,person,unit,assessed_as,grade,coefficient,base_amount,amount\r\n2026-H1,李娜,IT-HD,IT,C,1,8000.00,8000.00\r\n2026-H1,王芳,HR,HR,B,1.1,1000.00,1100.00\r\n')
    // an existing file needs --yes
    const again = await t.run(['assess', 'bonus', '--period', '2026-H1', '--base', base, '--out', out])
    expect(again.code).toBe(3)
    const overInput = await t.run(['assess', 'bonus', '--period', '2026-H1', '--base', base, '--out', base, '--yes'])
    expect([overInput.code, overInput.stderr]).toEqual([3, expect.stringContaining('which this command reads')])
    await t.ok(['assess', 'run', '--period', '2026-H1', '--level', 'position'])
    const byDept = (await t.ok(['assess', 'bonus', '--period', '2026-H1', '--base', base, '--level', 'department', '--json'])).json()
    expect(byDept.people[0]).toMatchObject({ assessedAs: 'IT', bonus: 8000 })
    expect(byDept.levels).toEqual(['department'])
  })

  it('writes a unit sheet with --out too', async () => {
    const t = await workedExample()
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    const base = writeFile(t.dir, 'units.csv', 'unit,base_amount\nIT,10000\nFIN,500\n')
    const out = path.join(t.dir, 'units-out.csv')
    await t.ok(['assess', 'bonus', '--period', '2026-H1', '--base', base, '--out', out])
    expect(fs.readFileSync(out, 'utf8')).toBe('\uFEFFtable,unit,name,grade,coefficient,base_amount,amount\r\n2026-H1,IT,信息技术部,C,1,10000.00,10000.00\r\n2026-H1,FIN,财务部,,,500.00,n/a\r\n')
  })

  it.each([
    ['people and units mixed', 'person,unit,base_amount\n张伟,IT,1000\n李娜,HR,1000\n,HR,2000\n', 3, /line 4 is a unit row \(no person\), but line 2 is a person row \('张伟'\)/],
    ['a person listed twice', 'person,unit,base_amount\n张伟,IT,1000\n李娜,HR,2000\n张伟,HR,3000\n', 3, /'张伟' is listed twice \(lines 2 and 4\)/],
    ["a person's unit unknown", 'person,unit,base_amount\n张伟,IT,1000\n李娜,NOPE,2000\n', 4, /line 3: unknown unit 'NOPE'/],
    ['a negative base', 'person,unit,base_amount\n张伟,IT,-5\n', 3, /line 2: base_amount -5 is negative/],
  ])('refuses %s, printing and writing nothing', async (_what, content, code, message) => {
    const t = await workedExample()
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    const base = writeFile(t.dir, 'people.csv', content)
    const out = path.join(t.dir, 'never.csv')
    const before = await dbState(t.db)
    const r = await t.run(['assess', 'bonus', '--period', '2026-H1', '--base', base, '--out', out])
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(message)
    expect(r.stdout).toBe('')
    expect(fs.existsSync(out)).toBe(false)
    expect(await dbState(t.db)).toBe(before)
  })

  it('refuses people in a period whose department table was never run (exit 3), and --level position without a position table', async () => {
    const t = await workedExample()
    await t.ok(['assess', 'run', '--period', '2026-H1', '--level', 'position'])
    const base = writeFile(t.dir, 'people.csv', 'person,unit,base_amount\n张伟,IT,1000\n')
    const r = await t.run(['assess', 'bonus', '--period', '2026-H1', '--base', base])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('2026-H1 has not been assessed yet')
    const t2 = await workedExample()
    await t2.ok(['assess', 'run', '--period', '2026-H1'])
    const r2 = await t2.run(['assess', 'bonus', '--period', '2026-H1', '--base', writeFile(t2.dir, 'p.csv', 'person,unit,base_amount\n张伟,IT,1000\n'), '--level', 'position'])
    expect(r2.code).toBe(3)
    expect(r2.stderr).toContain('2026-H1 (position) has not been assessed yet')
  })
})
