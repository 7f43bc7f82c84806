import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { mapHeaders } from '../../src/domain/surveys/header-aliases.js'
import type { Store } from '../../src/storage/database.js'
import { openStore } from '../../src/storage/open.js'
import { importSurveyFile, readSurveyFileHead, sha256OfFile, type SurveyImportRequest } from '../../src/storage/survey-import/import.js'
import { findSurveyByCode } from '../../src/storage/surveys-repo.js'
import { FIXTURES, cli, queryRows, writeFile } from '../helpers/harness.js'

const stores: Store[] = []
afterEach(async () => {
  while (stores.length) await stores.pop()!.close()
})

/** A database with the fixture organisation and survey S, and the import of `file` into it as `icm survey import` asks for it. */
async function setup() {
  const t = cli()
  await t.ok(['unit', 'import', path.join(FIXTURES, 'org.csv')])
  await t.ok(['survey', 'create', 'S', '--title', 's', '--period', '2026-H1'])
  const store = await openStore(t.db)
  stores.push(store)
  const request = async (file: string, o: Partial<SurveyImportRequest> = {}): Promise<SurveyImportRequest> => {
    const head = readSurveyFileHead(file, path.basename(file), {})
    return {
      survey: (await findSurveyByCode(store.db, 'S'))!,
      file,
      shown: path.basename(file),
      head,
      mapping: mapHeaders(head.headers),
      sha256: sha256OfFile(file),
      dryRun: false,
      skipInvalid: false,
      force: false,
      actor: 'tester',
      now: new Date('2026-07-01T02:00:00Z'),
      event: (details) => ({ at: new Date('2026-07-01T02:00:00Z'), actor: 'tester', host: 'h', action: 'survey.import', entity: 'S', details }),
      ...o,
    }
  }
  return { t, store, request }
}

const A = 'response_id,rated_unit,overall\n1,IT,4\n2,HR,5\n3,FIN,3\n4,IT,2\n'
const B = 'response_id,rated_unit,overall\n3,FIN,3\n4,IT,5\n5,HR,4\n6,IT,3\n'

describe('the final step of a survey import', () => {
  it('analyses again when another import of the survey committed after the analysis: its rows are already present or conflict', async () => {
    const { t, store, request } = await setup()
    const a = writeFile(t.dir, 'a.csv', A)
    const b = writeFile(t.dir, 'b.csv', B)
    const rejects = path.join(t.dir, 'bad.csv')
    // b.csv is analysed against an empty survey; a.csv, with ids 3 and 4, commits before b.csv's final step.
    const r = await importSurveyFile(store, await request(b, { skipInvalid: true, rejects, beforeFinalStep: async () => void (await t.ok(['survey', 'import', 'S', a])) }))
    expect(r).toMatchObject({ batchId: 2, read: 4, imported: 2, alreadyPresent: 1, rejected: 1 })
    expect(fs.readFileSync(rejects, 'utf8').split('\r\n')[1]).toBe('3,"response id 4 is also in a.csv line 5 (imported before, batch 1) with other content",4,IT,5')
    const rows = await queryRows<{ batch_id: number; response_id: string }>(t.db, 'select batch_id, response_id from survey_responses order by id')
    expect(rows.map((x) => `${x.batch_id}:${x.response_id}`)).toEqual(['1:1', '1:2', '1:3', '1:4', '2:5', '2:6'])
    // The batch's sums are those of the rows it inserted: HR 4 and IT 3.
    const sums = await queryRows<{ responses: number; overall_sum: number }>(t.db, 'select responses, overall_sum from survey_score_sums where batch_id = 2 order by rated_id')
    expect(sums.reduce((n, s) => n + Number(s.responses), 0)).toBe(2)
    expect(sums.reduce((n, s) => n + Number(s.overall_sum), 0)).toBe(7)
  })

  it('refuses, writing nothing, when the second analysis finds a conflict and bad lines are not skipped', async () => {
    const { t, store, request } = await setup()
    const a = writeFile(t.dir, 'a.csv', A)
    const b = writeFile(t.dir, 'b.csv', B)
    const req = await request(b, { beforeFinalStep: async () => void (await t.ok(['survey', 'import', 'S', a])) })
    await expect(importSurveyFile(store, req)).rejects.toMatchObject({
      exitCode: 5,
      message: 'b.csv line 3: response id 4 is also in a.csv line 5 (imported before, batch 1) with other content; nothing imported',
    })
    expect(await queryRows(t.db, 'select count(*) as n from survey_batches')).toEqual([{ n: 1 }])
    expect(await queryRows(t.db, 'select count(*) as n from survey_responses')).toEqual([{ n: 4 }])
  })

  it('refuses the file when the same file was imported after the analysis', async () => {
    const { t, store, request } = await setup()
    const a = writeFile(t.dir, 'a.csv', A)
    const req = await request(a, { beforeFinalStep: async () => void (await t.ok(['survey', 'import', 'S', writeFile(t.dir, 'copy.csv', A)])) })
    await expect(importSurveyFile(store, req)).rejects.toMatchObject({ exitCode: 5, message: expect.stringContaining('a.csv was already imported into S as copy.csv (batch 1') })
    expect(await queryRows(t.db, 'select count(*) as n from survey_batches')).toEqual([{ n: 1 }])
  })
})
