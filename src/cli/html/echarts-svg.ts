import { GRADE_COLOURS } from './page.js'

/**
 * Charts drawn with Apache ECharts' server-side SVG renderer. ECharts is loaded here, on the
 * first chart, so it costs nothing to the commands that draw none.
 */
type ECharts = typeof import('echarts')

let loaded: ECharts | undefined

async function echarts(): Promise<ECharts> {
  loaded ??= await import('echarts')
  return loaded
}

/** One chart as an SVG string. */
async function renderSvg(option: Record<string, unknown>, width: number, height: number): Promise<string> {
  const e = await echarts()
  const chart = e.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({ animation: false, ...option })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

export interface TotalBar {
  label: string
  /** null: insufficient data, no bar */
  total: number | null
  grade: string | null
}

export interface GradeBand {
  grade: string
  from: number
  to: number
}

/**
 * The totals as bars (series 0, one bar per graded unit, coloured by grade) over the grade bands
 * (light bands behind, named at the right). Labels are shown while they fit.
 */
export async function totalsChart(bars: readonly TotalBar[], bands: readonly GradeBand[], opts: { width?: number; height?: number } = {}): Promise<string> {
  const width = opts.width ?? 760
  const height = opts.height ?? 340
  const showLabels = bars.length <= 40
  return renderSvg(
    {
      grid: { left: 40, right: 36, top: 16, bottom: showLabels ? 90 : 20 },
      xAxis: { type: 'category', data: bars.map((b) => b.label), axisLabel: { show: showLabels, rotate: 45, interval: 0, fontSize: 11 }, axisTick: { show: false } },
      yAxis: { type: 'value', min: 0, max: 100, interval: 10, axisLabel: { fontSize: 11 } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 36,
          data: bars.map((b) => (b.total === null ? '-' : { value: b.total, itemStyle: { color: GRADE_COLOURS[b.grade ?? ''] ?? '#888' } })),
          label: { show: showLabels, position: 'top', fontSize: 10, formatter: (p: { value: number }) => p.value.toFixed(1) },
        },
        {
          type: 'line',
          data: [],
          silent: true,
          markArea: {
            silent: true,
            data: bands.map((b) => [
              { yAxis: b.from, itemStyle: { color: GRADE_COLOURS[b.grade], opacity: 0.1 }, label: { show: true, position: 'right', formatter: b.grade, color: GRADE_COLOURS[b.grade], fontWeight: 'bold' } },
              { yAxis: b.to },
            ]),
          },
        },
      ],
    },
    width,
    height,
  )
}
