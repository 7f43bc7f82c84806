/** 各处共用的提示：固定取值、日期、期间、数字。 */
export const common = {
  'enum.invalid': '{what} 的取值无效：{text}',
  'enum.invalid.hint': '可用：{values}',
} as const
