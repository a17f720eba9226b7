/**
 * The demo district: Shenzhen 宝安区 (GB/T 2260 code 440306), its 10 streets and its
 * departments. Codes are stable because users, service items and imports refer to them.
 */
import type { DepartmentKind } from '../platform/db/schema.ts';

export const DISTRICT = { code: '440306', name: '宝安区', city: '深圳市' } as const;

export interface StreetSeed {
  code: string;
  name: string;
  /** Roads used to build believable addresses. */
  roads: readonly string[];
  /** Relative share of the district's key enterprises: the industrial north and west hold most of them. */
  weight: number;
}

export const STREETS: readonly StreetSeed[] = [
  { code: 'XA', name: '新安街道', roads: ['创业二路', '新湖路', '前进一路', '宝民一路', '建安一路', '海秀路'], weight: 7 },
  { code: 'XX', name: '西乡街道', roads: ['宝源路', '前进二路', '西乡大道', '固戍一路', '臣田路', '银田路'], weight: 11 },
  { code: 'HC', name: '航城街道', roads: ['航城大道', '鹤洲路', '黄田路', '三围路', '钟屋路'], weight: 9 },
  { code: 'FY', name: '福永街道', roads: ['福永大道', '凤凰路', '白石厦路', '怀德路', '德丰路'], weight: 11 },
  { code: 'FH', name: '福海街道', roads: ['桥头路', '塘尾路', '展城路', '新田大道', '福园一路'], weight: 11 },
  { code: 'SJ', name: '沙井街道', roads: ['新沙路', '沙井路', '南环路', '北环路', '帝堂路', '步涌路'], weight: 13 },
  { code: 'XQ', name: '新桥街道', roads: ['新玉路', '上寮路', '黄埔路', '洪田路', '新桥东路'], weight: 10 },
  { code: 'SG', name: '松岗街道', roads: ['松岗大道', '东方大道', '沙江路', '松福大道', '楼岗大道'], weight: 10 },
  { code: 'YL', name: '燕罗街道', roads: ['燕川路', '罗田路', '塘下涌路', '山门路', '广田路'], weight: 7 },
  { code: 'SY', name: '石岩街道', roads: ['宝石路', '石龙大道', '塘头大道', '浪心路', '上屋大道', '龙腾路'], weight: 11 },
];

export interface DepartmentSeed {
  code: string;
  name: string;
  kind: DepartmentKind;
}

/** The front/middle office of the appeal loop (企业服务办): specialists and coordinators sit here. */
export const COORDINATION_OFFICE_CODE = 'QFZX';

const BUREAUS: readonly (readonly [string, string])[] = [
  ['FGJ', '区发展和改革局'],
  ['GXJ', '区工业和信息化局'],
  ['KCJ', '区科技创新局'],
  ['SWJ', '区商务局'],
  ['CZJ', '区财政局'],
  ['RLJ', '区人力资源局'],
  ['ZJJ', '区住房和建设局'],
  ['GTJ', '区规划和自然资源分局'],
  ['HBJ', '区生态环境分局'],
  ['SCJ', '区市场监督管理局'],
  ['SWUJ', '区税务局'],
  ['YJJ', '区应急管理局'],
  ['JTJ', '区交通运输局'],
  ['SSJ', '区水务局'],
  ['JYJ', '区教育局'],
  ['WJJ', '区卫生健康局'],
  ['WTJ', '区文化广电旅游体育局'],
  ['SFJ', '区司法局'],
  ['GAJ', '公安分局'],
  ['CGJ', '区城市管理和综合执法局'],
  ['ZSJ', '区政务服务和数据管理局'],
  ['TZS', '区投资推广署'],
  ['JRJ', '区地方金融工作局'],
  ['MZJ', '区民政局'],
  ['TYJ', '区退役军人事务局'],
  ['SJJ', '区审计局'],
  ['TJJ', '区统计局'],
  ['YBJ', '区医疗保障局'],
  ['GZJ', '区国有资产监督管理局'],
  ['GXZB', '区城市更新和土地整备局'],
  ['GWS', '区建筑工务署'],
  ['XFJ', '区信访局'],
  ['XFDD', '区消防救援大队'],
  ['QXJ', '区气象局'],
  ['QFB', '区人民政府办公室'],
];

/** Party and mass organisations and utilities: they own service items but are not government bureaus. */
const OTHERS: readonly (readonly [string, string])[] = [
  ['ZZB', '区委组织部（两新工委）'],
  ['XCB', '区委宣传部'],
  ['ZGH', '区总工会'],
  ['TQW', '团区委'],
  ['FLH', '区妇联'],
  ['GSL', '区工商联'],
  ['GDJ', '宝安供电局'],
];

export const DEPARTMENTS: readonly DepartmentSeed[] = [
  ...BUREAUS.map(([code, name]) => ({ code, name, kind: 'bureau' as const })),
  { code: COORDINATION_OFFICE_CODE, name: '区企业服务中心（企业服务办）', kind: 'coordination' },
  ...OTHERS.map(([code, name]) => ({ code, name, kind: 'other' as const })),
  ...STREETS.map((s) => ({ code: `${s.code}JD`, name: `${s.name.replace('街道', '')}街道办事处`, kind: 'street_office' as const })),
];

/** Deterministic office phone numbers in Shenzhen's 0755 area, one per department. */
export function departmentPhone(index: number): string {
  return `0755-2${String(7_700_000 + index * 1_013).padStart(7, '0')}`;
}
