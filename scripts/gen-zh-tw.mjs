// Writes src/domain/i18n/zh-TW/ (one generated file per area of the simplified catalog, the enum
// labels and an index) from src/domain/i18n/zh-CN. Run: npm run i18n
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ZH_TW_TERMS } from '../src/domain/i18n/zh-TW-terms.ts'
import { ENUM_LABELS } from '../src/domain/i18n/enums.ts'
import { zhCnAreas, zhTwFiles } from './zh-tw.mjs'

const i18n = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'domain', 'i18n')
const out = path.join(i18n, 'zh-TW')
const files = zhTwFiles(await zhCnAreas(path.join(i18n, 'zh-CN')), ZH_TW_TERMS, ENUM_LABELS)
fs.rmSync(out, { recursive: true, force: true })
fs.mkdirSync(out)
for (const [name, source] of Object.entries(files)) fs.writeFileSync(path.join(out, name), source)
console.log(`zh-TW: ${Object.keys(files).length} files`)
