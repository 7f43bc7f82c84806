/** Shell completion (`icm completion`, the hidden `icm __complete`); the scripts themselves are never translated. */
export const completion = {
  'completion.shellArg': '{shells}',
  'completion.complete.description': 'answers the completion scripts: the codes of one kind that start with a prefix',
  'completion.complete.args': 'KIND PREFIX ({kinds}), or with --words: -- the words after icm',
  'completion.complete.words': 'complete the last of the words after `--` from the whole command tree (PowerShell)',
} as const
