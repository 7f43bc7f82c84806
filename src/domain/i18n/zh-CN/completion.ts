/** 命令行补全（`icm completion` 与内部使用的 `icm __complete`）；补全脚本本身从不翻译。 */
export const completion = {
  'completion.shellArg': '命令行外壳：{shells}',
  'completion.complete.description': '供补全脚本调用：列出某类以给定前缀开头的编号',
  'completion.complete.args': '类别 前缀（{kinds}），或加 --words：-- 之后为 icm 后面的各个词',
  'completion.complete.words': '根据整个命令树补全 `--` 之后的最后一个词（PowerShell 使用）',
} as const
