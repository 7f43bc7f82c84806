// The survey import benchmark (issue 5, "Speed"): a generated 1,000,000-row survey export (100
// units, Chinese comments of 10–40 characters, some quoted with commas, quotes and line breaks;
// about 140 MB) imported with the CLI, next to the Debian `sqlite3` shell's `.mode csv` +
// `.import` of the same file as the native reference; then `survey results` on the million rows.
// Prints rows per second, wall time and peak memory (/usr/bin/time -v) of each, and the medians of
// icm's own step times (ICM_DEBUG=1). The shell and icm run in turn, so a slow spell of a shared
// machine slows both.
//
// Run: npm run build && node bench/survey-import.mjs [rows] [--runs N] [--variants] [--icm FILE]
//   --variants  also times the import with the stage worker off (ICM_IMPORT_WORKER=0) and a
//               file without response ids (rows keyed by their fingerprint)
//   --icm FILE  times another build's dist/icm.js (e.g. one of an earlier commit, to compare)
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const icm = path.resolve(args.includes('--icm') ? args[args.indexOf('--icm') + 1] : path.join(root, 'dist', 'icm.js'))
if (!fs.existsSync(icm)) throw new Error(`build first: npm run build (no ${icm})`)
const rows = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--runs') ?? 1_000_000)
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) || 1 : 1
const variants = args.includes('--variants')

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icm-bench-survey-'))
const csv = path.join(dir, 'survey.csv')
const org = path.join(dir, 'org.csv')
execFileSync(process.execPath, [path.join(root, 'bench', 'gen-survey-csv.mjs'), csv, org, String(rows)], { stdio: 'inherit' })
const mb = (fs.statSync(csv).size / 1e6).toFixed(1)

ensureSqlite3()
const timeV = fs.existsSync('/usr/bin/time')

/** Runs a command under /usr/bin/time -v: wall seconds, peak RSS in MB, its exit status and output. */
function measure(cmd, cmdArgs, opts = {}) {
  const t0 = process.hrtime.bigint()
  const r = timeV
    ? spawnSync('/usr/bin/time', ['-v', cmd, ...cmdArgs], { encoding: 'utf8', ...opts })
    : spawnSync(cmd, cmdArgs, { encoding: 'utf8', ...opts })
  const wall = Number(process.hrtime.bigint() - t0) / 1e9
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(' ')} exited ${r.status}: ${r.stderr}`)
  const rss = timeV ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]) / 1024 : NaN
  return { wall, rss, stdout: r.stdout, stderr: r.stderr }
}

function freshIcmDb(name) {
  const db = path.join(dir, name)
  for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true })
  const env = { ...process.env, ICM_DB: db, ICM_ACTOR: 'bench', NO_COLOR: '1' }
  execFileSync(process.execPath, [icm, 'unit', 'import', org], { env, stdio: 'ignore' })
  execFileSync(process.execPath, [icm, 'survey', 'create', 'BENCH', '--title', 'bench', '--period', '2026-H1'], { env, stdio: 'ignore' })
  return env
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/** One timed import on a fresh database; ICM_DEBUG=1 makes icm print how long each step took. */
function importOnce(file, extraEnv = {}) {
  const env = { ...freshIcmDb('icm.db'), ICM_DEBUG: '1', LANG: 'C', ...extraEnv }
  const r = measure(process.execPath, [icm, 'survey', 'import', 'BENCH', file], { env })
  const m = /read and staged in ([\d.]+) s, analysed in ([\d.]+) s, waited ([\d.]+) s for the write lock and held it ([\d.]+) s, checkpointed in ([\d.]+) s/.exec(r.stderr)
  return { ...r, steps: m ? { staged: +m[1], analysed: +m[2], held: +m[4], checkpointed: +m[5] } : undefined }
}

function summary(label, results) {
  const wall = median(results.map((r) => r.wall))
  const rss = Math.max(...results.map((r) => r.rss))
  const withSteps = results.filter((r) => r.steps)
  const steps = withSteps.length === results.length ? Object.fromEntries(Object.keys(withSteps[0].steps).map((k) => [k, median(withSteps.map((r) => r.steps[k]))])) : undefined
  return { label, wall, rss, rowsPerSec: rows / wall, steps }
}

function importRuns(label, file, extraEnv = {}) {
  const results = []
  for (let i = 0; i < runs; i++) results.push(importOnce(file, extraEnv))
  return summary(label, results)
}

// The native reference, the sqlite3 shell importing the same CSV into a plain table, runs in turn
// with icm (shell, icm, shell, icm …): a slow spell of this machine then slows both alike.
const sqliteRuns = []
const icmRuns = []
for (let i = 0; i < runs; i++) {
  const ref = path.join(dir, 'ref.db')
  fs.rmSync(ref, { force: true })
  sqliteRuns.push(measure('sqlite3', [ref, '-cmd', '.mode csv', `.import ${csv} responses`]))
  icmRuns.push(importOnce(csv))
}
const sqlite = summary('sqlite3 shell .import (reference)', sqliteRuns)

const results = [summary('icm survey import', icmRuns)]
if (variants) {
  results.push(importRuns('icm survey import, stage worker off', csv, { ICM_IMPORT_WORKER: '0' }))
  const noIds = path.join(dir, 'survey-no-ids.csv')
  execFileSync(process.execPath, [path.join(root, 'bench', 'gen-survey-csv.mjs'), noIds, org, String(rows), '1', '--no-ids'], { stdio: 'ignore' })
  results.push(importRuns('icm survey import, no response ids (fingerprint keys)', noIds))
}

// survey results on the imported million rows: the whole process, median of 7.
const env = freshIcmDb('results.db')
execFileSync(process.execPath, [icm, 'survey', 'import', 'BENCH', csv], { env, stdio: 'ignore' })
const times = []
let resultsRss = 0
for (let i = 0; i < 7; i++) {
  const r = measure(process.execPath, [icm, 'survey', 'results', 'BENCH'], { env })
  times.push(r.wall * 1000)
  resultsRss = Math.max(resultsRss, r.rss)
}

console.log(`\nsurvey import of ${rows.toLocaleString('en-US')} rows (${mb} MB), median of ${runs} run${runs === 1 ? '' : 's'} (node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''})`)
for (const r of [sqlite, ...results]) {
  console.log(
    `  ${r.label.padEnd(56)} ${r.wall.toFixed(2).padStart(6)} s  ${Math.round(r.rowsPerSec).toLocaleString('en-US').padStart(9)} rows/s  peak ${Number.isNaN(r.rss) ? '?' : r.rss.toFixed(0)} MB`,
  )
}
const main = results[0]
if (main.steps) {
  const st = main.steps
  console.log(`  icm's steps (medians): read, checked and staged ${st.staged.toFixed(2)} s, analysed ${st.analysed.toFixed(2)} s, final insert and commit under the write lock ${st.held.toFixed(2)} s, checkpoint ${st.checkpointed.toFixed(2)} s`)
}
console.log(`  icm / sqlite3 shell: ${(main.wall / sqlite.wall).toFixed(2)}× the time (goal: within 3×, at least 150,000 rows/s, peak under 128 MB)`)
console.log(`survey results on ${rows.toLocaleString('en-US')} responses, whole process: median ${median(times).toFixed(0)} ms (goal: under 300 ms), peak ${resultsRss.toFixed(0)} MB`)
fs.rmSync(dir, { recursive: true, force: true })

function ensureSqlite3() {
  if (spawnSync('sqlite3', ['-version']).status === 0) return
  console.error('installing the Debian sqlite3 shell (the reference) …')
  const r = spawnSync('apt-get', ['install', '-y', 'sqlite3'], { stdio: 'inherit' })
  if (r.status !== 0) throw new Error('the sqlite3 shell is missing and apt-get install -y sqlite3 failed (run it as root, after apt-get update)')
}
