/**
 * Word lists for believable Chinese names: people, enterprise trade names (字号) and the
 * industry words that follow them. Weighted towards Guangdong, where 陈/黄/林/梁 are common.
 */
import type { Rng } from './random.ts';

const SURNAMES: readonly (readonly [string, number])[] = [
  ['陈', 10],
  ['李', 8],
  ['黄', 7],
  ['张', 7],
  ['林', 6],
  ['刘', 6],
  ['王', 6],
  ['梁', 5],
  ['吴', 4],
  ['杨', 4],
  ['郑', 3],
  ['罗', 3],
  ['周', 3],
  ['何', 3],
  ['谢', 3],
  ['钟', 3],
  ['邓', 3],
  ['曾', 3],
  ['赖', 2],
  ['叶', 2],
  ['许', 2],
  ['蔡', 2],
  ['徐', 2],
  ['朱', 2],
  ['胡', 2],
  ['郭', 2],
  ['赵', 2],
  ['孙', 2],
  ['马', 1],
  ['高', 1],
  ['彭', 1],
  ['肖', 1],
  ['冯', 1],
  ['邱', 1],
  ['廖', 1],
  ['卢', 1],
  ['潘', 1],
  ['温', 1],
  ['方', 1],
  ['袁', 1],
  ['苏', 1],
  ['余', 1],
  ['唐', 1],
  ['宋', 1],
  ['韩', 1],
  ['严', 1],
  ['文', 1],
  ['江', 1],
  ['沈', 1],
  ['欧阳', 0.3],
];

const GIVEN_MALE = '伟强军磊洋勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林峰建国志文海东振锋晨成毅';
const GIVEN_FEMALE = '芳娜敏静丽艳娟霞燕玲婷雪琳慧颖洁琴晶莉佳欣怡璐瑶倩蓉萍红梅丹月嘉雯悦妍';

export function personName(rng: Rng): string {
  const surname = rng.weighted(SURNAMES);
  const pool = rng.chance(0.7) ? GIVEN_MALE : GIVEN_FEMALE;
  const given = rng.chance(0.25) ? rng.chars(pool, 1) : rng.chars(pool, 2);
  return surname + given;
}

// Trade names are two characters, first from one pool and second from another: about 70 × 60
// combinations, times several industry words each, is ample for 12,000 unique names.
const TRADE_FIRST =
  '华宏鑫汇盛嘉恒佳金联创达新信德顺兴海明科瑞泰富永天亿宇源中锦腾伟星光立志诚博正长力美亚通凯安万越东和乐百合昌利众宝福俊益康雅丰润弘卓精奥欣';
const TRADE_SECOND =
  '达盛源通威鑫辉发兴泰成隆诚丰昌利旺宝华业晟宸睿捷航驰迅拓展锐峰美谷能芯维尔普讯宏祥瑞和邦策凌智耀明星翔杰嘉越德信远洋海铭泽川';

export function tradeName(rng: Rng): string {
  return rng.chars(TRADE_FIRST, 1) + rng.chars(TRADE_SECOND, 1);
}

export interface IndustryProfile {
  code: string;
  /** Relative share among the district's key enterprises. */
  weight: number;
  words: readonly string[];
  /** Propensity to be a 国家高新 enterprise, 0..1. */
  tech: number;
  /** Electricity use per 万元 of output, in kWh. */
  kwhPerWan: number;
  /** Share of such enterprises with a gas supply (kilns, boilers, canteens). */
  gas: number;
}

const p = (code: string, weight: number, words: string, tech: number, kwhPerWan: number, gas = 0.15): IndustryProfile => ({
  code,
  weight,
  words: words.split(' '),
  tech,
  kwhPerWan,
  gas,
});

/**
 * Bao'an is an industrial district: about two thirds of its key enterprises are manufacturers,
 * electronics (C39) first, then electrical machinery, general and special equipment, plastics.
 */
export const INDUSTRIES: readonly IndustryProfile[] = [
  p('C39', 14, '电子科技 智能科技 通讯技术 光电科技 电子 半导体 显示技术 精密电子', 0.9, 350),
  p('C38', 8, '电气 电器 新能源科技 电池科技 照明科技 电机 线缆', 0.8, 400),
  p('C34', 6, '机械 精密机械 自动化设备 机电设备 液压科技', 0.6, 450),
  p('C35', 6, '智能装备 自动化科技 医疗器械 激光设备 精密设备', 0.8, 350),
  p('C29', 5, '塑胶制品 塑料制品 橡胶制品 硅胶制品 包装材料', 0.3, 900, 0.3),
  p('C33', 4, '五金制品 金属制品 精密五金 模具 五金塑胶', 0.3, 700, 0.4),
  p('C40', 3, '仪器仪表 测控技术 检测仪器 传感技术', 0.9, 250),
  p('C26', 2, '化工 新材料 涂料 胶粘材料', 0.5, 800, 0.6),
  p('C30', 2, '玻璃制品 陶瓷科技 建材 新型材料', 0.3, 1200, 0.8),
  p('C32', 1.5, '金属材料 铝业 铜业 合金材料', 0.3, 1500, 0.7),
  p('C31', 0.5, '钢材加工 钢结构', 0.1, 1800, 0.8),
  p('C36', 2, '汽车配件 汽车电子 汽车零部件', 0.6, 500),
  p('C37', 0.5, '航空科技 无人机科技 船舶配件', 0.8, 300),
  p('C41', 1, '工艺制品 日用制品', 0.1, 400),
  p('C22', 1, '纸品 包装制品 纸业', 0.1, 900, 0.5),
  p('C23', 1.5, '印刷 彩印包装 印务', 0.2, 600),
  p('C24', 1, '文化用品 玩具 体育用品 工艺品', 0.2, 400),
  p('C17', 1, '纺织 织造 纺织科技', 0.1, 800, 0.4),
  p('C18', 1, '服饰 服装 制衣', 0.1, 300),
  p('C19', 0.5, '鞋业 皮具', 0.1, 300),
  p('C21', 1, '家具 家居 办公家具', 0.1, 350, 0.3),
  p('C27', 0.5, '生物医药 药业 生物科技', 1, 500, 0.6),
  p('C14', 0.5, '食品 饮品', 0.2, 400, 0.7),
  p('C13', 0.3, '食品加工 农产品加工', 0.1, 350, 0.7),
  p('C15', 0.3, '饮料 茶业', 0.1, 400, 0.6),
  p('C20', 0.3, '木业 木制品', 0.1, 500),
  p('C28', 0.2, '化纤 纤维材料', 0.2, 1000, 0.5),
  p('C42', 0.3, '再生资源 环保科技', 0.4, 600),
  p('C43', 0.3, '设备维修 机电维修', 0.2, 250),
  p('F51', 8, '贸易 供应链 进出口 电子商务 实业', 0.05, 15, 0.05),
  p('F52', 2, '商贸 百货 超市 连锁商业', 0.02, 40, 0.1),
  p('I65', 5, '软件 信息技术 网络科技 数据科技 智能系统', 0.8, 30, 0.02),
  p('I64', 1.5, '互联网科技 网络技术 数字科技', 0.6, 40, 0.02),
  p('I63', 0.4, '通信服务 信息网络', 0.3, 60, 0.02),
  p('L72', 3, '企业管理 商务服务 投资发展 人力资源 咨询', 0.02, 10, 0.02),
  p('L71', 0.8, '租赁 设备租赁', 0.02, 20, 0.02),
  p('M73', 1, '技术研究院 研发中心', 1, 80, 0.05),
  p('M74', 2, '检测技术 工程设计 技术服务 规划设计', 0.5, 60, 0.05),
  p('M75', 1.5, '科技服务 技术推广 科技发展', 0.6, 40, 0.02),
  p('E47', 0.7, '建设 建筑工程', 0.05, 20, 0.02),
  p('E48', 0.8, '市政工程 土木工程 路桥工程', 0.05, 30, 0.02),
  p('E49', 0.7, '机电安装 安装工程 智能化工程', 0.2, 20, 0.02),
  p('E50', 1, '装饰工程 建筑装饰 幕墙工程', 0.1, 20, 0.02),
  p('G54', 1.2, '物流 运输 货运', 0.02, 30, 0.05),
  p('G58', 0.8, '国际货运代理 国际物流', 0.02, 15, 0.02),
  p('G59', 1.2, '仓储 供应链管理', 0.05, 60, 0.05),
  p('H61', 0.2, '酒店 酒店管理', 0.01, 120, 0.9),
  p('H62', 0.6, '餐饮管理 饮食', 0.01, 100, 0.95),
  p('K70', 1, '房地产开发 置业 物业管理', 0.01, 30, 0.05),
  p('N77', 0.3, '环境科技 环保工程', 0.4, 80, 0.05),
  p('O80', 0.3, '家政服务 清洁服务', 0.01, 20, 0.05),
  p('O81', 0.2, '维修服务 电子维修', 0.05, 50, 0.05),
  p('P83', 0.2, '教育科技 职业培训', 0.1, 40, 0.2),
  p('Q84', 0.2, '医疗 门诊部', 0.05, 120, 0.5),
  p('R86', 0.1, '文化传播 出版', 0.05, 20, 0.02),
  p('R88', 0.2, '文化发展 文化创意', 0.05, 20, 0.02),
  p('D44', 0.2, '能源 电力 新能源', 0.4, 50, 0.2),
  p('D46', 0.1, '水务 水处理', 0.3, 300, 0.1),
  p('J66', 0.1, '小额贷款', 0.01, 5, 0.02),
  p('J67', 0.1, '投资管理 资产管理', 0.01, 5, 0.02),
  p('A01', 0.1, '农业 生态农业', 0.05, 60, 0.05),
  p('A04', 0.05, '水产 渔业', 0.02, 80, 0.05),
];
