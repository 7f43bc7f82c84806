import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dbState, writeFile } from '../helpers/harness.js'
import { cli } from '../helpers/harness.js'

async function surveyWithComments() {
  const t = cli()
  await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
  await t.ok(['unit', 'add', 'HR', '--name', '人力资源部', '--kind', 'department'])
  await t.ok(['survey', 'create', '2026H1-SERVICE', '--title', '2026上半年内部服务满意度', '--period', '2026-H1'])
  const lines = ['response_id,respondent_unit,rated_unit,accuracy,timeliness,overall,comment']
  // IT: seven responses, accuracy 4, timeliness 2 or 3, overall 4 → lowest timeliness; seven comments (five shown, two folded)
  for (let i = 1; i <= 7; i++) lines.push(`${i},HR,IT,4,${i % 2 === 0 ? 2 : 3},4,"comment ${i}${i === 7 ? ' <script>alert(1)</script> & ""q""' : ''}"`)
  lines.push('8,IT,HR,5,5,5,')
  await t.ok(['survey', 'import', '2026H1-SERVICE', writeFile(t.dir, 's.csv', `${lines.join('\n')}\n`)])
  return t
}

describe('icm survey report', () => {
  it('writes each rated unit with its means, lowest dimension, satisfaction index and comments (escaped, long lists folded)', async () => {
    const t = await surveyWithComments()
    const out = path.join(t.dir, 'survey.html')
    const r = await t.ok(['survey', 'report', '2026H1-SERVICE', '--out', out, '--json'])
    expect(r.json()).toMatchObject({ file: out, survey: '2026H1-SERVICE', units: 2, responses: 8 })
    const doc = fs.readFileSync(out, 'utf8')
    expect(doc).not.toMatch(/<script/i)
    expect(doc).toContain('comment 7 &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;')
    expect(doc.match(/<tr data-unit="/g)).toHaveLength(2)
    // IT: overall 4 → (4 − 1)/4 × 100 = 75.0; timeliness mean (3+2+3+2+3+2+3)/7 = 2.57, the lowest
    expect(doc).toMatch(/<tr data-unit="IT">.*<td class="num">2\.57<\/td>.*<td class="num">75\.0<\/td><td>timeliness<\/td>/)
    // HR: one response, below assess.min_responses → n/a; it answered one dimension only, so none is the lowest
    expect(doc).toMatch(/<tr data-unit="HR">.*<td class="num na">n\/a<\/td><td><\/td>/)
    expect(doc).toContain('7 comments')
    expect(doc.match(/<details>/g)).toHaveLength(1)
    expect(doc).toContain('<summary>all 7 comments</summary>')
  })

  it('refuses an unknown survey (4) and an output not ending in .html (3), writing nothing', async () => {
    const t = await surveyWithComments()
    const before = await dbState(t.db)
    const unknown = await t.run(['survey', 'report', 'NOPE', '--out', 'x.html'])
    expect(unknown.code).toBe(4)
    const txt = await t.run(['survey', 'report', '2026H1-SERVICE', '--out', 'x.txt'])
    expect(txt.code).toBe(3)
    expect(txt.stderr).toContain("--out 'x.txt' must end in .html")
    expect(fs.existsSync(path.join(t.dir, 'x.html'))).toBe(false)
    expect(await dbState(t.db)).toBe(before)
  })
})
