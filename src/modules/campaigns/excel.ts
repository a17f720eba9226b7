import { addTable, DATE_TIME, streamedWorkbook, streamTable, timeCell } from '../../platform/excel.ts';
import type { CampaignItem, RecipientItem } from './repository.ts';

const STATUS: Record<string, string> = {
  unreachable: '不可达',
  queued: '待发送',
  logged: '仅记录日志',
  handed: '已交付通道',
  delivered: '已送达',
  failed: '发送失败',
  read: '已读',
  applied: '已申报',
};
const REASON: Record<string, string> = { no_contact: '无联系方式', opted_out: '已拒收推送' };
const CHANNEL: Record<string, string> = { in_app: '站内消息', sms: '短信', email: '邮件' };

/** A campaign's figures and all its recipients (read page by page, never cut), for the office's records. */
export async function recipientsWorkbook(c: CampaignItem, recipients: AsyncIterable<RecipientItem>): Promise<Buffer> {
  return streamedWorkbook(async (wb) => {
    addTable(
      wb,
      '概况',
      [
        ['项目', 18],
        ['内容', 60],
      ],
      [
        ['推送标题', c.title],
        ['政策', c.policyTitle],
        ['申报通知', c.noticeTitle ?? ''],
        ['渠道', c.channels.map((x) => CHANNEL[x] ?? x).join('、')],
        ['目标企业', c.targeted],
        ['重复跳过', c.skipped],
        ['可达', c.reachable],
        ['不可达', c.unreachable],
        ['其中拒收推送', c.optedOut],
        ['待发送', c.queued],
        ['仅记录日志', c.logged],
        ['已交付通道', c.handed],
        ['已送达', c.delivered],
        ['发送失败', c.failed],
        ['迁移前发送（无送达记录）', c.legacy],
        ['已读', c.read],
        ['已申报', c.applied],
        ['已读率', `${(c.readRate * 100).toFixed(1)}%`],
        ['申报率', `${(c.appliedRate * 100).toFixed(1)}%`],
        ['推送时间', timeCell(c.createdAt)],
        ['推送人', c.createdBy ?? ''],
      ],
    );
    await streamTable(
      wb,
      '推送对象',
      [
        ['企业', 30],
        ['统一社会信用代码', 22],
        ['街道', 12],
        ['推送时间', 18, DATE_TIME],
        ['阅读时间', 18, DATE_TIME],
        ['申报时间', 18, DATE_TIME],
        ['状态', 12],
        ['说明', 40],
      ],
      recipients,
      (r) => [
        r.enterpriseName,
        r.uscc,
        r.street ?? '',
        timeCell(r.sentAt),
        timeCell(r.readAt),
        timeCell(r.appliedAt),
        STATUS[r.status] ?? r.status,
        r.unreachableReason
          ? (REASON[r.unreachableReason] ?? '')
          : r.messages
              .map(
                (m) =>
                  `${m.channel === 'sms' ? '短信' : '邮件'} ${m.recipient} ${STATUS[m.status === 'pending' ? 'queued' : m.status] ?? m.status}`,
              )
              .join('；'),
      ],
    );
  });
}
