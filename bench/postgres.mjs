// SQLite next to PostgreSQL, in one script: `icm survey import` of the generated 1,000,000-row
// survey file, and `icm assess run` on the large bench company (200 departments, 1M responses,
// 200k requests, 20k complaints, 5k projects), which is built in SQLite and moved to the server
// with `icm db copy`. Needs a local server: ICM_BENCH_PG_URL (or ICM_TEST_PG_URL), e.g.
// postgres://icm:icm@127.0.0.1:5432/icm_bench — each run uses fresh schemas in it.
// Run: npm run build && ICM_BENCH_PG_URL=… node bench/postgres.mjs [rows] [runs]
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const icm = path.join(root, 'dist', 'icm.js')
const pgUrl = process.env.ICM_BENCH_PG_URL ?? process.env.ICM_TEST_PG_URL
if (!pgUrl) throw new Error('set ICM_BENCH_PG_URL to a PostgreSQL database this benchmark may write schemas into')
const rows = Number(process.argv[2] ?? 1_000_000)
const runs = Number(process.argv[3] ?? 3)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icm-bench-pg-'))
const baseEnv = { ...process.env, TZ: 'Asia/Shanghai', NO_COLOR: '1', ICM_NOW: '2026-07-01T10:00:00+08:00' }
const schemaUrl = (name) => `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}schema=${name}_${process.pid}`
const icmRun = (db, args) => {
  const t = process.hrtime.bigint()
  const r = spawnSync(process.execPath, [icm, ...args], { env: { ...baseEnv, ICM_DB: db }, maxBuffer: 1 << 28, cwd: dir })
  if (r.status !== 0) throw new Error(`icm ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  return Number(process.hrtime.bigint() - t) / 1e6
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

console.log(`generating a ${rows}-row survey file …`)
const csv = path.join(dir, 'survey.csv')
const org = path.join(dir, 'org.csv')
execFileSync(process.execPath, [path.join(root, 'bench', 'gen-survey-csv.mjs'), csv, org, String(rows)], { stdio: 'ignore' })

console.log(`survey import of ${rows} rows (${(fs.statSync(csv).size / 1e6).toFixed(0)} MB), median of ${runs}:`)
for (const backend of ['sqlite', 'postgres']) {
  const times = []
  for (let i = 0; i < runs; i++) {
    const db = backend === 'sqlite' ? path.join(dir, `import-${i}.db`) : schemaUrl(`bench_import_${i}`)
    icmRun(db, ['unit', 'import', org])
    icmRun(db, ['survey', 'create', 'S', '--title', 'bench', '--period', '2026-H1'])
    times.push(icmRun(db, ['survey', 'import', 'S', csv]))
    if (backend === 'sqlite') fs.rmSync(db, { force: true })
  }
  const ms = median(times)
  console.log(`  ${backend.padEnd(9)} ${(ms / 1000).toFixed(2).padStart(7)} s   ${Math.round(rows / (ms / 1000)).toLocaleString('en').padStart(9)} rows/s`)
}

console.log('assess run on the large bench company (built in SQLite, copied to PostgreSQL with icm db copy):')
const { generate } = await import('./assessment.mjs')
const company = path.join(dir, 'company.db')
generate(company)
const target = schemaUrl('bench_company')
const copyMs = icmRun(company, ['db', 'copy', '--to', target])
console.log(`  icm db copy of the company to PostgreSQL: ${(copyMs / 1000).toFixed(1)} s`)
for (const [backend, db] of [['sqlite', company], ['postgres', target]]) {
  const run = median(Array.from({ length: runs }, () => icmRun(db, ['assess', 'run', '--period', '2026-H1', '--json'])))
  const explain = median(Array.from({ length: runs }, () => icmRun(db, ['assess', 'explain', '--period', '2026-H1', '--unit', 'D042'])))
  console.log(`  ${backend.padEnd(9)} assess run ${run.toFixed(0).padStart(6)} ms   assess explain ${explain.toFixed(0).padStart(5)} ms`)
}
fs.rmSync(dir, { recursive: true, force: true })
