import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES, spawnIcm, tempDir, testDatabase } from '../helpers/harness.js'

describe('the built icm binary', () => {
  it('prints its version', async () => {
    const r = await spawnIcm(['--version'], { cwd: tempDir() })
    expect(r.code).toBe(0)
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('imports the fixture organisation and lists it as JSON, using ICM_DB', async () => {
    const cwd = tempDir()
    const env = { ICM_DB: testDatabase(cwd, 'company.db'), ICM_ACTOR: 'e2e' }
    const imp = await spawnIcm(['unit', 'import', path.join(FIXTURES, 'org.csv'), '--json'], { cwd, env })
    expect(imp.code).toBe(0)
    expect(JSON.parse(imp.stdout)).toMatchObject({ imported: 18 })
    const list = await spawnIcm(['unit', 'list', '--kind', 'department', '--json'], { cwd, env })
    expect(JSON.parse(list.stdout).map((u: any) => u.code)).toEqual(['ADM', 'FIN', 'HR', 'IT', 'PROD', 'PUR', 'QA', 'RD', 'SALES', 'WH'])
    const log = await spawnIcm(['log', '--json'], { cwd, env })
    expect(JSON.parse(log.stdout)[0]).toMatchObject({ actor: 'e2e', action: 'unit.import' })
  })

  it('builds the demo in ./icm-demo.db by default and prints the customer map', async () => {
    const cwd = tempDir()
    const r = await spawnIcm(['demo'], { cwd })
    expect(r.code).toBe(0)
    expect(fs.existsSync(path.join(cwd, 'icm-demo.db'))).toBe(true)
    expect(r.stdout.split('\n')[0]).toBe('supplier\tcustomer\tprovides\tsources')
    expect(r.stdout).toContain('process:P2P#1→#2')
  })

  it.each([
    [['unit', 'show', 'NOPE', '--json'], {}, 4, /^icm: unknown unit 'NOPE' \(see icm unit list\)\n$/],
    [['unit', 'add', 'X', '--kind', 'department'], {}, 2, /^icm: missing required option --name/],
    [['config', 'set', 'sla.response_hours', 'soon'], {}, 3, /^icm: sla.response_hours must be a number/],
    [['frobnicate'], {}, 2, /^icm: unknown command 'frobnicate'/],
    [['today'], { ICM_NOW: 'garbage' }, 3, /^icm: ICM_NOW is not a date-time: 'garbage' \(/],
  ])('%j (env %j) exits %i with one line on stderr, nothing on stdout, no stack trace', async (args, env, code, message) => {
    const cwd = tempDir()
    const db = testDatabase(cwd)
    expect((await spawnIcm(['init'], { cwd, env: { ICM_DB: db } })).code).toBe(0)
    const r = await spawnIcm(args, { cwd, env: { ICM_DB: db, ...env } })
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(message)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(r.stdout).toBe('')
  })

  it('refuses a non-SQLite --db with exit 3 and leaves the file as it was', async () => {
    const cwd = tempDir()
    const file = path.join(cwd, 'budget.xlsx')
    fs.writeFileSync(file, 'PK\u0003\u0004 not a database')
    const r = await spawnIcm(['--db', file, 'init'], { cwd })
    expect(r.code).toBe(3)
    expect(fs.readFileSync(file, 'utf8')).toBe('PK\u0003\u0004 not a database')
  })
})
