import ExcelJS from 'exceljs';
import type { CampaignItem, RecipientItem } from './queries.ts';

const STATUS: Record<string, string> = { sent: '已推送', read: '已读', applied: '已申报' };
const CHANNEL: Record<string, string> = { in_app: '站内消息', sms: '短信', email: '邮件' };
const time = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');

/** A campaign's figures and its recipients, for the office's records. */
export async function recipientsWorkbook(c: CampaignItem, recipients: RecipientItem[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '企服通';
  const summary = wb.addWorksheet('概况');
  summary.columns = [{ header: '项目', width: 18 }, { header: '内容', width: 60 }];
  summary.getRow(1).font = { bold: true };
  summary.addRows([
    ['推送标题', c.title], ['政策', c.policyTitle], ['申报通知', c.noticeTitle ?? ''], ['渠道', c.channels.map((x) => CHANNEL[x] ?? x).join('、')],
    ['目标企业', c.targeted], ['已推送', c.sent], ['重复跳过', c.skipped], ['已读', c.read], ['已申报', c.applied],
    ['已读率', `${(c.readRate * 100).toFixed(1)}%`], ['申报率', `${(c.appliedRate * 100).toFixed(1)}%`], ['推送时间', time(c.createdAt)], ['推送人', c.createdBy ?? ''],
  ]);
  const ws = wb.addWorksheet('推送对象', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '企业', width: 30 }, { header: '统一社会信用代码', width: 22 }, { header: '街道', width: 12 },
    { header: '推送时间', width: 18 }, { header: '阅读时间', width: 18 }, { header: '申报时间', width: 18 }, { header: '状态', width: 8 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of recipients) ws.addRow([r.enterpriseName, r.uscc, r.street ?? '', time(r.sentAt), time(r.readAt), time(r.appliedAt), STATUS[r.status] ?? r.status]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
