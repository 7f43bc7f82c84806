import type { en } from '../en/index.js'
import { cli } from './cli.js'
import { common } from './common.js'
import { htmlReport } from './html-report.js'

/** Every message in simplified Chinese: the same keys and placeholders as the English catalog. */
export const zhCN = {
  ...cli,
  ...common,
  ...htmlReport,
} as const satisfies { readonly [K in keyof typeof en]: string }
