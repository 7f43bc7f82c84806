import type { AppContext } from '../../cli/context.js'
import { counted } from '../../domain/counting.js'

/** The progress line of a long import on stderr (a terminal only), at most every 200 ms. */
export function progressPrinter(ctx: AppContext, total: number) {
  let lastAt = 0
  let shown = false
  return {
    update: (bytes: number, rows: number) => {
      const t = performance.now()
      if (t - lastAt < 200) return
      lastAt = t
      shown = true
      const pct = total > 0 ? Math.floor((100 * bytes) / total) : 100
      ctx.io.err(`\rimporting: ${String(pct).padStart(3)}% · ${counted(rows, 'row')} `)
    },
    clear: () => {
      if (shown) ctx.io.err('\r\x1b[2K')
      shown = false
    },
  }
}
