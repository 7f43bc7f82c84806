// Tamper evidence at scale: a database whose event log holds N events written before the hash
// chain existed (default 1,000,000), then times, end to end as a user runs them:
//   icm init (the 2026_11_28_001_event_chain migration chains every event, after the online backup)
//   icm check (integrity_check, the chain, the final tables, the triggers)
//   icm unit add (one write: reads the chain head, appends one chained event)
// Run: npm run build && node bench/event-chain.mjs [events]
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const icm = path.join(root, 'dist', 'icm.js')
const N = Number(process.argv[2] ?? 1_000_000)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icm-bench-chain-'))
const file = path.join(dir, 'icm.db')
const env = { ...process.env, ICM_DB: file, ICM_NOW: '2026-07-01T10:00:00+08:00', TZ: 'Asia/Shanghai', NO_COLOR: '1' }
const icmRun = (args, okCodes = [0]) => {
  const t = process.hrtime.bigint()
  const r = spawnSync(process.execPath, [icm, ...args], { env, cwd: dir, maxBuffer: 1 << 26 })
  if (!okCodes.includes(r.status)) throw new Error(`icm ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, stdout: String(r.stdout) }
}

// a current database, taken back to the schema before the chain, then filled with N unchained events
icmRun(['init'])
const db = new Database(file)
db.exec(`
  drop trigger events_no_update; drop trigger events_no_delete;
  alter table events drop column seq; alter table events drop column prev_hash; alter table events drop column hash;
  alter table assessments drop column rows_hash;
  delete from icm_migration where name = '2026_11_28_001_event_chain';
  create trigger events_no_update before update on "events" begin select raise(abort, 'events is append-only'); end;
  create trigger events_no_delete before delete on "events" begin select raise(abort, 'events is append-only'); end;
`)
const insert = db.prepare('insert into events (at, actor, host, action, entity, details) values (?, ?, ?, ?, ?, ?)')
db.transaction(() => {
  for (let i = 0; i < N; i++) {
    insert.run(new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), 'admin', 'pc-1', 'request.log', `REQ-${String(i).padStart(7, '0')}`, `{"title":"request ${i}","from":"HR","to":"IT"}`)
  }
})()
db.close()
console.log(`${N} events before the chain; file ${(fs.statSync(file).size / 1e6).toFixed(0)} MB`)

const migrate = icmRun(['init'])
console.log(`icm init (backup + chain migration): ${(migrate.ms / 1000).toFixed(1)} s`)
const check = icmRun(['check'])
console.log(`icm check: ${(check.ms / 1000).toFixed(1)} s`)
process.stdout.write(check.stdout)
const writes = [1, 2, 3].map((i) => icmRun(['unit', 'add', `U${i}`, '--name', `unit ${i}`, '--kind', 'department']).ms)
console.log(`icm unit add on a chained log of ${N} events: ${writes.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`)
fs.rmSync(dir, { recursive: true, force: true })
