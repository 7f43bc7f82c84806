import type { CommandGroup } from '../cli/context.js'

/**
 * Every command group and top-level command, in the order --help lists them, with the module that
 * registers it (loaded only when a run needs it). Groups never import one another.
 */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  { names: ['init', 'backup'], load: async () => (await import('./admin/index.js')).registerAdmin },
  { names: ['check'], load: async () => (await import('./check/index.js')).registerCheck },
  { names: ['demo'], load: async () => (await import('./demo/index.js')).registerDemo },
  { names: ['unit'], load: async () => (await import('./unit/index.js')).registerUnit },
  { names: ['process'], load: async () => (await import('./process/index.js')).registerProcess },
  { names: ['dependency'], load: async () => (await import('./dependency/index.js')).registerDependency },
  { names: ['link'], load: async () => (await import('./link/index.js')).registerLink },
  { names: ['customer'], load: async () => (await import('./customer/index.js')).registerCustomer },
  { names: ['service'], load: async () => (await import('./service/index.js')).registerService },
  { names: ['request'], load: async () => (await import('./request/index.js')).registerRequest },
  { names: ['survey'], load: async () => (await import('./survey/index.js')).registerSurvey },
  { names: ['visit'], load: async () => (await import('./visit/index.js')).registerVisit },
  { names: ['relation'], load: async () => (await import('./relation/index.js')).registerRelation },
  { names: ['project'], load: async () => (await import('./project/index.js')).registerProject },
  { names: ['recognition'], load: async () => (await import('./recognition/index.js')).registerRecognition },
  { names: ['complaint'], load: async () => (await import('./complaint/index.js')).registerComplaint },
  { names: ['action'], load: async () => (await import('./action/index.js')).registerAction },
  { names: ['audit'], load: async () => (await import('./audit/index.js')).registerAudit },
  { names: ['report'], load: async () => (await import('./report/index.js')).registerReport },
  { names: ['assess'], load: async () => (await import('./assess/index.js')).registerAssess },
  { names: ['config'], load: async () => (await import('./config/index.js')).registerConfig },
  { names: ['calendar'], load: async () => (await import('./calendar/index.js')).registerCalendar },
  { names: ['today', 'notify'], load: async () => (await import('./today/index.js')).registerTodayGroup },
  { names: ['log'], load: async () => (await import('./log/index.js')).registerLog },
  { names: ['db'], load: async () => (await import('./db/index.js')).registerDb },
  { names: ['completion', '__complete'], load: async () => (await import('./completion/index.js')).registerCompletion },
]

