import type { Icm } from './runner.js'

/**
 * The demo's complaints (policy chapter 7), back-dated over 2026-H1 through the real commands:
 * one complaint in every state, three against IT (one closed on time, one closed late after a
 * dispute and a failed verification, one anonymous and overdue), one against WH, one against HR
 * handled by someone other than the designated handler, and one just received.
 */
export async function demoComplaints(icm: Icm): Promise<void> {
  await icm('config', 'set', 'complaint.handler', '王敏')

  // Verified resolved before its deadline, with a prevention action that was carried out.
  const c1 = (await icm.json('complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', 'email', '--summary', '考勤系统月底频繁宕机，员工无法打卡', '--at', '2026-01-12T09:40')).code
  await icm('complaint', 'investigate', c1, '--team', '王敏,张伟', '--units', 'IT,HR', '--at', '2026-01-12T14:00')
  await icm('complaint', 'evidence', c1, '--kind', 'document', '--note', '1月9日宕机时段的服务器日志', '--at', '2026-01-13T10:00')
  await icm('complaint', 'evidence', c1, '--kind', 'interview', '--note', '访谈HR考勤专员2人，确认宕机发生在月末18:00前后', '--at', '2026-01-13T15:00')
  await icm('complaint', 'root-cause', c1, '--category', 'system', '--analysis', '月底并发高峰超出考勤服务器容量，且没有容量告警', '--at', '2026-01-14T11:00')
  await icm('complaint', 'plan', c1, '--responsible', 'IT', '--measures', '扩容考勤服务器并增加容量监控告警', '--at', '2026-01-14T16:00')
  await icm('complaint', 'feedback', c1, '--accepted', '--note', '同意方案', '--at', '2026-01-15T10:00')
  await icm('complaint', 'verify', c1, '--resolved', 'yes', '--satisfaction', '4', '--note', '1月月底打卡正常', '--at', '2026-01-20T17:00')
  const a1 = (await icm.json('complaint', 'prevent', c1, '--action', '每月末前巡检考勤系统容量', '--owner', 'IT', '--due', '2026-03-31', '--at', '2026-01-21T10:00')).code
  await icm('action', 'done', a1, '--note', '巡检纳入月度运维清单，2–3月均已执行', '--at', '2026-03-30T16:00')

  // Disputed once, then found not resolved at verification; closed after the deadline.
  const c2 = (await icm.json('complaint', 'open', '--against', 'IT', '--from', 'FIN', '--channel', 'phone', '--summary', 'ERP月结报表导出数据错误', '--at', '2026-02-25T10:15')).code
  await icm('complaint', 'investigate', c2, '--team', '张伟,李强', '--units', 'IT,FIN', '--at', '2026-02-25T15:00')
  await icm('complaint', 'evidence', c2, '--kind', 'document', '--note', '错误报表截图与导出文件', '--at', '2026-02-26T09:30')
  await icm('complaint', 'plan', c2, '--responsible', 'IT', '--measures', '重启报表服务并重新导出', '--at', '2026-02-26T14:00')
  await icm('complaint', 'feedback', c2, '--disputed', '--note', '只重启不解决根本问题', '--at', '2026-02-27T10:00')
  await icm('complaint', 'root-cause', c2, '--category', 'process', '--analysis', '月结前未冻结基础数据变更，报表口径不一致', '--at', '2026-03-02T11:00')
  await icm('complaint', 'plan', c2, '--responsible', 'IT', '--measures', '建立月结数据冻结流程并修正报表口径', '--deadline', '2026-03-13', '--at', '2026-03-02T16:00')
  await icm('complaint', 'feedback', c2, '--accepted', '--at', '2026-03-03T09:30')
  await icm('complaint', 'verify', c2, '--resolved', 'no', '--satisfaction', '2', '--note', '3月月结仍有一张汇率报表错误', '--at', '2026-03-12T10:00')
  await icm('complaint', 'plan', c2, '--responsible', 'IT', '--measures', '修复汇率表同步任务并在月结前增加核对', '--at', '2026-03-13T10:00')
  await icm('complaint', 'feedback', c2, '--accepted', '--at', '2026-03-13T15:00')
  await icm('complaint', 'verify', c2, '--resolved', 'yes', '--satisfaction', '3', '--note', '4月初月结报表全部正确，但用时过长', '--at', '2026-04-02T10:00')
  const a2 = (await icm.json('complaint', 'prevent', c2, '--action', '月结前核对清单纳入ERP运维规程', '--owner', 'IT', '--due', '2026-05-31', '--at', '2026-04-02T11:00')).code
  await icm('action', 'done', a2, '--note', '规程已发布并在4、5月月结执行', '--at', '2026-05-20T15:00')
  await icm('complaint', 'prevent', c2, '--action', '月结前冻结基础数据变更', '--owner', 'FIN', '--due', '2026-04-30', '--at', '2026-04-02T11:10')

  // Anonymous: the plan is confirmed, verification is still missing past the deadline.
  const c3 = (await icm.json('complaint', 'open', '--against', 'IT', '--anonymous', '--channel', 'online', '--summary', 'IT服务台接电话态度生硬，多次推诿', '--at', '2026-04-08T11:20')).code
  await icm('complaint', 'investigate', c3, '--team', '王敏,黄丽', '--units', 'IT', '--at', '2026-04-08T15:00')
  await icm('complaint', 'evidence', c3, '--kind', 'interview', '--note', '抽查4月服务台通话录音3段', '--at', '2026-04-09T10:00')
  await icm('complaint', 'root-cause', c3, '--category', 'people', '--analysis', '新入职服务台人员未经服务礼仪培训即上岗', '--at', '2026-04-10T10:00')
  await icm('complaint', 'plan', c3, '--responsible', 'IT', '--measures', '服务台人员服务礼仪培训，每周抽查录音', '--at', '2026-04-10T14:00')
  await icm('complaint', 'feedback', c3, '--accepted', '--note', '通过线上渠道回复同意', '--at', '2026-04-13T10:00')
  await icm('complaint', 'prevent', c3, '--action', '新员工上岗前完成服务礼仪培训', '--owner', 'HR', '--due', '2026-06-30', '--at', '2026-04-13T11:00')

  // Against the warehouse: planned, the complainant has not answered; overdue.
  const c4 = (await icm.json('complaint', 'open', '--against', 'WH', '--from', 'SALES', '--channel', 'in_person', '--summary', '发货单多次延误，客户投诉交期', '--at', '2026-05-11T09:50')).code
  await icm('complaint', 'investigate', c4, '--team', '周杰,陈静', '--units', 'WH,SALES', '--at', '2026-05-11T14:00')
  await icm('complaint', 'evidence', c4, '--kind', 'site_visit', '--note', '仓库现场查看拣货与发运流程', '--at', '2026-05-12T10:00')
  await icm('complaint', 'root-cause', c4, '--category', 'resource', '--analysis', '旺季拣货人手不足，没有临时增援机制', '--at', '2026-05-13T10:00')
  await icm('complaint', 'plan', c4, '--responsible', 'WH', '--measures', '旺季增配临时拣货人员，发运前一日与销售确认', '--at', '2026-05-13T16:00')
  await icm('complaint', 'prevent', c4, '--action', '建立旺季人力增援机制', '--owner', 'WH', '--due', '2026-06-15', '--at', '2026-05-14T10:00')

  // Against HR, so handled by someone other than the designated handler (王敏 heads HR).
  const c5 = (await icm.json('complaint', 'open', '--against', 'HR', '--from', 'PROD', '--channel', 'email', '--summary', '岗位培训排期与生产计划冲突', '--handler', '黄丽', '--at', '2026-06-15T10:00')).code
  await icm('complaint', 'investigate', c5, '--team', '黄丽,刘洋', '--units', 'HR,PROD', '--at', '2026-06-16T09:30')
  await icm('complaint', 'evidence', c5, '--kind', 'document', '--note', '5–6月培训排期表与生产排班表', '--at', '2026-06-16T14:00')

  // Just received.
  await icm('complaint', 'open', '--against', 'PUR', '--from', 'QA', '--channel', 'phone', '--summary', '来料检验所需的采购订单信息经常不全', '--at', '2026-06-26T16:30')
}
