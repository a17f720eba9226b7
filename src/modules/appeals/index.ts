import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { Scheduler } from '../../platform/scheduler.ts';
import { calendarFor } from '../calendar/store.ts';
import { appealClock } from './clock.ts';
import { appealRoutes } from './routes.ts';
import { officeRoutes } from './office-routes.ts';
import { followUpRoutes } from './follow-up-routes.ts';
import { attachmentRoutes } from './attachments.ts';
import { replyTemplateRoutes } from './reply-templates.ts';
import type { AppealDeps } from './service.ts';
import { AppealSettingsStore } from './settings.ts';
import { createSuggester } from './suggester.ts';
import { sweepWarnings } from './sweep.ts';
import { followCalendar } from './recount.ts';
import { remindNextYear } from '../calendar/reminder.ts';

/** Builds the appeal loop's in-memory parts (calendar, settings, classifier), its routes and its jobs. */
export async function appealsModule(app: FastifyInstance, ctx: AppContext, scheduler: Scheduler | undefined): Promise<AppealDeps> {
  const calendar = await calendarFor(ctx.db);
  const settings = new AppealSettingsStore(ctx.db);
  await settings.load();
  const deps: AppealDeps = {
    db: ctx.db,
    clock: appealClock(calendar, ctx.config.officeHours),
    settings: () => settings.get(),
    suggester: await createSuggester(ctx.db),
  };
  officeRoutes(app, deps);
  followUpRoutes(app, deps);
  attachmentRoutes(app, deps);
  replyTemplateRoutes(app, deps);
  appealRoutes(app, deps);
  settings.routes(app);
  // Deadlines follow the calendar: a calendar change recounts the open ones in its transaction.
  followCalendar(ctx.db, ctx.config.officeHours, () => settings.get());
  if (scheduler) {
    scheduler.every('appeal-warnings', 60_000, () => sweepWarnings(ctx.db, deps.clock, settings.get()));
    // Each process's own classifier: reloaded in every process.
    // In December, the administrators are reminded once to load next year's official holidays.
    scheduler.every('calendar-next-year', 3_600_000, () => remindNextYear(ctx.db));
    scheduler.every('classifier-reload', 15 * 60_000, () => deps.suggester.reload(), 'process');
  }
  return deps;
}
