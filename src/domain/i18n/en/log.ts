/** The audit trail (`icm log`). */
export const log = {
  'log.description': 'Show the audit trail (newest last)',
  'log.entity': 'only events about this code, e.g. REQ-0007 or IT',
  'log.since': 'only events at or after this date or date-time',
  'log.limit': 'at most this many of the newest events',
  'log.full': 'on a terminal: the whole details and the host (default: one line per event, cut to the width)',
  'log.after': '\nOn a terminal each event is one line, cut to the terminal width; a longer list goes through $PAGER\nwhen it is set. Piped, every field is printed in full as tab-separated lines; --json is unchanged.',
  'log.empty': 'no events match',
  'log.col.at': 'at',
  'log.col.actor': 'actor',
  'log.col.host': 'host',
  'log.col.action': 'action',
  'log.col.entity': 'entity',
  'log.col.details': 'details',
} as const
