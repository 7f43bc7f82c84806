import type { AppContext } from '../../cli/context.js'
import { formatCount } from '../../domain/counting.js'
import { t } from '../../domain/i18n/catalog.js'

/** The progress line of a long import on stderr (a terminal only), at most every 200 ms. */
export function progressPrinter(ctx: AppContext, total: number) {
  let lastAt = 0
  let shown = false
  return {
    update: (bytes: number, rows: number) => {
      const ms = performance.now()
      if (ms - lastAt < 200) return
      lastAt = ms
      shown = true
      const pct = total > 0 ? Math.floor((100 * bytes) / total) : 100
      ctx.io.err(`\r${t('survey.import.progress', { pct: String(pct).padStart(3), n: formatCount(rows) })} `)
    },
    clear: () => {
      if (shown) ctx.io.err('\r\x1b[2K')
      shown = false
    },
  }
}
