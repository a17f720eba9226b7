import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import { announceChange, onChange } from '../../platform/db/changes.ts';
import { actorOf } from '../../platform/http/access.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { DEFAULT_APPEAL_SETTINGS, type AppealSettings } from './clock.ts';
import * as repo from './repository.ts';

const KEY = 'appeals';
const CHANGE = 'appeal-settings';

export const settingsSchema = z
  .object({
    reopenDays: z.number().int().min(1).max(90).describe('办结后可申请重办的天数'),
    yellowShare: z.number().min(0.1).max(0.95).describe('用时达到时限的该比例即亮黄灯'),
    agendaAfterRedDays: z.number().int().min(1).max(30).describe('红灯持续该工作日数后自动列入联席会议议程'),
    autoCloseDays: z.number().int().min(1).max(60).describe('答复后企业该天数内未评价即自动办结（不早于回访期限）'),
    // Defaults keep a client that only knows the four older settings working.
    followUpAfterWorkingDays: z
      .number()
      .int()
      .min(0)
      .max(20)
      .default(DEFAULT_APPEAL_SETTINGS.followUpAfterWorkingDays)
      .describe('答复后该工作日数内对未评价的企业回访（回访期限）'),
    followUpMaxAttempts: z
      .number()
      .int()
      .min(1)
      .max(10)
      .default(DEFAULT_APPEAL_SETTINGS.followUpMaxAttempts)
      .describe('回访未接通达到该次数即不评价办结'),
    acceptWorkingDays: z
      .number()
      .int()
      .min(1)
      .max(10)
      .default(DEFAULT_APPEAL_SETTINGS.acceptWorkingDays)
      .describe('受理时限：提交后该工作日数内受理（提交次日起算，至第 N 个工作日下班时）'),
    acceptUrgentHours: z
      .number()
      .int()
      .min(1)
      .max(72)
      .default(DEFAULT_APPEAL_SETTINGS.acceptUrgentHours)
      .describe('企业标为紧急的诉求，提交后该小时数内受理'),
  })
  .meta({ id: 'AppealSettings' });

/**
 * The settings held in memory, re-read after each change (another process's too, announced by
 * its transaction); read synchronously on hot paths.
 */
export class AppealSettingsStore {
  private current: AppealSettings = DEFAULT_APPEAL_SETTINGS;
  constructor(private readonly db: Db) {
    onChange(db, CHANGE, () => this.load());
  }

  get(): AppealSettings {
    return this.current;
  }

  async load(): Promise<void> {
    const parsed = settingsSchema.partial().safeParse((await repo.settingValue(this.db, KEY)) ?? {});
    this.current = { ...DEFAULT_APPEAL_SETTINGS, ...(parsed.success ? parsed.data : {}) };
  }

  routes(app: FastifyInstance): void {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/api/admin/settings/appeals',
      {
        config: { access: ['admin', 'coordinator'] },
        schema: { tags: ['appeals'], summary: '诉求时限与预警设置', response: { 200: settingsSchema, ...errorResponses } },
      },
      async () => this.get(),
    );
    r.put(
      '/api/admin/settings/appeals',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['appeals'],
          summary: '修改诉求时限与预警设置',
          body: settingsSchema,
          response: { 200: settingsSchema, ...errorResponses },
        },
      },
      async (req) => {
        const before = this.get();
        await this.db.transaction().execute(async (tx) => {
          await repo.saveSetting(tx, KEY, JSON.stringify(req.body));
          await recordAudit(tx, actorOf(req), {
            action: 'settings.appeals',
            entityType: 'settings',
            entityId: KEY,
            before,
            after: req.body,
          });
          await announceChange(tx, CHANGE);
        });
        await this.load();
        return this.get();
      },
    );
  }
}
