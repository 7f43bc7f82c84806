/** 各处共用的提示：固定取值、日期、期间、数字。 */
export const common = {
  'enum.invalid': '{what} 的取值无效：{text}',
  'enum.invalid.hint': '可用：{values}',
  'lookup.unknownUnit': '找不到{what} {ref}',
  'lookup.unknownUnit.hint': '可用 icm unit list 查看所有单位',
  'lookup.didYouMean': '您是不是要找 {units}？',
  'lookup.or': ' 或 ',
  'lookup.ambiguousUnit': '{what} {ref} 不明确：可能是 {units}',
  'lookup.ambiguousUnit.hint': '请使用单位代码',
  'lookup.unknownService': '找不到服务 {code}',
  'lookup.unknownService.hint': '可用 icm service list 查看服务目录',
} as const
