import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { environmentError, reportError } from '../../src/cli/errors.js'
import { testIO } from '../../src/cli/io.js'
import { useLanguage } from '../../src/domain/i18n/catalog.js'
import { databaseLockedError } from '../../src/storage/dialect.js'
import { parsePgUrl } from '../../src/storage/postgres-store.js'
import { BACKEND, FIXTURES, cli } from '../helpers/harness.js'

// The shared system messages in simplified Chinese (DESIGN.md §7): files read and written, the
// database, shared option values and the warning prefix. The exit codes do not change.
afterEach(async () => {
  await useLanguage('en')
})

const zh = (args: string[]) => ['--lang', 'zh-CN', ...args]
/** a database file and icm backup: SQLite only (PostgreSQL is backed up with pg_dump) */
const sqliteOnly = BACKEND !== 'sqlite'

/** The fixture organisation; the clock is Wed 2026-07-01 10:00 (+08:00). */
async function company() {
  const t = cli({ now: '2026-07-01T10:00:00+08:00' })
  await t.ok(['unit', 'import', path.join(FIXTURES, 'org.csv')])
  return t
}

describe('system messages in Chinese', () => {
  it.skipIf(sqliteOnly)('a read command on a missing database: exit 4, nothing created', async () => {
    const t = cli()
    const r = await t.run(zh(['log']))
    expect(r.code).toBe(4)
    expect(r.stderr).toBe(`icm: ${t.db} 处没有 icm 数据库 (可用 icm init 新建；请检查 --db 或 ICM_DB)\n`)
    expect(fs.readdirSync(t.dir)).toEqual([])
  })

  it.skipIf(sqliteOnly)('an existing output file without --yes: exit 3; on a terminal it asks, and no keeps it', async () => {
    const t = await company()
    const out = path.join(t.dir, 'copy.db')
    fs.writeFileSync(out, 'keep me')
    const refused = await t.run(zh(['backup', out]))
    expect(refused.code).toBe(3)
    expect(refused.stderr).toBe(`icm: ${out} 已存在，不予覆盖 (如需覆盖请加 --yes，或换一个文件名)\n`)
    const declined = await t.run(zh(['backup', out]), { tty: true, answers: [false] })
    expect(declined.code).toBe(0)
    expect(declined.stderr).toBe('已取消，未写入任何内容\n')
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me')
    const db = await t.run(zh(['backup', t.db, '--yes']))
    expect(db.code).toBe(3)
    expect(db.stderr).toBe(`icm: 拒绝写入 FILE ${t.db}：它是数据库文件本身；未写入任何内容 (请换一个文件名)\n`)
  })

  it('a missing input file: exit 4; a folder given as input: exit 3', async () => {
    const t = await company()
    const missing = await t.run(zh(['unit', 'import', 'nope.csv']))
    expect(missing.code).toBe(4)
    expect(missing.stderr).toBe('icm: 找不到文件：nope.csv (请检查路径)\n')
    fs.mkdirSync(path.join(t.dir, 'units'))
    const folder = await t.run(zh(['unit', 'import', 'units']))
    expect(folder.code).toBe(3)
    expect(folder.stderr).toBe('icm: units 是文件夹，不是文件 (请给出文件的路径)\n')
    fs.writeFileSync(path.join(t.dir, 'empty.csv'), '\n\n')
    const empty = await t.run(zh(['unit', 'import', 'empty.csv']))
    expect(empty.code).toBe(3)
    expect(empty.stderr).toBe('icm: empty.csv 是空文件 (第一行须为标题行（列名）)\n')
  })

  it('a whole number out of range: exit 3; typed full-width it is read', async () => {
    const t = await company()
    const r = await t.run(zh(['log', '--limit', '0']))
    expect(r.code).toBe(3)
    expect(r.stderr).toBe("icm: --limit 须为 1 至 1000000 的整数，收到的是 '0'\n")
    await t.ok(['unit', 'add', 'QMO', '--name', '质量管理办公室', '--kind', 'department'])
    expect((await t.ok(['log', '--json'])).json()).toHaveLength(2)
    const wide = await t.ok(['log', '--limit', '１', '--json'])
    expect(wide.json()).toHaveLength(1)
  })

  it('--at in the future: exit 3, nothing logged', async () => {
    const t = await company()
    const r = await t.run(zh(['request', 'log', '--from', 'HR', '--to', 'IT', '--title', '考勤报表', '--at', '2026-07-02 09:00']))
    expect(r.code).toBe(3)
    expect(r.stderr).toBe('icm: --at 2026-07-02 09:00 是将来的时间（现在是 2026-07-01T10:00:00+08:00） (--at 用于登记已经发生的事情的时间)\n')
    expect((await t.ok(['request', 'list', '--json'])).json()).toEqual([])
  })

  it('a warning line says 警告', async () => {
    const t = await company()
    const r = await t.ok(zh(['visit', 'log', '--by', 'WH', '--customer', 'RD']))
    expect(r.stdout).toBe('VIS-0001\n')
    expect(r.stderr).toMatch(/^icm: 警告：/m)
    expect(r.stderr).not.toContain('warning')
  })

  it('English stays as it was', async () => {
    const t = await company()
    const r = await t.run(['unit', 'import', 'nope.csv'])
    expect(r.stderr).toBe('icm: file not found: nope.csv (check the path)\n')
    const w = await t.ok(['visit', 'log', '--by', 'WH', '--customer', 'RD'])
    expect(w.stderr).toContain('icm: warning: ')
  })
})

describe('failures of the machine in Chinese', () => {
  const failure = (code: string, path?: string) => Object.assign(new Error(`${code}: boom`), { code, ...(path ? { path } : {}) })

  it('names a full disk, a read-only file system, a damaged or locked database; exit 3', async () => {
    await useLanguage('zh-CN')
    expect(environmentError(failure('ENOSPC', '/data/out.csv'), '/db/icm.db')?.message).toBe('无法写入 /data/out.csv：磁盘已满；未写入任何内容')
    expect(environmentError(failure('EROFS'))?.message).toBe('无法写入 某个文件：文件系统是只读的；未写入任何内容')
    const damaged = environmentError(failure('SQLITE_CORRUPT'), '/db/icm.db')
    expect([damaged?.exitCode, damaged?.message, damaged?.hint]).toEqual([3, '数据库文件已损坏：/db/icm.db', '请运行 icm check；从备份恢复'])
    expect(databaseLockedError('/db/icm.db', 5000).message).toBe('数据库 /db/icm.db 仍被另一个 icm 命令锁定（已等待 5 秒）；未做任何更改')
  })

  it('a bad PostgreSQL URL is named in Chinese, exit 3', async () => {
    await useLanguage('zh-CN')
    expect(() => parsePgUrl('postgres://icm@db/icm?schema=Bad-Name')).toThrow("数据库 URL 中的模式名 'Bad-Name' 无效")
    expect(() => parsePgUrl('mysql://icm@db/icm')).toThrow("不支持的数据库 URL 协议 'mysql'")
  })

  it('an unexpected error still says it is a bug, exit 1', async () => {
    await useLanguage('zh-CN')
    const io = testIO()
    expect(reportError(new TypeError('x is undefined'), io, false)).toBe(1)
    expect(io.stderr()).toBe('icm: 意外错误：x is undefined (这是程序缺陷；请设置 ICM_DEBUG=1 重新运行以查看调用栈)\n')
  })
})
