import type { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { industryName, validateIndustryCode } from './industry.ts';
import * as repo from './repository.ts';
import type { listQuery } from './schemas.ts';

/** An enterprise's id by id or credit code, if it is in the library: for other modules (users, appeal intake). */
export const enterpriseIdBy = repo.enterpriseIdBy;

export async function search(db: Db, f: z.output<typeof listQuery>) {
  let industryPrefix: string | undefined;
  if (f.industry) {
    const v = validateIndustryCode(f.industry);
    if (!v.valid) throw AppError.validation('industry', v.reason);
    industryPrefix = v.code;
  }
  const { rows, total } = await repo.searchEnterprises(db, { ...f, industryPrefix });
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      uscc: r.uscc,
      name: r.name,
      streetName: r.street_name,
      industryCode: r.industry_code,
      industryName: industryName(r.industry_code) ?? r.industry_code,
      scale: r.scale,
      tags: r.tags,
      isKey: r.is_key,
    })),
  };
}

export async function get(db: Db, id: number) {
  const e = await repo.findEnterprise(db, id);
  if (!e) throw AppError.notFound('企业');
  return {
    id: e.id,
    uscc: e.uscc,
    name: e.name,
    legalRepresentative: e.legal_representative,
    address: e.address,
    phone: e.phone,
    street: e.street_id !== null && e.street_name !== null ? { id: e.street_id, name: e.street_name } : null,
    industryCode: e.industry_code,
    industryName: industryName(e.industry_code) ?? e.industry_code,
    scale: e.scale,
    foundedOn: e.founded_on,
    registeredCapital: e.registered_capital,
    isKey: e.is_key,
    status: e.status,
    tags: e.tags,
  };
}

export async function overview(db: Db) {
  const o = await repo.overview(db);
  return {
    enterprises: Number(o.totals.all),
    keyEnterprises: Number(o.totals.key ?? 0),
    byStreet: o.byStreet.map((s) => ({ name: s.name, count: Number(s.count) })),
    byScale: o.byScale.map((s) => ({ scale: s.scale, count: Number(s.count) })),
    byTag: o.byTag.map((t) => ({ tag: t.tag, count: Number(t.count) })),
    byIndustrySection: o.byIndustry.map((i) => ({ code: i.code, name: industryName(i.code) ?? i.code, count: Number(i.count) })),
  };
}
