/** Messages every area shares: fixed values, dates, periods, numbers. */
export const common = {
  'enum.invalid': 'invalid {what} {text}',
  'enum.invalid.hint': 'use one of: {values}',
} as const
