import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { registerTimelineSource } from '../enterprise-file/timeline.ts';
import { recentPushesTo } from './repository.ts';
import { campaignRoutes } from './routes.ts';

const UNREACHABLE = { no_contact: '无可用联系方式', opted_out: '企业已拒收推送' } as const;

/** 精准推送: push campaigns, and the pushes an enterprise received in its one history (一企一档). */
export function campaignsModule(app: FastifyInstance, ctx: AppContext): void {
  registerTimelineSource('push', async (db, enterpriseId, limit) => {
    const rows = await recentPushesTo(db, enterpriseId, limit);
    return rows.map((r) => ({
      kind: 'push',
      id: String(r.id),
      at: new Date(r.sent_at),
      title: `政策推送：${r.notice_title ?? r.title}${r.unreachable_reason ? `（未送达：${UNREACHABLE[r.unreachable_reason]}）` : ''}`,
      status: r.read_at ? 'read' : 'unread',
      link: `/policies/${r.policy_id}`,
    }));
  });
  campaignRoutes(app, ctx.db);
}
