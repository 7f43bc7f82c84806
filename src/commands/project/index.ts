import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerProjectAdd } from './add.js'
import { registerProjectClose } from './close.js'
import { registerProjectList } from './list.js'
import { registerProjectMember } from './member.js'
import { registerProjectProgress } from './progress.js'
import { registerProjectShow } from './show.js'
import { t } from '../../domain/i18n/catalog.js'

/** Collaboration projects and joint problem solving across units (policy chapter 5). */
export function registerProject(program: Command, ctx: AppContext): void {
  const project = program.command('project').description(t('project.description'))
  registerProjectAdd(project, ctx)
  registerProjectMember(project, ctx)
  registerProjectProgress(project, ctx)
  registerProjectClose(project, ctx)
  registerProjectList(project, ctx)
  registerProjectShow(project, ctx)
}
