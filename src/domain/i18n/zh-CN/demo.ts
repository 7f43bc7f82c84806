/** icm demo 自己的说明文字（它建立的示例公司是数据）。 */
export const demo = {
  'demo.description': '在新数据库中建立一家示例公司（默认 ./{file}；其中已有的示例数据库会被替换，其他文件除非加 --yes 否则拒绝覆盖），并显示其内部客户关系图和 {period} 考核表',
  'demo.yes': '即使文件不是以前的示例数据库也直接替换',
  'demo.server': '示例只会生成 SQLite 文件，不会写入数据库服务器',
  'demo.server.hint': '请指定一个文件：icm demo --db demo.db（之后可以用 icm db copy 复制过去）',
  'demo.notDemo': '{file} 已存在且不是 icm 示例数据库；不会替换它',
  'demo.notDemo.hint': '请换一个 --db，或加上 --yes 替换它',
  'demo.askReplace': '{file} 不是示例数据库。要用示例替换它吗？',
  'demo.cancelled': '已取消，未做任何修改',
  'demo.building': '正在 {file} 中建立示例公司 …',
  'demo.mapCaption': '示例公司的内部客户关系图（内部供方 → 内部客户）：',
  'demo.database': '示例数据库：{file}',
  'demo.next': '接下来可以试试：{explain}   ·   {rank}',
} as const
