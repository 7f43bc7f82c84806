import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BACKEND, ROOT, spawnIcm, tempDir } from '../helpers/harness.js'

/**
 * The HTML reports opened in a real browser (DESIGN.md §9): Debian's Chromium, driven headless by
 * puppeteer-core (no browser download). .ci/run installs it; locally the test is skipped with a
 * line saying how to install it, but with CI=true a missing browser fails the run.
 */
const CHROMIUM = process.env.ICM_CHROMIUM ?? '/usr/bin/chromium'
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM)
const IN_CI = process.env.CI === 'true'
const OUTPUT = path.join(ROOT, 'test', 'output', 'report-browser')
const HOSTILE = '<script>window.__pwned = 1</script> & "采购"'

if (!HAVE_CHROMIUM && !IN_CI && BACKEND === 'sqlite') {
  console.log(`skipping the browser tests: no Chromium at ${CHROMIUM} (install it: sudo apt-get install chromium, or set ICM_CHROMIUM to its path)`)
}

describe.skipIf((!HAVE_CHROMIUM && !IN_CI) || BACKEND !== 'sqlite')('the reports in headless Chromium', () => {
  let browser: Browser
  let cwd: string
  let db: string
  const env = { ICM_NOW: '2026-07-01T10:00:00+08:00' }
  const icm = (args: string[]) => spawnIcm(['--db', db, ...args], { cwd, env })

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`CI=true but there is no Chromium at ${CHROMIUM}: .ci/run installs it (apt-get install chromium)`)
    cwd = tempDir()
    db = path.join(cwd, 'demo.db')
    expect((await spawnIcm(['demo', '--db', db], { cwd, env })).code).toBe(0)
    // a unit name that would be markup if it were not escaped, and the company name
    expect((await icm(['unit', 'update', 'PUR', '--name', HOSTILE])).code).toBe(0)
    expect((await icm(['config', 'set', 'org.name', '示例制造 <b>&</b>'])).code).toBe(0)
    expect((await icm(['assess', 'run', '--period', '2026-H1'])).code).toBe(0)
    expect((await icm(['assess', 'report', '--period', '2026-H1', '--out', 'report.html'])).code).toBe(0)
    expect((await icm(['survey', 'report', '2026H1-SERVICE', '--out', 'survey.html'])).code).toBe(0)
    fs.mkdirSync(OUTPUT, { recursive: true })
    browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'] })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
  })

  /** Opens a report, recording console errors, page errors and every request but the file itself. */
  async function open(file: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
    const page = await browser.newPage()
    const errors: string[] = []
    const requests: string[] = []
    const url = pathToFileURL(path.join(cwd, file)).href
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    page.on('pageerror', (e) => errors.push(String(e)))
    page.on('request', (r) => r.url() !== url && requests.push(r.url()))
    await page.setViewport({ width: 1100, height: 900 })
    await page.goto(url, { waitUntil: 'load' })
    return { page, errors, requests }
  }

  it('opens the assessment report with no console error and no request at all; names stay text', async () => {
    const { page, errors, requests } = await open('report.html')
    expect(errors).toEqual([])
    expect(requests).toEqual([])
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(await page.$$eval('script', (s) => s.length)).toBe(0)
    expect(await page.$eval('tr[data-unit="PUR"] td:nth-child(2)', (td) => td.textContent)).toBe(`PUR ${'<script>window.__pwned = 1</script> & "采购"'}`)
    expect(await page.$eval('.org', (p) => p.textContent)).toBe('示例制造 <b>&</b>')
    await page.screenshot({ path: path.join(OUTPUT, 'assess-report.png'), fullPage: true })
    await page.close()
  })

  it('has one table row per unit with the values of assess show --json', async () => {
    const show = JSON.parse((await icm(['assess', 'show', '--period', '2026-H1', '--json'])).stdout)
    const { page } = await open('report.html')
    const cells = await page.$$eval('table.scores tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())))
    const text = (v: number | null) => (v === null ? 'n/a' : v.toFixed(1))
    expect(cells).toEqual(
      show.rows.map((r: any) => [
        r.rank === null ? '' : String(r.rank),
        `${r.unit} ${r.name}`,
        ...['S', 'T', 'C', 'H', 'self', 'superior'].map((k) => text(r[k])),
        r.total === null ? 'insufficient data' : r.total.toFixed(1),
        r.grade ?? '',
        r.bonus === null ? '' : r.bonus.toFixed(2),
      ]),
    )
    await page.close()
  })

  it('draws one bar per graded unit, their heights in the order of the totals', async () => {
    const show = JSON.parse((await icm(['assess', 'show', '--period', '2026-H1', '--json'])).stdout)
    const graded = show.rows.filter((r: any) => r.total !== null)
    const { page } = await open('report.html')
    const heights = await page.$$eval('figure.totals-chart path[ecmeta_series_index="0"]', (ps) =>
      ps.map((p) => ({ index: Number(p.getAttribute('ecmeta_data_index')), height: (p as unknown as { getBBox: () => { height: number } }).getBBox().height })),
    )
    expect(heights).toHaveLength(graded.length)
    const totalsByIndex = new Map(show.rows.map((r: any, i: number) => [i, r.total]))
    for (const a of heights) {
      for (const b of heights) {
        const ta = totalsByIndex.get(a.index) as number
        const tb = totalsByIndex.get(b.index) as number
        if (ta > tb) expect(a.height).toBeGreaterThan(b.height)
      }
    }
    await page.close()
  })

  it('opens every <details>, and prints on a bounded number of A4 pages with no unit split', async () => {
    const { page } = await open('report.html')
    const count = await page.$$eval('details', (ds) => ds.length)
    expect(count).toBe(10)
    for (const summary of await page.$$('details > summary')) await summary.click()
    expect(await page.$$eval('details', (ds) => ds.every((d) => (d as unknown as { open: boolean }).open && d.querySelector('pre')!.getBoundingClientRect().height > 0))).toBe(true)
    await page.emulateMediaType('print')
    // every unit keeps together (break-inside: avoid) and fits on one A4 page (297 mm − 28 mm margins at 96 dpi)
    const units = await page.$$eval('.unit', (us) => us.map((u) => ({ breakInside: (globalThis as unknown as { getComputedStyle: (e: unknown) => { breakInside: string } }).getComputedStyle(u).breakInside, height: u.getBoundingClientRect().height })))
    expect(units).toHaveLength(10)
    for (const u of units) {
      expect(u.breakInside).toBe('avoid')
      expect(u.height).toBeLessThan(((297 - 28) / 25.4) * 96)
    }
    const pdf = Buffer.from(await page.pdf({ format: 'A4', printBackground: true }))
    fs.writeFileSync(path.join(OUTPUT, 'assess-report.pdf'), pdf)
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0
    expect(pages).toBeGreaterThanOrEqual(3)
    expect(pages).toBeLessThanOrEqual(24)
    await page.close()
  })

  it('opens the survey report with no console error and no request; its folded comments open', async () => {
    const { page, errors, requests } = await open('survey.html')
    expect(errors).toEqual([])
    expect(requests).toEqual([])
    expect(await page.$$eval('script', (s) => s.length)).toBe(0)
    for (const summary of await page.$$('details > summary')) await summary.click()
    expect(await page.$$eval('details', (ds) => ds.every((d) => (d as unknown as { open: boolean }).open))).toBe(true)
    await page.screenshot({ path: path.join(OUTPUT, 'survey-report.png'), fullPage: true })
    await page.close()
  })
})
