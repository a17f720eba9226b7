import { sql, type Insertable, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { EnterpriseRow, IndicatorField, IndicatorRow, ValidRow } from './import-cells.ts';
import type { RowError } from './import.ts';

/**
 * Writes validated rows in batches inside the import's transaction: enterprises matched by credit
 * code, indicators by credit code and month; what is already there unchanged is counted as such,
 * so importing the same file twice changes nothing. Enterprises are always written before the
 * indicators that follow them, so an indicator may name an enterprise from earlier in the file.
 */
export class ImportWriter {
  readonly counts = { inserted: 0, updated: 0, unchanged: 0 };
  /** Indicator rows refused at writing time (their enterprise is not on file). */
  refused = 0;
  private enterprises: ValidRow<EnterpriseRow>[] = [];
  private indicators: ValidRow<IndicatorRow>[] = [];

  constructor(private readonly tx: Transaction<DB>, private readonly errors: RowError[]) {}

  async addEnterprise(r: ValidRow<EnterpriseRow>): Promise<void> {
    this.enterprises.push(r);
    if (this.enterprises.length >= 500) await this.flushEnterprises();
  }

  async addIndicator(r: ValidRow<IndicatorRow>): Promise<void> {
    this.indicators.push(r);
    if (this.indicators.length >= 2000) await this.flush();
  }

  async flush(): Promise<void> {
    await this.flushEnterprises();
    const chunk = this.indicators;
    this.indicators = [];
    if (chunk.length) await this.writeIndicators(chunk);
  }

  private async flushEnterprises(): Promise<void> {
    const chunk = this.enterprises;
    this.enterprises = [];
    if (chunk.length) await this.writeEnterprises(chunk);
  }

  private async writeEnterprises(chunk: ValidRow<EnterpriseRow>[]): Promise<void> {
    const tx = this.tx;
    const existing = await tx
      .selectFrom('enterprises as e')
      .selectAll('e')
      .select((eb) =>
        eb.fn.coalesce(
          eb.selectFrom('enterprise_tags as t').select(sql<string[]>`array_agg(t.tag order by t.tag)`.as('tags')).whereRef('t.enterprise_id', '=', 'e.id'),
          sql<string[]>`'{}'::text[]`,
        ).as('tags'),
      )
      .where('e.uscc', 'in', chunk.map((r) => r.value.uscc))
      .execute();
    const byUscc = new Map(existing.map((e) => [e.uscc, e]));
    // New enterprises in one statement, then their tags in another.
    const fresh = chunk.filter((r) => !byUscc.has(r.value.uscc)).map((r) => r.value);
    if (fresh.length) {
      const ids = await tx.insertInto('enterprises').values(fresh.map(({ tags: _tags, ...fields }) => fields)).returning(['id', 'uscc']).execute();
      const idOf = new Map(ids.map((x) => [x.uscc, x.id]));
      const tagRows = fresh.flatMap((e) => (e.tags ?? []).map((tag) => ({ enterprise_id: idOf.get(e.uscc)!, tag })));
      if (tagRows.length) await tx.insertInto('enterprise_tags').values(tagRows).execute();
      this.counts.inserted += fresh.length;
    }
    for (const { value } of chunk) {
      const { tags, uscc: code, ...fields } = value;
      const old = byUscc.get(code);
      if (!old) continue;
      const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => (fields[k] ?? null) !== (old[k] ?? null));
      const tagsChanged = tags !== undefined && tags.join('\u0001') !== [...old.tags].sort().join('\u0001');
      if (changed.length === 0 && !tagsChanged) {
        this.counts.unchanged++;
        continue;
      }
      if (changed.length) {
        const set = Object.fromEntries(changed.map((k) => [k, fields[k] ?? null]));
        await tx.updateTable('enterprises').set({ ...set, updated_at: new Date() }).where('id', '=', old.id).execute();
      }
      if (tagsChanged) {
        await tx.deleteFrom('enterprise_tags').where('enterprise_id', '=', old.id).execute();
        if (tags.length) await tx.insertInto('enterprise_tags').values(tags.map((tag) => ({ enterprise_id: old.id, tag }))).execute();
      }
      this.counts.updated++;
    }
  }

  private async writeIndicators(chunk: ValidRow<IndicatorRow>[]): Promise<void> {
    const tx = this.tx;
    const codes = [...new Set(chunk.map((r) => r.value.uscc))];
    const ids = new Map((await tx.selectFrom('enterprises').select(['id', 'uscc']).where('uscc', 'in', codes).execute()).map((e) => [e.uscc, e.id]));
    const existing = await tx
      .selectFrom('enterprise_indicators')
      .selectAll()
      // By enterprise only (the primary key's prefix): with the months too, the planner may scan every row of those months.
      .where('enterprise_id', 'in', ids.size ? [...ids.values()] : [-1])
      .execute();
    const old = new Map(existing.map((r) => [`${r.enterprise_id}|${r.month}`, r]));
    const fresh: Insertable<DB['enterprise_indicators']>[] = [];
    for (const r of chunk) {
      const id = ids.get(r.value.uscc);
      if (id === undefined) {
        this.refused++;
        this.errors.push({ sheet: r.sheet, row: r.row, field: '统一社会信用代码', reason: '企业不在企业库中，请先导入企业' });
        continue;
      }
      const { uscc: _code, month: m, ...values } = r.value;
      const prev = old.get(`${id}|${m}`);
      if (!prev) {
        fresh.push({ enterprise_id: id, month: m, ...values });
        continue;
      }
      const changed = (Object.keys(values) as IndicatorField[]).filter((k) => (values[k] ?? null) !== (prev[k] ?? null));
      if (changed.length === 0) {
        this.counts.unchanged++;
        continue;
      }
      await tx.updateTable('enterprise_indicators').set(Object.fromEntries(changed.map((k) => [k, values[k] ?? null]))).where('enterprise_id', '=', id).where('month', '=', m).execute();
      this.counts.updated++;
    }
    // 9 columns a row: 1,000 rows stay well under PostgreSQL's 65,535 parameters.
    for (let i = 0; i < fresh.length; i += 1000) await tx.insertInto('enterprise_indicators').values(fresh.slice(i, i + 1000)).execute();
    this.counts.inserted += fresh.length;
  }
}
