/**
 * Generates the demo district's key enterprises: pure and deterministic for a given
 * (count, random seed, end month), with no database access, so tests can compare outputs.
 */
import type { Scale } from '../platform/db/schema.ts';
import { makeUscc, orgCodeCheckChar, USCC_CHARSET } from '../modules/enterprises/uscc.ts';
import { DISTRICT, STREETS, type StreetSeed } from './org-data.ts';
import { INDUSTRIES, personName, tradeName, type IndustryProfile } from './names.ts';
import { mixSeed, Rng } from './random.ts';

export const TAGS = ['四上', '国家高新', '专精特新', '小巨人', '龙头骨干', '上市企业', '外资企业'] as const;
export type Tag = (typeof TAGS)[number];

export interface GeneratedEnterprise {
  uscc: string;
  name: string;
  legal_representative: string;
  address: string;
  phone: string;
  streetCode: string;
  industry_code: string;
  scale: Scale;
  founded_on: string;
  registered_capital: number;
  is_key: boolean;
  tags: Tag[];
  /** Kept for the indicator generator: kWh and m³ of gas per 万元 of output (null: no gas supply). */
  kwhPerWan: number;
  gasPerWan: number | null;
}

const SCALES: readonly (readonly [Scale, number])[] = [
  ['large', 2],
  ['medium', 10],
  ['small', 38],
  ['micro', 50],
];

/** Registered capital in 万元, by scale. */
const CAPITAL: Record<Scale, readonly [number, number]> = {
  micro: [10, 500],
  small: [100, 3_000],
  medium: [1_000, 20_000],
  large: [10_000, 500_000],
};

const industryEntries = INDUSTRIES.map((i) => [i, i.weight] as const);
const streetEntries = STREETS.map((s) => [s, s.weight] as const);

/** 企业, 个体工商户, 农民专业合作社: the three organisation types that authority 9 (market regulation) issues. */
type EntityType = '1' | '2' | '3';

/** Sole traders (shops, restaurants, repairers) and co-operatives (farms) are rare among key enterprises. */
function entityType(rng: Rng, industry: IndustryProfile, scale: Scale): EntityType {
  if (scale === 'micro' && ['F52', 'H62', 'O80', 'O81'].includes(industry.code) && rng.chance(0.3)) return '2';
  if (industry.code.startsWith('A') && rng.chance(0.5)) return '3';
  return '1';
}

function usccFor(rng: Rng, type: EntityType, foundedYear: number): string {
  // Since the 2015 reform Shenzhen issues new subject codes as MA5 + 5 characters; older
  // enterprises kept their numeric organisation code.
  const body8 = foundedYear >= 2016 ? 'MA5' + rng.chars(USCC_CHARSET, 5) : String(rng.int(1, 7)) + rng.chars('0123456789', 7);
  return makeUscc(`9${type}${DISTRICT.code}${body8}${orgCodeCheckChar(body8)}`);
}

/** Median age in years and spread (log scale) of key enterprises, by scale: large ones are older. */
const AGE: Record<Scale, readonly [number, number]> = {
  large: [18, 0.5],
  medium: [13, 0.55],
  small: [9, 0.65],
  micro: [8, 0.7],
};

/**
 * Log-normal ages: most key enterprises are 5–15 years old, a long tail reaches back to 1985
 * (the district's industrial take-off) and few are brand new, since it takes a few years of
 * growth to become 四上 or 国家高新. Ages count back from a fixed date, not from the end month,
 * so that the same seed gives the same enterprises (and USCCs) whenever the demo is seeded;
 * a date after the end month is pulled back to it, so every enterprise has indicators.
 */
const AGE_ANCHOR = Date.UTC(2025, 11, 31);

function foundedOn(rng: Rng, scale: Scale, endMonth: string): string {
  const [median, spread] = AGE[scale];
  const oldest = Date.UTC(1985, 0, 1);
  let t = AGE_ANCHOR - Math.exp(rng.normal(Math.log(median), spread)) * 365.25 * 86_400_000;
  if (t < oldest) t = oldest + rng.float() * (AGE_ANCHOR - oldest) * 0.25;
  const date = new Date(t).toISOString().slice(0, 10);
  return date.slice(0, 7) <= endMonth ? date : `${endMonth}-01`;
}

/** Round to 1, 2 or 5 × 10^k, as registered capital usually is. */
function niceAmount(x: number): number {
  const k = Math.pow(10, Math.floor(Math.log10(x)));
  const m = x / k;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * k;
}

function pickTags(rng: Rng, scale: Scale, industry: IndustryProfile): Tag[] {
  const tags: Tag[] = [];
  // Shares aimed at: 四上 ~35%, 国家高新 ~15%, 专精特新 ~6%, 小巨人 ~0.8%, 龙头骨干 ~1%, 上市 ~0.5%, 外资 ~8%.
  const siShang = { large: 0.95, medium: 0.75, small: 0.4, micro: 0.2 }[scale];
  if (rng.chance(siShang)) tags.push('四上');
  if (rng.chance(0.33 * industry.tech)) tags.push('国家高新');
  const isManufacturerOrTech = industry.code.startsWith('C') || industry.tech >= 0.5;
  if (isManufacturerOrTech && scale !== 'micro' && rng.chance(tags.includes('国家高新') ? 0.65 : 0.03)) {
    tags.push('专精特新');
    if (rng.chance(0.14)) tags.push('小巨人');
  }
  if (scale === 'large' && rng.chance(0.5)) tags.push('龙头骨干');
  if ((scale === 'large' && rng.chance(0.18)) || (scale === 'medium' && rng.chance(0.015))) tags.push('上市企业');
  if (rng.chance(industry.code.startsWith('C') ? 0.1 : 0.04)) tags.push('外资企业');
  return tags;
}

const SOLE_TRADER_SUFFIX: Record<string, readonly string[]> = {
  F52: ['商行', '便利店', '百货店'],
  H62: ['餐厅', '饭店', '餐饮店'],
  O80: ['家政服务部', '清洁服务部'],
  O81: ['维修部', '电器维修部'],
};

function companyName(rng: Rng, type: EntityType, industry: IndustryProfile, tags: readonly Tag[], scale: Scale): string {
  const word = rng.pick(industry.words);
  // Sole traders and co-operatives are named after the district, and are never 公司.
  if (type === '2') return `深圳市宝安区${tradeName(rng)}${rng.pick(SOLE_TRADER_SUFFIX[industry.code] ?? ['商行'])}`;
  if (type === '3') return `深圳市宝安区${tradeName(rng)}${word}专业合作社`;
  const listed = tags.includes('上市企业') || (scale !== 'micro' && scale !== 'small' && rng.chance(0.08));
  const form = listed ? '股份有限公司' : '有限公司';
  if (tags.includes('外资企业') && rng.chance(0.6)) return `${tradeName(rng)}${word}（深圳）${form}`;
  return `${rng.chance(0.9) ? '深圳市' : '深圳'}${tradeName(rng)}${word}${form}`;
}

function address(rng: Rng, street: StreetSeed): string {
  const road = rng.pick(street.roads);
  const building = rng.weighted([
    ['', 2],
    [`${rng.pick(['A', 'B', 'C', 'D', '1', '2', '3', '5'])}栋${rng.int(1, 8)}楼`, 5],
    [`${street.name.slice(0, 2)}工业区${rng.int(1, 30)}栋`, 3],
  ] as const);
  return `${DISTRICT.city}${DISTRICT.name}${street.name}${road}${rng.int(1, 399)}号${building}`;
}

function phone(rng: Rng): string {
  return rng.chance(0.7)
    ? `0755-2${rng.chars('0123456789', 7)}`
    : `1${rng.pick(['33', '35', '36', '37', '38', '39', '58', '59', '80', '86', '88', '89'])}${rng.chars('0123456789', 8)}`;
}

/**
 * Enterprise i is drawn from its own stream, so the first N are identical whatever the total.
 * Enterprise 0 is the demo enterprise account's company: always a key manufacturer with tags.
 */
export function generateEnterprises(count: number, randomSeed: number, endMonthInput: string): GeneratedEnterprise[] {
  const endMonth = endMonthInput.slice(0, 7);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(endMonth)) throw new Error(`endMonth must look like YYYY-MM: ${endMonthInput}`);
  const out: GeneratedEnterprise[] = [];
  const usccs = new Set<string>();
  const names = new Set<string>();
  const c39 = INDUSTRIES.find((i) => i.code === 'C39');
  for (let i = 0; i < count; i++) {
    const rng = new Rng(mixSeed(randomSeed, i, 1));
    const first = i === 0 && c39 !== undefined;
    const industry = first ? c39 : rng.weighted(industryEntries);
    const scale: Scale = first ? 'medium' : rng.weighted(SCALES);
    const street = rng.weighted(streetEntries);
    const founded = first ? `${Math.min(2012, Number(endMonth.slice(0, 4)))}-06-18` : foundedOn(rng, scale, endMonth);
    const tags = first ? (['四上', '国家高新', '专精特新'] satisfies Tag[]) : pickTags(rng, scale, industry);
    const isKey = tags.some((t) => t === '四上' || t === '国家高新' || t === '专精特新' || t === '龙头骨干' || t === '上市企业');

    const type = entityType(rng, industry, scale);
    let uscc = usccFor(rng, type, Number(founded.slice(0, 4)));
    while (usccs.has(uscc)) uscc = usccFor(rng, type, Number(founded.slice(0, 4)));
    usccs.add(uscc);
    let name = companyName(rng, type, industry, tags, scale);
    while (names.has(name)) name = companyName(rng, type, industry, tags, scale);
    names.add(name);

    const [capMin, capMax] = CAPITAL[scale];
    out.push({
      uscc,
      name,
      legal_representative: personName(rng),
      address: address(rng, street),
      phone: phone(rng),
      streetCode: street.code,
      industry_code: industry.code,
      scale,
      founded_on: founded,
      registered_capital: niceAmount(rng.logUniform(capMin, capMax)),
      is_key: isKey,
      tags,
      kwhPerWan: industry.kwhPerWan * rng.logUniform(0.6, 1.6),
      // Kilns, furnaces and kitchens burn far more gas per 万元 than a canteen in an electronics plant.
      gasPerWan: rng.chance(industry.gas) ? rng.logUniform(1, 8) * (industry.gas >= 0.5 ? 4 : 1) : null,
    });
  }
  return out;
}
