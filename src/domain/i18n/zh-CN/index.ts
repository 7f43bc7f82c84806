import type { en } from '../en/index.js'
import { cli } from './cli.js'
import { common } from './common.js'
import { files } from './files.js'
import { unit } from './unit.js'
import { process } from './process.js'
import { service } from './service.js'
import { action } from './action.js'
import { request } from './request.js'
import { complaint } from './complaint.js'
import { audit } from './audit.js'
import { report } from './report.js'
import { today } from './today.js'
import { admin } from './admin.js'
import { demo } from './demo.js'
import { htmlReport } from './html-report.js'
import { assess } from './assess.js'
import { assessExplain } from './assess-explain.js'
import { system } from './system.js'
import { surveyWide } from './survey-wide.js'
import { survey } from './survey.js'
import { surveyImport } from './survey-import.js'
import { project } from './project.js'
import { relation } from './relation.js'
import { recognition } from './recognition.js'
import { calendar } from './calendar.js'
import { log } from './log.js'
import { completion } from './completion.js'

/** Every message in simplified Chinese: the same keys and placeholders as the English catalog. */
export const zhCN = {
  ...cli,
  ...common,
  ...files,
  ...unit,
  ...process,
  ...service,
  ...action,
  ...request,
  ...complaint,
  ...audit,
  ...report,
  ...today,
  ...admin,
  ...demo,
  ...htmlReport,
  ...assess,
  ...assessExplain,
  ...system,
  ...surveyWide,
  ...survey,
  ...surveyImport,
  ...project,
  ...relation,
  ...recognition,
  ...calendar,
  ...log,
  ...completion,
} as const satisfies { readonly [K in keyof typeof en]: string }
