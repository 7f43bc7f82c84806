// Captures what icm prints on the demo company, one file per command, so a refactoring can be
// checked byte for byte: run it before and after, then `diff -r BEFORE AFTER`.
// Run: npm run build && node scripts/snapshot-outputs.mjs OUTDIR
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const icm = path.join(root, 'dist', 'icm.js')
const out = path.resolve(process.argv[2] ?? 'snapshot')
fs.mkdirSync(out, { recursive: true })
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icm-snapshot-'))
const env = { PATH: process.env.PATH, TZ: 'Asia/Shanghai', NO_COLOR: '1', ICM_NOW: '2026-07-01T10:00:00+08:00', ICM_ACTOR: 'snapshot', ICM_DB: path.join(dir, 'icm-demo.db') }

let n = 0
function capture(args) {
  const r = spawnSync(process.execPath, [icm, ...args], { cwd: dir, env, encoding: 'utf8' })
  const name = `${String(n++).padStart(3, '0')}-${args.join('_').replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 80)}`
  // the database path differs from run to run: name it the same way every time
  const clean = (s) => s.split(dir).join('<dir>')
  fs.writeFileSync(path.join(out, name), `$ icm ${args.join(' ')}\nexit ${r.status}\n--- stdout\n${clean(r.stdout)}--- stderr\n${clean(r.stderr)}`)
  return r
}

capture(['demo', '--db', 'icm-demo.db'])
const json = (args) => JSON.parse(spawnSync(process.execPath, [icm, '--json', ...args], { cwd: dir, env, encoding: 'utf8' }).stdout)
const lists = [
  ['unit', 'list', '--all'], ['process', 'list'], ['dependency', 'list'], ['link', 'list'], ['customer', 'map'], ['service', 'list'],
  ['request', 'list'], ['request', 'rank'], ['request', 'overdue'], ['survey', 'list'], ['visit', 'list'], ['visit', 'due'],
  ['project', 'list'], ['recognition', 'list'], ['complaint', 'list'], ['complaint', 'channels'], ['action', 'list'], ['audit', 'list'],
  ['report', 'list'], ['config', 'list'], ['calendar', 'list'], ['log', '--limit', '1000'],
  ['relation', 'assess', '--period', '2026-H1'], ['complaint', 'stats', '--period', '2026-H1'], ['assess', 'show', '--period', '2026-H1'],
  ['assess', 'annual', '--year', '2026'],
]
for (const l of lists) {
  capture(['--json', ...l])
  capture(l)
}
for (const u of json(['unit', 'list', '--all'])) capture(['--json', 'unit', 'show', u.code])
for (const p of json(['process', 'list'])) capture(['--json', 'process', 'show', p.code])
for (const s of json(['service', 'list'])) capture(['--json', 'service', 'show', s.code])
for (const r of json(['request', 'list'])) {
  capture(['--json', 'request', 'show', r.code])
  capture(['request', 'show', r.code])
}
for (const s of json(['survey', 'list'])) {
  capture(['--json', 'survey', 'show', s.code])
  capture(['--json', 'survey', 'results', s.code])
  capture(['survey', 'results', s.code])
}
for (const p of json(['project', 'list'])) capture(['--json', 'project', 'show', p.code])
for (const c of json(['complaint', 'list'])) {
  capture(['--json', 'complaint', 'show', c.code])
  capture(['complaint', 'show', c.code])
}
for (const a of json(['audit', 'list'])) capture(['--json', 'audit', 'show', a.code])
for (const r of json(['report', 'list'])) capture(['--json', 'report', 'show', r.code])
for (const row of json(['assess', 'show', '--period', '2026-H1']).rows ?? []) {
  capture(['--json', 'assess', 'explain', '--period', '2026-H1', '--unit', row.unit])
  capture(['assess', 'explain', '--period', '2026-H1', '--unit', row.unit])
}
for (const u of ['IT', 'HR']) {
  capture(['customer', 'of', u])
  capture(['customer', 'suppliers-of', u])
}
for (const f of ['mermaid', 'dot', 'csv', 'json']) capture(['customer', 'map', '--format', f])
capture(['--help'])
for (const g of ['request', 'assess', 'survey', 'complaint']) capture([g, '--help'])
console.log(`${n} outputs in ${out}`)
fs.rmSync(dir, { recursive: true, force: true })
