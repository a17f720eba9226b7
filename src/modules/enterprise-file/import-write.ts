import type { Insertable } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { EnterpriseRow, IndicatorField, IndicatorRow, ValidRow } from './import-cells.ts';
import type { RowError, SourceRow } from './import.ts';
import type { Tx } from '../../platform/db/index.ts';
import * as repo from './repository-import.ts';

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

  constructor(
    private readonly tx: Tx,
    private readonly errors: RowError[],
    private readonly refusedRows: SourceRow[],
  ) {}

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
    const existing = await repo.enterprisesWithTags(
      tx,
      chunk.map((r) => r.value.uscc),
    );
    const byUscc = new Map(existing.map((e) => [e.uscc, e]));
    // New enterprises in one statement, then their tags in another.
    const fresh = chunk.filter((r) => !byUscc.has(r.value.uscc)).map((r) => r.value);
    if (fresh.length) {
      const idOf = await repo.insertEnterprises(
        tx,
        fresh.map(({ tags: _tags, ...fields }) => fields),
      );
      await repo.insertTags(
        tx,
        fresh.flatMap((e) => (e.tags ?? []).map((tag) => ({ enterprise_id: idOf.get(e.uscc)!, tag }))),
      );
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
        await repo.updateEnterprise(tx, old.id, set);
      }
      if (tagsChanged) await repo.replaceTags(tx, old.id, tags);
      this.counts.updated++;
    }
  }

  private async writeIndicators(chunk: ValidRow<IndicatorRow>[]): Promise<void> {
    const tx = this.tx;
    const codes = [...new Set(chunk.map((r) => r.value.uscc))];
    const ids = await repo.enterpriseIds(tx, codes);
    const existing = await repo.indicatorsOf(tx, [...ids.values()]);
    const old = new Map(existing.map((r) => [`${r.enterprise_id}|${r.month}`, r]));
    const fresh: Insertable<DB['enterprise_indicators']>[] = [];
    for (const r of chunk) {
      const id = ids.get(r.value.uscc);
      if (id === undefined) {
        this.refused++;
        this.errors.push({ sheet: r.sheet, row: r.row, field: '统一社会信用代码', reason: '企业不在企业库中，请先导入企业' });
        this.refusedRows.push({ sheet: r.sheet, row: r.row, cells: r.cells });
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
      await repo.updateIndicator(tx, id, m, Object.fromEntries(changed.map((k) => [k, values[k] ?? null])));
      this.counts.updated++;
    }
    await repo.insertIndicators(tx, fresh);
    this.counts.inserted += fresh.length;
  }
}
