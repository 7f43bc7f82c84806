import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { OfficialYear } from '../../domain/calendar/official-days.js'

/**
 * The official calendar data of the `chinese-days` package (dist/years/YYYY.json), read from
 * disk only when `icm calendar load` asks for it.
 */
export interface OfficialSource {
  /** 'chinese-days@1.5.7' */
  package: string
  /** the years the package has data for, ascending */
  years: number[]
  /** a year's data, or undefined when the package has none */
  year(y: number): OfficialYear | undefined
}

export function chineseDaysSource(): OfficialSource {
  const pkgJson = createRequire(import.meta.url).resolve('chinese-days/package.json')
  const root = path.dirname(pkgJson)
  const version = (JSON.parse(fs.readFileSync(pkgJson, 'utf8')) as { version: string }).version
  const dir = path.join(root, 'dist', 'years')
  const years = fs
    .readdirSync(dir)
    .map((f) => /^(\d{4})\.json$/.exec(f)?.[1])
    .filter((y): y is string => y !== undefined)
    .map(Number)
    .sort((a, b) => a - b)
  return {
    package: `chinese-days@${version}`,
    years,
    year(y) {
      if (!years.includes(y)) return undefined
      const data = JSON.parse(fs.readFileSync(path.join(dir, `${y}.json`), 'utf8')) as Partial<OfficialYear>
      return { holidays: data.holidays ?? {}, workdays: data.workdays ?? {} }
    },
  }
}
