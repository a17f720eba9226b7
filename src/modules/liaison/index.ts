import type { FastifyInstance } from 'fastify';
import type { AppealDeps } from '../appeals/service.ts';
import { registerTimelineSource } from '../enterprise-file/timeline.ts';
import { visitsDoneOf } from './repository-reports.ts';
import { liaisonRoutes } from './routes.ts';

/** The service network (挂点服务): assignments, visits, reports and the assessment. Needs the appeal loop to file needs as appeals. */
export function liaisonModule(app: FastifyInstance, appeals: AppealDeps): void {
  liaisonRoutes(app, appeals);
  // The enterprise file's timeline shows the visits made (the appeals filed on them are there already).
  registerTimelineSource('visit', async (db, enterpriseId, limit) => {
    const rows = await visitsDoneOf(db, enterpriseId, limit);
    return rows.map((r) => ({
      kind: 'visit',
      id: String(r.id),
      at: new Date(`${r.visited_on!}T12:00:00+08:00`),
      title: (r.notes || r.people_met).slice(0, 80),
      status: r.display_name,
      link: null,
    }));
  });
}
