// Request queue speed: generates 200,000 requests across 100 units in 2026-H1 (written straight
// into a fresh icm database), then times, end to end as a user runs them:
//   icm request rank --to UNIT · icm request overdue · icm request list --overdue --json
// Prints the median of several runs of each. Goal: each under 300 ms.
// Run: npm run build && node bench/requests.mjs [requests] [runs]
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const icm = path.join(root, 'dist', 'icm.js')
const N = Number(process.argv[2] ?? 200_000)
const runs = Number(process.argv[3] ?? 5)
const UNITS = 100
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icm-bench-requests-'))
const dbFile = path.join(dir, 'icm.db')
const env = { ...process.env, ICM_DB: dbFile, ICM_NOW: '2026-07-01T10:00:00+08:00', TZ: 'Asia/Shanghai', NO_COLOR: '1' }
execFileSync(process.execPath, [icm, 'init'], { env, stdio: 'ignore' })

// A deterministic generator (mulberry32), so every run measures the same data.
let seed = 42
const rand = () => {
  seed |= 0
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = (xs) => xs[Math.floor(rand() * xs.length)]

const t0 = Date.now()
const db = new Database(dbFile)
db.pragma('journal_mode = WAL')
const now = '2026-01-01T00:00:00.000Z'
const insertUnit = db.prepare(`insert into units (code, name, kind, parent_id, head, duties, active, created_at, updated_at) values (?, ?, 'department', null, null, null, 1, ?, ?)`)
const insertRequest = db.prepare(`insert into requests (code, customer_id, provider_id, service_id, channel, title, description, status, needed_by,
  important_override, urgent_override, created_at, response_due, responded_at, response_on_time, decision, expected_date, reject_reason,
  resolution_due, paused_minutes, waiting_since, waiting_reason, started_at, resolved_at, resolution_note, closed_at, satisfaction,
  cancelled_at, cancel_reason, last_step_at, updated_at)
  values (?, ?, ?, null, ?, ?, null, ?, ?, null, null, ?, ?, ?, ?, ?, ?, null, ?, 0, null, null, ?, ?, null, ?, ?, ?, null, ?, ?)`)
const insertEval = db.prepare(`insert into request_evaluations (request_id, evaluator, reasonableness, feasibility, impact, cost_benefit, important, urgent, note, at, superseded_at)
  values (?, ?, ?, ?, ?, ?, null, null, null, ?, null)`)
const H = 3_600_000
const start = Date.parse('2026-01-05T01:00:00Z') // Mon 09:00 +08:00
const span = Date.parse('2026-06-30T10:00:00Z') - start
const channels = ['meeting', 'mailbox', 'hotline', 'online', 'survey', 'research']
db.transaction(() => {
  for (let u = 1; u <= UNITS; u++) insertUnit.run(`U${String(u).padStart(3, '0')}`, `部门${u}`, now, now)
  for (let i = 1; i <= N; i++) {
    const customer = 1 + Math.floor(rand() * UNITS)
    let provider = 1 + Math.floor(rand() * UNITS)
    if (provider === customer) provider = (provider % UNITS) + 1
    const created = start + Math.floor(rand() * span)
    const due = created + 8 * H + Math.floor(rand() * 48 * H)
    const r = rand()
    // Like a real queue on 1 July: requests of the last three weeks are in every state; older ones
    // are mostly finished, but 3 % are stale (still open, past their deadlines).
    const age = Date.parse('2026-07-01T02:00:00Z') - created
    const status =
      age < 3 * 24 * H && r < 0.5 ? pick(['new', 'evaluated']) // not answered yet
      : age < 7 * 24 * H && r < 0.6 ? pick(['accepted', 'in_progress', 'in_progress', 'waiting']) // being worked on
      : r < 0.02 ? pick(['new', 'evaluated', 'accepted', 'in_progress']) // stale: open, past its deadlines
      : r < 0.9 ? 'closed' : r < 0.95 ? 'rejected' : 'cancelled'
    const answered = !['new', 'evaluated', 'cancelled'].includes(status)
    const responded = answered ? created + Math.floor(rand() * 30 * H) : null
    const accepted = answered && status !== 'rejected'
    const resolutionDue = accepted ? responded + 5 * 24 * H : null
    const resolved = status === 'closed' ? resolutionDue - 48 * H + Math.floor(rand() * 96 * H) : null
    const iso = (t) => (t === null ? null : new Date(t).toISOString())
    const neededBy = rand() < 0.3 ? new Date(created + Math.floor(rand() * 30 * 24 * H)).toISOString().slice(0, 10) : null
    const info = insertRequest.run(
      `REQ-${String(i).padStart(4, '0')}`, customer, provider, pick(channels), `请求 ${i}`, status, neededBy,
      iso(created), iso(due), iso(responded), responded === null ? null : responded <= due ? 1 : 0,
      answered ? (accepted ? 'accepted' : 'rejected') : null, accepted ? iso(resolutionDue).slice(0, 10) : null,
      iso(resolutionDue), accepted ? iso(responded + H) : null, iso(resolved), iso(status === 'closed' ? resolved + 24 * H : null),
      status === 'closed' ? 1 + Math.floor(rand() * 5) : null, iso(status === 'cancelled' ? created + H : null),
      iso(resolved ?? responded ?? created), iso(created),
    )
    if (status !== 'cancelled' && rand() < 0.5) {
      const n = 1 + Math.floor(rand() * 3)
      for (let e = 0; e < n; e++) {
        insertEval.run(info.lastInsertRowid, `评估人${e}`, 1 + Math.floor(rand() * 5), 1 + Math.floor(rand() * 5), 1 + Math.floor(rand() * 5), 1 + Math.floor(rand() * 5), iso(created + H))
      }
    }
  }
  db.prepare(`insert into sequences (name, value) values ('REQ', ?)`).run(N)
})()
db.pragma('wal_checkpoint(TRUNCATE)')
db.exec('analyze')
db.close()
console.log(`generated ${N} requests across ${UNITS} units in ${((Date.now() - t0) / 1000).toFixed(1)} s (${(fs.statSync(dbFile).size / 1e6).toFixed(0)} MB)`)

const cases = [
  ['icm request rank --to U042', ['request', 'rank', '--to', 'U042', '--json']],
  ['icm request overdue', ['request', 'overdue']],
  ['icm request list --overdue --json', ['request', 'list', '--overdue', '--json']],
]
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
for (const [name, args] of cases) {
  const times = []
  let lines = 0
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint()
    const r = spawnSync(process.execPath, [icm, ...args], { env, maxBuffer: 1 << 30 })
    times.push(Number(process.hrtime.bigint() - t) / 1e6)
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`)
    lines = args.includes('--json') ? JSON.parse(r.stdout).length : r.stdout.toString().split('\n').length - 2
  }
  console.log(`  ${name.padEnd(36)} ${median(times).toFixed(0).padStart(6)} ms median of ${runs}  (${lines} rows)`)
}
if (!process.env.KEEP) fs.rmSync(dir, { recursive: true, force: true }); else console.log(dir)
