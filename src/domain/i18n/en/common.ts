/** Messages every area shares: fixed values, dates, periods, numbers. */
export const common = {
  'enum.invalid': 'invalid {what} {text}',
  'enum.invalid.hint': 'use one of: {values}',
  'lookup.unknownUnit': 'unknown {what} {ref}',
  'lookup.unknownUnit.hint': 'see icm unit list',
  'lookup.didYouMean': 'did you mean {units}?',
  'lookup.or': ' or ',
  'lookup.ambiguousUnit': '{what} {ref} is ambiguous: it fits {units}',
  'lookup.ambiguousUnit.hint': 'use the unit code',
  'lookup.unknownService': 'unknown service {code}',
  'lookup.unknownService.hint': 'see icm service list',
} as const
