// Writes src/domain/i18n/zh-TW.generated.ts from the simplified catalog. Run: npm run i18n
import fs from 'node:fs'
import { zhCN } from '../src/domain/i18n/zh-CN/index.ts'
import { ZH_TW_TERMS } from '../src/domain/i18n/zh-TW-terms.ts'
import { ENUM_LABELS } from '../src/domain/i18n/enums.ts'
import { zhTwSource } from './zh-tw.mjs'

fs.writeFileSync(new URL('../src/domain/i18n/zh-TW.generated.ts', import.meta.url), zhTwSource(zhCN, ZH_TW_TERMS, ENUM_LABELS))
console.log(`zh-TW: ${Object.keys(zhCN).length} messages`)
