import type { Migration } from 'kysely'
import * as m001 from './2026_11_26_001_foundation.js'
import * as m002 from './2026_11_26_002_requests.js'
import * as m003 from './2026_11_26_003_actions.js'
import * as m004 from './2026_11_26_004_complaints.js'
import * as m005 from './2026_11_26_005_surveys.js'
import * as m006 from './2026_11_26_006_collaboration.js'
import * as m007 from './2026_11_26_007_assessments.js'
import * as m008 from './2026_11_28_001_event_chain.js'
import * as m010 from './2026_11_28_003_assessment_levels.js'
import * as m011 from './2026_11_28_004_complaint_milestones.js'
import * as m012 from './2026_11_28_005_recognition_rewards.js'
import * as m013 from './2026_11_29_001_superseded_responses.js'
import * as m014 from './2026_11_29_002_responses_by_survey_index.js'
import * as m015 from './2026_11_29_003_batch_id_prefix.js'

/**
 * Every migration, in order. Names sort in the order they run; a database that holds a name not
 * listed here was written by a newer icm and is refused.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '2026_11_26_001_foundation': m001,
  '2026_11_26_002_requests': m002,
  '2026_11_26_003_actions': m003,
  '2026_11_26_004_complaints': m004,
  '2026_11_26_005_surveys': m005,
  '2026_11_26_006_collaboration': m006,
  '2026_11_26_007_assessments': m007,
  '2026_11_28_001_event_chain': m008,
  '2026_11_28_003_assessment_levels': m010,
  '2026_11_28_004_complaint_milestones': m011,
  '2026_11_28_005_recognition_rewards': m012,
  '2026_11_29_001_superseded_responses': m013,
  '2026_11_29_002_responses_by_survey_index': m014,
  '2026_11_29_003_batch_id_prefix': m015,
}

