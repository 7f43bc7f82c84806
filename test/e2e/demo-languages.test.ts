import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { useLanguage } from '../../src/domain/i18n/catalog.js'
import { cli, spawnIcm, tempDir } from '../helpers/harness.js'

// The demo in Chinese (DESIGN.md §7, issue 14): what a person reads on a terminal has no English
// word left, `assess explain` included; what a script reads (--json) is byte-identical in every
// language.

afterEach(async () => {
  await useLanguage('en')
})

const NOW = '2026-07-01T10:00:00+08:00'

/**
 * English words a person would read: words of three letters or more, once what stays as typed is
 * taken out — unit, process and grade codes (capitals: IT, HR-REC, O2D, S), icm command lines
 * (the "try next" hints), flags, file names, and the names of products and units of measure.
 */
function englishWords(text: string): string[] {
  const kept = text
    .replace(/(^|[\s：:，,（(])icm( +[^\s·]+)*/gm, ' ') // a command line to type, up to the next separator
    .replace(/[\w./-]+\.(db|csv|xlsx|html)\b/g, ' ')
    .replace(/--?[a-z][a-z0-9-]*/gi, ' ')
    .replace(/\b[A-Z][A-Z0-9-]*\b/g, ' ')
    .replace(/#\d+→#\d+/g, ' ')
  return [...new Set((kept.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !/^(ERP|ms|KPI)$/.test(w)))]
}

describe.each([
  ['zh_CN.UTF-8', '示例'],
  ['zh_TW.UTF-8', '示例'],
])('the demo under LANG=%s', (lang, word) => {
  it('speaks only Chinese on a terminal, assess explain included', async () => {
    const t = cli({ now: NOW, env: { LANG: lang } })
    const db = path.join(t.dir, 'demo.db') // the demo is an SQLite file, whichever backend the suite runs on
    const demo = await t.ok(['--db', db, 'demo'], { tty: true, columns: 200 })
    const read = demo.stdout + demo.stderr
    expect(read).toContain(word)
    expect(englishWords(read)).toEqual([])
    for (const args of [
      ['assess', 'explain', '--period', '2026-H1', '--unit', 'IT'],
      ['assess', 'show', '--period', '2026-H1'],
      ['request', 'rank', '--to', 'IT'],
      ['complaint', 'list'],
      ['today'],
    ]) {
      const r = await t.ok(['--db', db, ...args], { tty: true, columns: 200 })
      expect(englishWords(r.stdout + r.stderr), `icm ${args.join(' ')}\n${r.stdout}${r.stderr}`).toEqual([])
    }
  })
})

describe('--json does not change with the language', () => {
  it('is byte-identical under LANG=C, zh_CN and zh_TW', async () => {
    const cwd = tempDir()
    const db = path.join(cwd, 'demo.db')
    const base = { ICM_NOW: NOW, ICM_DB: db }
    await spawnIcm(['demo', '--db', db], { cwd, env: base })
    expect(fs.existsSync(db)).toBe(true)
    const commands = [
      ['assess', 'show', '--period', '2026-H1', '--json'],
      ['assess', 'explain', '--period', '2026-H1', '--unit', 'IT', '--json'],
      ['request', 'list', '--json'],
      ['complaint', 'list', '--json'],
      ['unit', 'list', '--json'],
      ['customer', 'map', '--json'],
      ['today', '--json'],
      ['check', '--json'],
    ]
    for (const args of commands) {
      const [c, cn, tw] = await Promise.all(['C', 'zh_CN.UTF-8', 'zh_TW.UTF-8'].map((LANG) => spawnIcm(args, { cwd, env: { ...base, LANG } })))
      expect(c!.code, `icm ${args.join(' ')}: ${c!.stderr}`).toBe(0)
      expect(cn!.stdout, `icm ${args.join(' ')} under zh_CN`).toBe(c!.stdout)
      expect(tw!.stdout, `icm ${args.join(' ')} under zh_TW`).toBe(c!.stdout)
    }
  })
})
