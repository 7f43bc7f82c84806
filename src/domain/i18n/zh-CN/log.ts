/** 操作日志（`icm log`）。 */
export const log = {
  'log.description': '查看操作日志（最新的在最后）',
  'log.entity': '只看与该编号有关的记录，例如 REQ-0007 或 IT',
  'log.since': '只看该日期或时间及以后的记录',
  'log.limit': '最多显示最近的多少条',
  'log.full': '在终端上显示完整详情和主机（默认每条一行，按终端宽度截断）',
  'log.after': '\n在终端上每条记录占一行，按终端宽度截断；记录较多且设置了 $PAGER 时分页显示。\n输出到管道时，每个字段完整输出为制表符分隔的行；--json 不受影响。',
  'log.empty': '没有符合条件的记录',
  'log.col.at': '时间',
  'log.col.actor': '操作人',
  'log.col.host': '主机',
  'log.col.action': '操作',
  'log.col.entity': '对象',
  'log.col.details': '详情',
} as const
