// Writers during a long survey import (issue 11, DESIGN.md §8 "Writers wait for each other"): a
// generated survey export of N rows (default 3,000,000, about 420 MB) is imported while another
// process runs `icm request log` again and again, one after another, until the import ends. Every
// writer must succeed; the one that lands in the import's final insert waits for it, the others
// not at all. Prints the import's rows per second and how long it held the write lock (from its
// ICM_DEBUG line), and each writer's wait: its wall time less that of the same command alone.
//
// Run: npm run build && node bench/concurrent-writer.mjs [rows] [--gap MS] [--icm path/to/icm.js]
//   --gap  milliseconds between two writers (default 500: one writer at a time, so they do not
//          take the import's CPU; every part of the import still meets some)
//   --icm  time another build (e.g. one of the commit before the change, to compare)
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const icm = path.resolve(args.includes('--icm') ? args[args.indexOf('--icm') + 1] : path.join(root, 'dist', 'icm.js'))
if (!fs.existsSync(icm)) throw new Error(`build first: npm run build (no ${icm})`)
const rows = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--gap') ?? 3_000_000)
const gap = args.includes('--gap') ? Number(args[args.indexOf('--gap') + 1]) : 500

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icm-bench-writer-'))
const csv = path.join(dir, 'survey.csv')
const org = path.join(dir, 'org.csv')
execFileSync(process.execPath, [path.join(root, 'bench', 'gen-survey-csv.mjs'), csv, org, String(rows)], { stdio: 'inherit' })
const db = path.join(dir, 'icm.db')
const env = { ...process.env, ICM_DB: db, ICM_ACTOR: 'bench', NO_COLOR: '1', TZ: 'Asia/Shanghai' }
execFileSync(process.execPath, [icm, 'unit', 'import', org], { env, stdio: 'ignore' })
execFileSync(process.execPath, [icm, 'survey', 'create', 'BENCH', '--title', 'bench', '--period', '2026-H1'], { env, stdio: 'ignore' })

let n = 0
/** One `icm request log`: wall seconds and exit status. */
function logRequest() {
  const t0 = process.hrtime.bigint()
  const r = spawnSync(process.execPath, [icm, 'request', 'log', '--from', 'U001', '--to', 'U002', '--title', `probe ${++n}`], { env, encoding: 'utf8' })
  return { wall: Number(process.hrtime.bigint() - t0) / 1e9, status: r.status, stderr: r.stderr.trim() }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

// The writer alone, for its usual wall time.
const alone = median(Array.from({ length: 7 }, () => logRequest().wall))

const started = process.hrtime.bigint()
const since = () => Number(process.hrtime.bigint() - started) / 1e9
const importer = spawn(process.execPath, [icm, 'survey', 'import', 'BENCH', csv], { env: { ...env, ICM_DEBUG: '1' }, stdio: ['ignore', 'ignore', 'pipe'] })
let importErr = ''
importer.stderr.on('data', (d) => (importErr += d))
let importWall = 0
let importCode = null
const importDone = new Promise((resolve) =>
  importer.on('close', (code) => {
    importWall = since()
    importCode = code
    resolve()
  }),
)

// Writers one after another until the import has ended; spawnSync blocks, so poll the exit between them.
const writers = []
let finished = false
importDone.then(() => (finished = true))
await new Promise((r) => setTimeout(r, 300))
while (!finished) {
  const at = since()
  const w = logRequest()
  writers.push({ at, ...w, waited: Math.max(0, w.wall - alone) })
  await new Promise((r) => setTimeout(r, gap))
}
await importDone

const debug = /staged in ([\d.]+) s, analysed in ([\d.]+) s, waited ([\d.]+) s for the write lock and held it ([\d.]+) s, checkpointed in ([\d.]+) s/.exec(importErr)
const failed = writers.filter((w) => w.status !== 0)
const worst = writers.reduce((a, b) => (b.waited > a.waited ? b : a), writers[0])
const mb = (fs.statSync(csv).size / 1e6).toFixed(0)
console.log(`\nsurvey import of ${rows.toLocaleString('en-US')} rows (${mb} MB) with \`icm request log\` running meanwhile (node ${process.version}, ${os.cpus().length} cores)`)
console.log(`  import: exit ${importCode}, ${importWall.toFixed(2)} s, ${Math.round(rows / importWall).toLocaleString('en-US')} rows/s` + (debug ? `; staged ${debug[1]} s, analysed ${debug[2]} s, held the write lock ${debug[4]} s (the final insert and commit), then checkpointed the WAL in ${debug[5]} s` : ''))
if (importCode !== 0) console.log(`  import stderr: ${importErr.trim()}`)
console.log(`  request log alone: ${alone.toFixed(2)} s (median of 7)`)
console.log(`  ${writers.length} request log runs during the import: ${writers.length - failed.length} succeeded, ${failed.length} failed`)
for (const f of failed.slice(0, 3)) console.log(`    failed at ${f.at.toFixed(1)} s after ${f.wall.toFixed(1)} s, exit ${f.status}: ${f.stderr}`)
if (worst) console.log(`  longest wait: ${worst.waited.toFixed(2)} s (started ${worst.at.toFixed(1)} s into the import, took ${worst.wall.toFixed(2)} s)` + (debug ? `; the import held the lock ${debug[4]} s` : ''))
const check = new Database(db, { readonly: true })
const events = check.prepare(`select count(*) as n from events where action = 'request.log'`).get().n
check.close()
console.log(`  request.log events: ${events} (7 alone + ${writers.length - failed.length} during)`)
fs.rmSync(dir, { recursive: true, force: true })
