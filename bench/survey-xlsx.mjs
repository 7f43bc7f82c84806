// The .xlsx survey import benchmark (issue 16, "Speed"): a generated workbook of N rows (default
// 200,000; 100 units, Chinese comments, an Excel date cell per row), written with exceljs'
// streaming WorkbookWriter, imported with the built CLI. Prints rows per second, wall time and
// peak memory (/usr/bin/time -v).
// Run: npm run build && node bench/survey-xlsx.mjs [rows]
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { mulberry32 } from './lib/random.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const icm = path.join(root, 'dist', 'icm.js')
if (!fs.existsSync(icm)) throw new Error('build first: npm run build')
const rows = Number(process.argv[2] ?? 200_000)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icm-bench-xlsx-'))
const file = path.join(dir, 'survey.xlsx')
const org = path.join(dir, 'org.csv')

const rand = mulberry32(20261600)
const units = Array.from({ length: 100 }, (_, i) => `U${String(i + 1).padStart(3, '0')}`)
fs.writeFileSync(org, 'code,name,kind\n' + units.map((u, i) => `${u},部门${i + 1},department`).join('\n') + '\n')
const CHARS = '系统响应及时服务态度很好希望流程再简化一些数据准确报表清晰对接人更换频繁影响效率'

const t0 = Date.now()
const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false })
const ws = wb.addWorksheet('答卷')
ws.addRow(['序号', '您所在的部门', '被评价部门', '准确性', '及时性', '完整性', '专业性', '总体满意度', '合作意愿', '意见', '提交时间']).commit()
for (let i = 1; i <= rows; i++) {
  const a = Math.floor(rand() * 100)
  const b = (a + 1 + Math.floor(rand() * 99)) % 100
  const s = () => 1 + Math.floor(rand() * 5)
  let c = ''
  for (let k = 0, n = 10 + Math.floor(rand() * 31); k < n; k++) c += CHARS[Math.floor(rand() * CHARS.length)]
  ws.addRow([i, units[a], units[b], s(), s(), s(), s(), s(), s(), c, new Date(Date.UTC(2026, 3, 1 + (i % 28), 9, i % 60, 0))]).commit()
}
ws.commit()
await wb.commit()
console.log(`wrote ${rows.toLocaleString('en-US')} rows, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB, in ${((Date.now() - t0) / 1000).toFixed(1)} s`)

const db = path.join(dir, 'icm.db')
const env = { ...process.env, ICM_DB: db, ICM_ACTOR: 'bench', NO_COLOR: '1' }
execFileSync(process.execPath, [icm, 'unit', 'import', org], { env, stdio: 'ignore' })
execFileSync(process.execPath, [icm, 'survey', 'create', 'BENCH', '--title', 'bench', '--period', '2026-H1'], { env, stdio: 'ignore' })
const timeV = fs.existsSync('/usr/bin/time')
const start = process.hrtime.bigint()
const r = spawnSync(timeV ? '/usr/bin/time' : process.execPath, timeV ? ['-v', process.execPath, icm, 'survey', 'import', 'BENCH', file] : [icm, 'survey', 'import', 'BENCH', file], { env, encoding: 'utf8' })
const wall = Number(process.hrtime.bigint() - start) / 1e9
if (r.status !== 0) throw new Error(`import exited ${r.status}: ${r.stderr}`)
const rss = timeV ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]) / 1024 : NaN
console.log(`xlsx import: ${rows.toLocaleString('en-US')} rows in ${wall.toFixed(2)} s = ${Math.round(rows / wall).toLocaleString('en-US')} rows/s, peak RSS ${rss.toFixed(0)} MB`)
fs.rmSync(dir, { recursive: true, force: true })
