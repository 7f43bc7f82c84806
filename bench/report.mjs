// Report speed and size: `icm assess report` for the bench company of bench/assessment.mjs (200
// departments, 1,000,000 responses, 200,000 requests, 20,000 complaints, 5,000 projects in
// 2026-H1), end to end as a user runs it, and for the demo company; also `assess export --xlsx`.
// Goal (issue 17): under 2 s and under 3 MB for the bench company.
// Run: npm run build && node bench/report.mjs [runs]   (ICM_BENCH_DIR keeps the generated database)
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { generate } from './assessment.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const icm = path.join(root, 'dist', 'icm.js')
const runs = Number(process.argv[2] ?? 5)
const env = { ...process.env, ICM_NOW: '2026-07-01T10:00:00+08:00', TZ: 'Asia/Shanghai', NO_COLOR: '1' }
const dir = process.env.ICM_BENCH_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'icm-bench-report-'))
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

// CPU seconds (user + system) of each run too, through GNU time when there is one: on a busy
// machine the wall clock says more about the other processes than about icm.
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null

function icmRun(db, args) {
  const argv = [icm, '--db', db, ...args]
  const r = GNU_TIME
    ? spawnSync(GNU_TIME, ['-f', 'icm-cpu %U %S', process.execPath, ...argv], { env, cwd: dir, maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, argv, { env, cwd: dir, maxBuffer: 1 << 28 })
  if (r.status !== 0) throw new Error(`icm ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  const m = /icm-cpu ([\d.]+) ([\d.]+)/.exec(r.stderr.toString())
  return m ? (Number(m[1]) + Number(m[2])) * 1000 : null
}

function time(name, db, args, file) {
  const times = []
  const cpu = []
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint()
    const c = icmRun(db, args)
    times.push(Number(process.hrtime.bigint() - t) / 1e6)
    if (c !== null) cpu.push(c)
  }
  const size = file ? `  ${(fs.statSync(path.join(dir, file)).size / 1024).toFixed(0).padStart(6)} KB` : ''
  const cpuText = cpu.length > 0 ? ` (CPU ${median(cpu).toFixed(0)} ms)` : ''
  console.log(`  ${name.padEnd(58)} ${median(times).toFixed(0).padStart(6)} ms median of ${runs}${cpuText}${size}`)
}

const demo = path.join(dir, 'demo.db')
if (!fs.existsSync(demo)) icmRun(demo, ['demo'])
console.log('demo company (10 departments):')
time('icm assess report --period 2026-H1', demo, ['assess', 'report', '--period', '2026-H1', '--out', 'demo.html', '--yes'], 'demo.html')
time('icm assess export --period 2026-H1 --xlsx', demo, ['assess', 'export', '--period', '2026-H1', '--xlsx', 'demo.xlsx', '--yes'], 'demo.xlsx')
time('icm survey report 2026H1-SERVICE', demo, ['survey', 'report', '2026H1-SERVICE', '--out', 'demo-survey.html', '--yes'], 'demo-survey.html')
time('icm assess show --period 2026-H1 (for comparison)', demo, ['assess', 'show', '--period', '2026-H1'])

const bench = path.join(dir, 'icm.db')
if (!fs.existsSync(bench)) {
  const t0 = Date.now()
  generate(bench)
  console.log(`generated the bench company in ${((Date.now() - t0) / 1000).toFixed(0)} s`)
}
icmRun(bench, ['assess', 'run', '--period', '2026-H1'])
console.log('bench company (200 departments, 1M responses, 200k requests):')
time('icm assess report --period 2026-H1', bench, ['assess', 'report', '--period', '2026-H1', '--out', 'bench.html', '--yes'], 'bench.html')
time('icm assess export --period 2026-H1 --xlsx', bench, ['assess', 'export', '--period', '2026-H1', '--xlsx', 'bench.xlsx', '--yes'], 'bench.xlsx')
time('icm survey report 2026H1-SERVICE (400 rated units)', bench, ['survey', 'report', '2026H1-SERVICE', '--out', 'bench-survey.html', '--yes'], 'bench-survey.html')
if (!process.env.ICM_BENCH_DIR) fs.rmSync(dir, { recursive: true, force: true })
