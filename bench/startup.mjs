// Start-up time is the speed users feel. Times `icm --version` and `icm unit list --json` (on a
// database holding the fixture organisation) against `node -e 0`, in alternating runs, and prints
// the medians and the median difference; then the cost of the Chinese catalogue: the same commands
// under LANG=zh_CN.UTF-8 and zh_TW.UTF-8 (loading zh-CN or zh-TW messages) against LANG=C.
// Run: npm run build && node bench/startup.mjs [runs]
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const icm = path.join(root, 'dist', 'icm.js')
if (!fs.existsSync(icm)) throw new Error('build first: npm run build')
const runs = Number(process.argv[2] ?? 30)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icm-bench-startup-'))
const env = { ...process.env, ICM_DB: path.join(dir, 'icm.db'), NO_COLOR: '1' }
execFileSync(process.execPath, [icm, 'unit', 'import', path.join(root, 'test', 'fixtures', 'org.csv')], { env, stdio: 'ignore' })

const cases = {
  'node -e 0': ['-e', '0'],
  'icm --version': [icm, '--version'],
  'icm unit list --json': [icm, 'unit', 'list', '--json'],
  'icm unit list (zh_CN)': [icm, 'unit', 'list', '--json'],
  'icm unit list (zh_TW)': [icm, 'unit', 'list', '--json'],
  'icm unit --help': [icm, 'unit', '--help'],
  'icm unit --help (zh_CN)': [icm, 'unit', '--help'],
}
const LANGS = { '(zh_CN)': 'zh_CN.UTF-8', '(zh_TW)': 'zh_TW.UTF-8' }
const envOf = (name) => {
  const lang = Object.entries(LANGS).find(([tag]) => name.endsWith(tag))?.[1] ?? 'C'
  return { ...env, LANG: lang, LC_ALL: '', LC_MESSAGES: '' }
}
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]))
for (let i = 0; i < runs; i++) {
  for (const [name, args] of Object.entries(cases)) {
    const t0 = process.hrtime.bigint()
    const r = spawnSync(process.execPath, args, { env: envOf(name), stdio: 'ignore' })
    const ms = Number(process.hrtime.bigint() - t0) / 1e6
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}`)
    times[name].push(ms)
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const base = median(times['node -e 0'])
console.log(`start-up, median of ${runs} alternating runs (node ${process.version}, ${os.cpus().length} cores)`)
for (const name of Object.keys(cases)) {
  const m = median(times[name])
  const diff = name === 'node -e 0' ? '' : `  +${(m - base).toFixed(1)} ms over node -e 0 (×${(m / base).toFixed(2)})`
  console.log(`  ${name.padEnd(24)} ${m.toFixed(1).padStart(7)} ms${diff}`)
}
// the catalogue: the median of the paired differences, run by run (the machine's drift cancels out)
const paired = (a, b) => median(times[a].map((x, i) => x - times[b][i]))
console.log('cost of the Chinese catalogue (median of paired differences to LANG=C)')
for (const [a, b] of [['icm unit list (zh_CN)', 'icm unit list --json'], ['icm unit list (zh_TW)', 'icm unit list --json'], ['icm unit --help (zh_CN)', 'icm unit --help']]) {
  console.log(`  ${a.padEnd(24)} ${paired(a, b) >= 0 ? '+' : ''}${paired(a, b).toFixed(1)} ms`)
}
fs.rmSync(dir, { recursive: true, force: true })
