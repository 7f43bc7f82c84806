// The wide survey import benchmark (issue 16, "Speed"): a generated matrix export, one row per
// respondent rating 10 units on five dimensions (a column per unit and dimension: `华东财务部-准确性`,
// `对华东财务部的总体满意度` …, 54 columns), each unit answered with probability 0.95 and a
// respondent rating their own unit now and then (skipped and counted), imported with the CLI.
// Prints responses per second (goal: at least 150,000), rows per second, wall time and peak memory.
//
// Run: npm run build && node bench/survey-wide.mjs [respondents] [--runs N]
//   respondents default 100,000 (about 950,000 responses)
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { mulberry32, UNIT_PREFIX, UNIT_KIND } from './lib/random.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const icm = path.join(root, 'dist', 'icm.js')
if (!fs.existsSync(icm)) throw new Error(`build first: npm run build (no ${icm})`)
const respondents = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--runs') ?? 100_000)
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) || 1 : 1

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icm-bench-wide-'))
const csv = path.join(dir, 'wide.csv')
const org = path.join(dir, 'org.csv')

const rand = mulberry32(20261128)
const PREFIX = UNIT_PREFIX
const KIND = UNIT_KIND
const units = []
for (let i = 0; i < 100; i++) units.push({ code: `U${String(i + 1).padStart(3, '0')}`, name: `${PREFIX[Math.floor(i / 10)]}${KIND[i % 10]}` })
fs.writeFileSync(org, 'code,name,kind\n' + units.map((u) => `${u.code},${u.name},department`).join('\n') + '\n')

// the 10 rated units: one of each kind, from different regions
const rated = KIND.map((_, k) => units[k * 10 + k])
const DIMS = ['准确性', '及时性', '完整性', '专业性']
const header = ['答卷编号', '您所在的部门', ...rated.flatMap((u) => [...DIMS.map((d) => `${u.name}-${d}`), `对${u.name}的总体满意度`]), '提交答卷时间', '意见建议']
const pad = (n) => String(n).padStart(2, '0')
const fd = fs.openSync(csv, 'w')
let buf = header.join(',') + '\n'
for (let i = 1; i <= respondents; i++) {
  // one respondent in 50 belongs to a rated unit (their own unit's answers are skipped)
  const respondent = rand() < 0.02 ? rated[Math.floor(rand() * 10)] : units[Math.floor(rand() * 100)]
  const cells = [String(i), rand() < 0.5 ? respondent.code : respondent.name]
  for (let u = 0; u < 10; u++) {
    const answered = rand() < 0.95
    for (let d = 0; d < 5; d++) cells.push(answered ? String(1 + Math.floor(rand() * 5)) : '')
  }
  cells.push(`2026-${pad(1 + Math.floor(rand() * 6))}-${pad(1 + Math.floor(rand() * 28))} ${pad(8 + Math.floor(rand() * 12))}:${pad(Math.floor(rand() * 60))}:${pad(Math.floor(rand() * 60))}`)
  cells.push(rand() < 0.3 ? '整体不错希望流程再简化一些' : '')
  buf += cells.join(',') + '\n'
  if (buf.length > 1 << 20) {
    fs.writeSync(fd, buf)
    buf = ''
  }
}
fs.writeSync(fd, buf)
fs.closeSync(fd)
const mb = (fs.statSync(csv).size / 1e6).toFixed(1)
const timeV = fs.existsSync('/usr/bin/time')

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

const results = []
for (let i = 0; i < runs; i++) {
  const db = path.join(dir, `icm-${i}.db`)
  const env = { ...process.env, ICM_DB: db, ICM_ACTOR: 'bench', NO_COLOR: '1' }
  execFileSync(process.execPath, [icm, 'unit', 'import', org], { env, stdio: 'ignore' })
  execFileSync(process.execPath, [icm, 'survey', 'create', 'BENCH', '--title', 'bench', '--period', '2026-H1'], { env, stdio: 'ignore' })
  const cmd = [icm, 'survey', 'import', 'BENCH', csv, '--json']
  const t0 = process.hrtime.bigint()
  const r = timeV ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...cmd], { env, encoding: 'utf8' }) : spawnSync(process.execPath, cmd, { env, encoding: 'utf8' })
  const wall = Number(process.hrtime.bigint() - t0) / 1e9
  if (r.status !== 0) throw new Error(`icm survey import exited ${r.status}: ${r.stderr}`)
  const summary = JSON.parse(r.stdout)
  const rss = timeV ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]) / 1024 : NaN
  results.push({ wall, rss, summary })
  fs.rmSync(db, { force: true })
}
const wall = median(results.map((r) => r.wall))
const s = results[0].summary
console.log(`\nwide survey import: ${respondents.toLocaleString('en-US')} respondents × 10 units (${mb} MB, ${header.length} columns), median of ${runs} run${runs === 1 ? '' : 's'} (node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`)
console.log(`  ${s.responses.toLocaleString('en-US')} responses imported (${s.imported.toLocaleString('en-US')}), ${s.selfRatingsSkipped.toLocaleString('en-US')} own-unit ratings skipped`)
console.log(`  ${wall.toFixed(2)} s  ${Math.round(s.responses / wall).toLocaleString('en-US')} responses/s (goal: at least 150,000)  ${Math.round(respondents / wall).toLocaleString('en-US')} rows/s  peak ${Math.max(...results.map((r) => r.rss)).toFixed(0)} MB`)
fs.rmSync(dir, { recursive: true, force: true })
