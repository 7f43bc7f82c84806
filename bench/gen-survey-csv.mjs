// Writes a survey export for the import benchmark: N rows (default 1,000,000) rating 100 units,
// Chinese comments of 10–40 characters, some quoted with commas, doubled quotes and line breaks
// (about 140 MB for a million rows), and the units as an org CSV for `icm unit import`.
// Deterministic (a fixed seed), so runs compare; FIRST_ID starts the response ids elsewhere (and
// changes the seed), for a second file that does not collide with the first.
// With --no-ids the file has no response_id column (rows are then keyed by their content).
// Run: node bench/gen-survey-csv.mjs OUT.csv ORG.csv [rows] [FIRST_ID] [--no-ids]
import fs from 'node:fs'
import { mulberry32, UNIT_PREFIX, UNIT_KIND } from './lib/random.mjs'

const noIds = process.argv.includes('--no-ids')
const [out, org, rowsArg, firstArg] = process.argv.slice(2).filter((a) => a !== '--no-ids')
if (!out || !org) {
  console.error('usage: node bench/gen-survey-csv.mjs OUT.csv ORG.csv [rows] [FIRST_ID]')
  process.exit(2)
}
const rows = Number(rowsArg ?? 1_000_000)
const firstId = Number(firstArg ?? 1)

const rand = mulberry32(20260700 + firstId)
const pick = (xs) => xs[Math.floor(rand() * xs.length)]

const PREFIX = UNIT_PREFIX
const KIND = UNIT_KIND
const units = []
for (let i = 0; i < 100; i++) units.push({ code: `U${String(i + 1).padStart(3, '0')}`, name: `${PREFIX[Math.floor(i / 10)]}${KIND[i % 10]}` })
fs.writeFileSync(org, 'code,name,kind\n' + units.map((u) => `${u.code},${u.name},department`).join('\n') + '\n')

const CHARS = '系统响应及时服务态度很好希望流程再简化一些数据准确报表清晰对接人更换频繁影响效率沟通顺畅建议增加周末值班加急需求处理偏慢整体不错订餐能否接入谢谢'
function comment() {
  const len = 10 + Math.floor(rand() * 31)
  let s = ''
  for (let i = 0; i < len; i++) s += CHARS[Math.floor(rand() * CHARS.length)]
  const r = rand()
  if (r < 0.1) return `"${s.slice(0, 5)},${s.slice(5)}"`
  if (r < 0.13) return `"${s.slice(0, 4)}""加急""${s.slice(4)}"`
  if (r < 0.15) return `"${s.slice(0, 8)}\n${s.slice(8)}"`
  return s
}
const score = () => String(1 + Math.floor(rand() * 5))
const pad = (n) => String(n).padStart(2, '0')

const fd = fs.openSync(out, 'w')
let buf = (noIds ? '' : 'response_id,') + 'respondent_unit,rated_unit,accuracy,timeliness,completeness,professionalism,overall,loyalty,comment,submitted_at\n'
for (let i = firstId; i < firstId + rows; i++) {
  const a = Math.floor(rand() * 100)
  let b = Math.floor(rand() * 99)
  if (b >= a) b++
  const respondent = rand() < 0.5 ? units[a].code : units[a].name
  const rated = rand() < 0.5 ? units[b].code : units[b].name
  const month = 1 + Math.floor(rand() * 6)
  const day = 1 + Math.floor(rand() * 28)
  const at = `2026-${pad(month)}-${pad(day)} ${pad(8 + Math.floor(rand() * 12))}:${pad(Math.floor(rand() * 60))}:${pad(Math.floor(rand() * 60))}`
  buf += `${noIds ? '' : `${i},`}${respondent},${rated},${score()},${score()},${score()},${score()},${score()},${score()},${comment()},${at}\n`
  if (buf.length > 1 << 20) {
    fs.writeSync(fd, buf)
    buf = ''
  }
}
fs.writeSync(fd, buf)
fs.closeSync(fd)
console.error(`wrote ${rows.toLocaleString('en-US')} rows to ${out} (${(fs.statSync(out).size / 1e6).toFixed(1)} MB) and 100 units to ${org}`)
