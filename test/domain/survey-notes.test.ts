import { afterEach, describe, expect, it } from 'vitest'
import { useLanguage } from '../../src/domain/i18n/catalog.js'
import { note, noteShown, shownNote } from '../../src/domain/surveys/survey-notes.js'

afterEach(async () => {
  await useLanguage('en')
})

describe('survey import notes: English data, read in the interface language', () => {
  it('is English text, shown as it is in English', () => {
    const text = note('surveyImport.note.noId')
    expect(text).toBe('no response id column: a row imported before is recognised by its content')
    expect(shownNote(text)).toBe(text)
  })

  it('keeps the English text for --json and shows the translation in Chinese, only while Chinese is spoken', async () => {
    await useLanguage('zh-CN')
    const text = noteShown('surveyImport.note.noScoreColumns', { fields: 'completeness, professionalism' }, { fields: '完整性、专业性' })
    expect(text).toBe('no column for completeness, professionalism: those scores stay empty')
    expect(shownNote(text)).toBe('没有 完整性、专业性 列：这些评分留空')
    expect(shownNote('any other text')).toBe('any other text')
    await useLanguage('en')
    expect(shownNote(text)).toBe(text)
  })
})
