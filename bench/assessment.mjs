// Half-yearly assessment speed: a company of 200 departments (and a position under each) with
// 1,000,000 survey responses, 200,000 requests, 20,000 complaints and 5,000 projects in 2026-H1,
// written straight into a fresh icm database; then times, end to end as a user runs them:
//   icm assess run --period 2026-H1 · icm assess explain --period 2026-H1 --unit D042
// Prints the median of several runs. Goal: run under 1 s, explain under 300 ms.
// Run: npm run build && node bench/assessment.mjs [runs]
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import Database from 'better-sqlite3'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const icm = path.join(root, 'dist', 'icm.js')
const runs = Number(process.argv[2] ?? 5)
const DEPTS = 200
const RESPONSES = 1_000_000
const REQUESTS = 200_000
const COMPLAINTS = 20_000
const PROJECTS = 5_000
const env = { ...process.env, ICM_NOW: '2026-07-01T10:00:00+08:00', TZ: 'Asia/Shanghai', NO_COLOR: '1' }

export function generate(file) {
  execFileSync(process.execPath, [icm, '--db', file, 'init'], { env, stdio: 'ignore' })
  let seed = 7
  const rand = () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n) => Math.floor(rand() * n)
  const H = 3_600_000
  const start = Date.parse('2026-01-05T01:00:00Z')
  const span = Date.parse('2026-06-26T10:00:00Z') - start
  const iso = (t) => (t === null ? null : new Date(t).toISOString())
  const day = (t) => new Date(t + 8 * H).toISOString().slice(0, 10)
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  const at = '2026-01-01T00:00:00.000Z'
  db.transaction(() => {
    const unit = db.prepare(`insert into units (code, name, kind, parent_id, head, duties, active, created_at, updated_at) values (?, ?, ?, ?, null, null, 1, ?, ?)`)
    for (let d = 1; d <= DEPTS; d++) unit.run(`D${String(d).padStart(3, '0')}`, `部门${d}`, 'department', null, at, at)
    for (let d = 1; d <= DEPTS; d++) unit.run(`D${String(d).padStart(3, '0')}-P`, `岗位${d}`, 'position', d, at, at)
    const units = DEPTS * 2
    const other = (u) => {
      let v = 1 + int(units)
      if (v === u) v = (v % units) + 1
      return v
    }

    db.prepare(`insert into surveys (code, title, kind, period, period_start, period_end, created_at) values ('2026H1-SERVICE', '满意度', 'service', '2026-H1', '2026-01-01', '2026-06-30', ?)`).run(at)
    db.prepare(`insert into survey_batches (survey_id, file_name, sha256, bytes, encoding, rows, imported, already_present, rejected, forced, actor, at) values (1, 'gen.csv', 'x', 0, 'utf8', ?, ?, 0, 0, 0, 'bench', ?)`).run(RESPONSES, RESPONSES, at)
    const resp = db.prepare(`insert into survey_responses (survey_id, key, response_id, respondent_id, rated_id, accuracy, timeliness, completeness, professionalism, overall, loyalty, comment, submitted_at, batch_id, line, fingerprint)
      values (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, null, 1, ?, 'x')`)
    const score = () => 2 + int(4) // 2..5
    for (let i = 1; i <= RESPONSES; i++) {
      const rated = 1 + int(units)
      resp.run(`id:${i}`, String(i), other(rated), rated, score(), score(), score(), score(), rand() < 0.9 ? score() : null, rand() < 0.5 ? score() : null, i + 1)
    }

    // what an import writes beside the responses: sums per batch and (rated, respondent) pair
    db.exec(`insert into survey_score_sums (batch_id, survey_id, rated_id, respondent_id, responses, accuracy_sum, accuracy_n, timeliness_sum, timeliness_n,
      completeness_sum, completeness_n, professionalism_sum, professionalism_n, overall_sum, overall_n, loyalty_sum, loyalty_n, value_sum, value_n)
      select 1, 1, rated_id, respondent_id, count(*), sum(accuracy), count(accuracy), sum(timeliness), count(timeliness), sum(completeness), count(completeness),
        sum(professionalism), count(professionalism), coalesce(sum(overall), 0), count(overall), coalesce(sum(loyalty), 0), count(loyalty),
        sum(coalesce(overall, (accuracy + timeliness + completeness + professionalism) / 4.0)), count(*)
      from survey_responses group by rated_id, respondent_id`)

    const req = db.prepare(`insert into requests (code, customer_id, provider_id, service_id, channel, title, description, status, needed_by, important_override, urgent_override,
      created_at, response_due, responded_at, response_on_time, decision, expected_date, reject_reason, resolution_due, paused_minutes, waiting_since, waiting_reason,
      started_at, resolved_at, resolution_note, closed_at, satisfaction, cancelled_at, cancel_reason, last_step_at, updated_at)
      values (?, ?, ?, null, 'online', ?, null, ?, null, null, null, ?, ?, ?, ?, ?, null, null, null, 0, null, null, null, null, null, null, null, ?, null, ?, ?)`)
    for (let i = 1; i <= REQUESTS; i++) {
      const provider = 1 + int(units)
      const created = start + int(span)
      const due = created + 8 * H
      const r = rand()
      const responded = r < 0.9 ? created + int(10 * H) : null
      const cancelled = r >= 0.97 ? created + H : null
      req.run(`REQ-${String(i).padStart(6, '0')}`, other(provider), provider, `请求 ${i}`, responded ? 'closed' : cancelled ? 'cancelled' : 'new', iso(created), iso(due), iso(responded),
        responded === null ? null : responded <= due ? 1 : 0, responded ? 'accepted' : null, iso(cancelled), iso(responded ?? cancelled ?? created), iso(created))
    }

    const cmp = db.prepare(`insert into complaints (code, complainant_id, against_id, request_id, channel, summary, handler, status, received_at, plan_deadline, resolved, satisfaction, verified_at, status_changed_at, created_at, updated_at)
      values (?, ?, ?, null, 'email', '投诉', '王敏', ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    for (let i = 1; i <= COMPLAINTS; i++) {
      const against = 1 + int(units)
      const received = start + int(span)
      const deadline = received + 7 * 24 * H
      const verified = rand() < 0.7 ? received + int(10 * 24) * H : null
      cmp.run(`CMP-${String(i).padStart(5, '0')}`, other(against), against, verified ? 'verified' : 'investigating', iso(received), day(deadline), verified ? 1 : null, verified ? 1 + int(5) : null, iso(verified), iso(verified ?? received), iso(received), iso(received))
    }

    const prj = db.prepare(`insert into projects (code, name, kind, owner_id, start_date, due, status, progress, completed_on, quality, completion_note, cancelled_at, cancel_reason, created_at, updated_at)
      values (?, ?, 'project', ?, ?, ?, ?, ?, ?, ?, null, null, null, ?, ?)`)
    const mem = db.prepare(`insert into project_members (project_id, unit_id, duty, added_at) values (?, ?, '协作', ?)`)
    for (let i = 1; i <= PROJECTS; i++) {
      const owner = 1 + int(units)
      const s = start + int(span / 2)
      const due = s + (20 + int(100)) * 24 * H
      const done = rand() < 0.8 ? due - 10 * 24 * H + int(20) * 24 * H : null
      const info = prj.run(`PRJ-${String(i).padStart(5, '0')}`, `项目 ${i}`, owner, day(s), day(Math.min(due, Date.parse('2026-06-29T00:00:00Z'))), done ? 'completed' : 'open', done ? 100 : 50, done ? day(done) : null, done ? 1 + int(5) : null, iso(s), iso(s))
      const members = new Set()
      for (let m = 0; m < 1 + int(3); m++) {
        const u = other(owner)
        if (members.has(u)) continue
        members.add(u)
        mem.run(info.lastInsertRowid, u, iso(s))
      }
    }
    const input = db.prepare(`insert into assessment_inputs (period, unit_id, self, superior, updated_at) values ('2026-H1', ?, ?, ?, ?)`)
    for (let d = 1; d <= DEPTS; d++) input.run(d, 60 + int(40), 60 + int(40), at)
    for (const [name, n] of [['REQ', REQUESTS], ['CMP', COMPLAINTS], ['PRJ', PROJECTS]]) db.prepare(`insert into sequences (name, value) values (?, ?)`).run(name, n)
  })()
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.exec('analyze')
  db.close()
}

/** Run directly (not imported by bench/postgres.mjs): generate once, then time the commands. */
if (import.meta.url === pathToFileURL(process.argv[1]).href) await main()

async function main() {
  const dir = process.env.ICM_BENCH_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'icm-bench-assess-'))
  const dbFile = path.join(dir, 'icm.db')
  env.ICM_DB = dbFile
  if (!fs.existsSync(dbFile)) {
    const t0 = Date.now()
    generate(dbFile)
    console.log(`generated ${DEPTS} departments, ${RESPONSES} responses, ${REQUESTS} requests, ${COMPLAINTS} complaints, ${PROJECTS} projects in ${((Date.now() - t0) / 1000).toFixed(0)} s (${(fs.statSync(dbFile).size / 1e6).toFixed(0)} MB)`)
  }

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const time = (name, args) => {
    const times = []
    for (let i = 0; i < runs; i++) {
      const t = process.hrtime.bigint()
      const r = spawnSync(process.execPath, [icm, ...args], { env, maxBuffer: 1 << 28 })
      times.push(Number(process.hrtime.bigint() - t) / 1e6)
      if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`)
    }
    console.log(`  ${name.padEnd(52)} ${median(times).toFixed(0).padStart(6)} ms median of ${runs}`)
  }
  time('icm assess run --period 2026-H1', ['assess', 'run', '--period', '2026-H1', '--json'])
  time('icm assess explain --period 2026-H1 --unit D042', ['assess', 'explain', '--period', '2026-H1', '--unit', 'D042'])
  time('icm assess show --period 2026-H1', ['assess', 'show', '--period', '2026-H1'])
  if (!process.env.ICM_BENCH_DIR) fs.rmSync(dir, { recursive: true, force: true })
}
