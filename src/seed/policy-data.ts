/**
 * The demo policy library: policies at four levels that a Bao'an enterprise would meet, each
 * with its eligibility as a rule whose clauses are the articles of its text. Conditions get
 * their ids (c1, c2 …) when seeded. Amounts in 万元.
 */
import type { PolicyLevel } from '../platform/db/schema-policies.ts';

export type SeedRule =
  | { field: string; op: string; value: number | string | boolean | string[] | [number, number]; clause: string }
  | { all: SeedRule[] }
  | { any: SeedRule[] }
  | { not: SeedRule };

export interface PolicySeed {
  title: string;
  no: string | null;
  issuer: string;
  dept: string;
  level: PolicyLevel;
  cat: string;
  from: string;
  to: string | null;
  max: number | null;
  aim: string;
  benefit: string;
  rule: SeedRule;
  ind?: string[];
  auto?: boolean;
  /** 'open': a published notice open now; 'closed': its window has passed. */
  notice?: 'open' | 'closed';
  status?: 'draft' | 'archived';
}

const c = (field: string, op: string, value: number | string | boolean | string[] | [number, number], clause: string): SeedRule => ({ field, op, value, clause });
const all = (...r: SeedRule[]): SeedRule => ({ all: r });
const any = (...r: SeedRule[]): SeedRule => ({ any: r });
const not = (r: SeedRule): SeedRule => ({ not: r });

const GOV = '深圳市宝安区人民政府';
const GXJ = '深圳市宝安区工业和信息化局';
const KCJ = '深圳市宝安区科技创新局';
const RLJ = '深圳市宝安区人力资源局';
const SWJ = '深圳市宝安区商务局';
const JRJ = '深圳市宝安区地方金融工作局';
const FGJ = '深圳市宝安区发展和改革局';
const TZS = '深圳市宝安区投资推广署';
const SZ = '深圳市人民政府';
const SZGX = '深圳市工业和信息化局';
const SZKC = '深圳市科技创新委员会';
const GD = '广东省人民政府';
const GDGX = '广东省工业和信息化厅';
const MIIT = '工业和信息化部';
const MOF = '财政部 国家税务总局';

const notSmall = c('scale', 'in', ['large', 'medium', 'small'], '属于规模以上或小型及以上企业');
const manufacturing = c('industry', 'in', ['C'], '属于制造业（国民经济行业分类 C 门类）');
const techIndustries = c('industry', 'in', ['C39', 'C40', 'C35', 'C38', 'I65', 'M73'], '属于电子信息、智能装备、软件和信息技术服务、研究和试验发展等重点产业');

export const POLICIES: readonly PolicySeed[] = [
  // 专精特新
  { title: '宝安区关于促进专精特新中小企业高质量发展的若干措施', no: '深宝府规〔2024〕2号', issuer: GOV, dept: 'GXJ', level: 'district', cat: '专精特新', from: '2024-03-01', to: '2027-02-28', max: 100,
    aim: '加快培育一批专注细分市场、创新能力强、成长性好的专精特新中小企业', benefit: '对首次认定为国家级专精特新“小巨人”的企业给予一次性奖励100万元；对首次认定为省级专精特新中小企业的给予一次性奖励20万元。',
    rule: all(c('tags', 'has_any', ['专精特新', '小巨人'], '经认定为省级及以上专精特新中小企业或国家级专精特新“小巨人”企业'), c('age_years', 'gte', 2, '在宝安区依法登记注册满2年')), auto: true, ind: ['C'] },
  { title: '宝安区专精特新“小巨人”企业研发投入奖励实施细则', no: '深宝工信规〔2025〕1号', issuer: GXJ, dept: 'GXJ', level: 'district', cat: '专精特新', from: '2025-01-01', to: '2027-12-31', max: 200,
    aim: '引导专精特新“小巨人”企业加大研发投入、攻关关键核心技术', benefit: '按企业上年度研发费用的10%给予奖励，单个企业每年最高200万元。',
    rule: all(c('tags', 'has_any', ['小巨人'], '为有效期内的国家级专精特新“小巨人”企业'), c('rd_expense_last_year', 'gte', 500, '上年度研发费用不低于500万元'), c('rd_share', 'gte', 3, '上年度研发费用占营业收入比重不低于3%')), notice: 'open' },
  { title: '广东省专精特新中小企业遴选培育工作指引', no: '粤工信融资〔2023〕18号', issuer: GDGX, dept: 'GXJ', level: 'provincial', cat: '专精特新', from: '2023-05-01', to: '2026-04-30', max: null,
    aim: '规范省级专精特新中小企业的遴选、培育和服务', benefit: '入库企业优先获得融资对接、人才培训、市场开拓等服务，纳入省级专精特新企业培育库。',
    rule: all(c('age_years', 'gte', 2, '从事特定细分市场时间达到2年以上'), c('rd_share', 'gte', 3, '上年度研发费用总额占营业收入总额比重不低于3%'), c('revenue_last_year', 'between', [1000, 100000], '上年度营业收入总额在1000万元以上4亿元以下')) },
  { title: '工业和信息化部关于开展第六批专精特新“小巨人”企业培育工作的通知', no: '工信厅企业函〔2024〕135号', issuer: MIIT, dept: 'GXJ', level: 'national', cat: '专精特新', from: '2024-05-20', to: '2025-12-31', max: null,
    aim: '培育一批专注于细分市场、掌握关键核心技术的“小巨人”企业', benefit: '经认定的“小巨人”企业可享受中央财政专项资金支持和各地配套奖励。',
    rule: all(c('tags', 'has_any', ['专精特新'], '已被认定为省级专精特新中小企业'), c('age_years', 'gte', 3, '从事特定细分市场时间达到3年以上'), c('rd_share', 'gte', 3, '上年度研发费用总额占营业收入总额比重不低于3%'), c('patents', 'gte', 2, '拥有有效发明专利2项以上')) },
  { title: '宝安区中小企业“小升规”培育奖励办法', no: '深宝工信〔2025〕9号', issuer: GXJ, dept: 'GXJ', level: 'district', cat: '专精特新', from: '2025-03-01', to: '2027-12-31', max: 20,
    aim: '推动小微企业上规模、上水平，壮大规模以上工业企业群体', benefit: '对首次纳入规模以上工业企业统计的企业给予一次性奖励20万元。',
    rule: all(manufacturing, c('tags', 'has_any', ['四上'], '首次纳入规模以上工业企业统计（“四上”企业）'), c('output_last_year', 'gte', 2000, '上年度工业总产值2000万元以上')), auto: true, ind: ['C'] },
  // 科技创新
  { title: '宝安区关于支持高新技术企业发展的若干措施', no: '深宝府〔2024〕21号', issuer: GOV, dept: 'KCJ', level: 'district', cat: '科技创新', from: '2024-06-01', to: '2027-05-31', max: 30,
    aim: '壮大高新技术企业群体，提升区域自主创新能力', benefit: '对首次认定的国家高新技术企业给予30万元奖励；对重新认定的给予10万元奖励。',
    rule: all(c('tags', 'has_any', ['国家高新'], '经认定为国家高新技术企业且在有效期内'), c('employees', 'gte', 10, '在宝安区缴纳社保的员工不少于10人')), auto: true },
  { title: '宝安区企业研发投入激励办法', no: '深宝科创规〔2024〕3号', issuer: KCJ, dept: 'KCJ', level: 'district', cat: '科技创新', from: '2024-01-01', to: '2026-12-31', max: 500,
    aim: '激励企业持续加大研发投入，强化企业创新主体地位', benefit: '按企业上年度研发费用较前一年度增量部分的10%给予资助，单个企业每年最高500万元。',
    rule: all(c('rd_expense_last_year', 'gte', 300, '上年度研发费用不低于300万元'), c('rd_share', 'gte', 2, '上年度研发费用占营业收入比重不低于2%'), c('revenue_growth', 'gt', 0, '上年度营业收入较前一年度实现增长')), notice: 'open' },
  { title: '深圳市企业研究开发资助计划操作规程', no: '深科技创新规〔2023〕6号', issuer: SZKC, dept: 'KCJ', level: 'municipal', cat: '科技创新', from: '2023-07-01', to: '2026-06-30', max: 1000,
    aim: '引导企业建立研发准备金制度、持续开展研究开发活动', benefit: '按经核定的上年度研发费用的一定比例给予事后资助，单个企业每年最高1000万元。',
    rule: all(c('rd_expense_last_year', 'gte', 100, '上年度经税务部门备案的研发费用不低于100万元'), c('tags', 'has_any', ['国家高新'], '为国家高新技术企业')) },
  { title: '宝安区新型研发机构和企业技术中心建设资助办法', no: '深宝科创〔2025〕4号', issuer: KCJ, dept: 'KCJ', level: 'district', cat: '科技创新', from: '2025-02-01', to: '2028-01-31', max: 300,
    aim: '支持企业建设高水平研发机构，集聚创新资源', benefit: '对新认定的国家级、省级、市级企业技术中心分别给予300万元、100万元、50万元资助。',
    rule: all(c('rd_expense_last_year', 'gte', 1000, '上年度研发费用不低于1000万元'), c('patents', 'gte', 5, '拥有有效发明专利5项以上'), notSmall), notice: 'open' },
  { title: '宝安区知识产权高质量发展资助办法', no: '深宝市监规〔2024〕1号', issuer: '深圳市宝安区市场监督管理局', dept: 'SCJ', level: 'district', cat: '科技创新', from: '2024-04-01', to: '2027-03-31', max: 50,
    aim: '提升企业知识产权创造、运用和保护水平', benefit: '对上年度新获授权发明专利的企业，每件资助1万元，单个企业每年最高50万元。',
    rule: all(c('patents', 'gte', 1, '拥有有效发明专利1项以上'), c('age_years', 'gte', 1, '在宝安区依法登记注册满1年')), notice: 'open' },
  { title: '宝安区科技型中小企业创新券管理办法', no: '深宝科创〔2023〕7号', issuer: KCJ, dept: 'KCJ', level: 'district', cat: '科技创新', from: '2023-01-01', to: '2025-12-31', max: 20,
    aim: '降低科技型中小企业创新成本，促进科技资源开放共享', benefit: '向符合条件的科技型中小企业发放创新券，每家每年最高20万元，用于购买检验检测、研发设计等服务。',
    rule: all(c('scale', 'in', ['small', 'micro', 'medium'], '属于中小微企业'), c('employees', 'lte', 500, '职工总数不超过500人'), c('revenue_last_year', 'lte', 20000, '上年度营业收入不超过2亿元')), notice: 'closed' },
  { title: '宝安区首台（套）重大技术装备推广应用扶持办法', no: '深宝工信规〔2024〕4号', issuer: GXJ, dept: 'GXJ', level: 'district', cat: '科技创新', from: '2024-07-01', to: '2027-06-30', max: 500,
    aim: '推动首台（套）重大技术装备的研制和推广应用', benefit: '对经认定的首台（套）重大技术装备，按其单台售价的20%给予研制单位奖励，最高500万元。',
    rule: all(c('industry', 'in', ['C34', 'C35', 'C38', 'C39', 'C40'], '属于通用设备、专用设备、电气机械、电子信息、仪器仪表制造业'), c('rd_share', 'gte', 3, '上年度研发费用占营业收入比重不低于3%')), ind: ['C34', 'C35', 'C38', 'C39', 'C40'] },
  { title: '财政部 税务总局关于进一步完善研发费用税前加计扣除政策的公告', no: '财政部 税务总局公告2023年第7号', issuer: MOF, dept: 'SWUJ', level: 'national', cat: '科技创新', from: '2023-01-01', to: null, max: null,
    aim: '进一步激励企业加大研发投入，支持科技创新', benefit: '企业开展研发活动中实际发生的研发费用，未形成无形资产计入当期损益的，在按规定据实扣除的基础上，再按照实际发生额的100%在税前加计扣除。',
    rule: all(c('rd_expense_last_year', 'gt', 0, '开展研发活动并实际发生研发费用'), not(c('industry', 'in', ['F51', 'F52', 'H61', 'H62', 'K70', 'L71', 'R86'], '烟草制造业、住宿和餐饮业、批发和零售业、房地产业、租赁和商务服务业、娱乐业等不适用')),), auto: true },
  { title: '宝安区高新技术企业培育入库奖励', no: '深宝科创〔2025〕11号', issuer: KCJ, dept: 'KCJ', level: 'district', cat: '科技创新', from: '2025-05-01', to: '2027-04-30', max: 10,
    aim: '扩大高新技术企业后备梯队', benefit: '对纳入市级高新技术企业培育库的企业给予一次性奖励10万元。',
    rule: all(not(c('tags', 'has_any', ['国家高新'], '尚未认定为国家高新技术企业')), c('rd_share', 'gte', 3, '上年度研发费用占营业收入比重不低于3%'), c('age_years', 'gte', 1, '注册成立满1年')), notice: 'open' },
  // 人才
  { title: '宝安区关于实施“凤凰英才计划”的意见', no: '深宝发〔2024〕5号', issuer: GOV, dept: 'RLJ', level: 'district', cat: '人才', from: '2024-01-01', to: '2028-12-31', max: 300,
    aim: '集聚海内外高层次人才和创新创业团队', benefit: '对认定的高层次人才给予最高300万元奖励补贴，并提供人才住房、子女入学、医疗保健等服务。',
    rule: all(c('employees', 'gte', 20, '在宝安区参保员工不少于20人'), any(c('tags', 'has_any', ['国家高新', '专精特新'], '为国家高新技术企业或专精特新企业'), c('revenue_last_year', 'gte', 50000, '上年度营业收入5亿元以上'))), notice: 'open' },
  { title: '宝安区企业人才住房配租实施办法', no: '深宝住建规〔2025〕2号', issuer: '深圳市宝安区住房和建设局', dept: 'ZJJ', level: 'district', cat: '人才', from: '2025-01-15', to: '2028-01-14', max: null,
    aim: '保障重点企业人才安居需求，稳定企业人才队伍', benefit: '按企业贡献核定人才住房配租套数，租金按市场价的60%计收。',
    rule: all(c('is_key', 'is', true, '为区重点企业'), c('tax_last_year', 'gte', 500, '上年度在宝安区纳税500万元以上')), notice: 'open' },
  { title: '深圳市新引进人才租房和生活补贴实施办法', no: '深人社规〔2023〕9号', issuer: '深圳市人力资源和社会保障局', dept: 'RLJ', level: 'municipal', cat: '人才', from: '2023-03-01', to: '2025-02-28', max: 3,
    aim: '吸引和留住青年人才', benefit: '对新引进的全日制本科及以上学历人才一次性发放租房和生活补贴，本科1.5万元、硕士2.5万元、博士3万元。',
    rule: all(c('employees', 'gte', 1, '用人单位在深圳依法登记并为人才缴纳社会保险')), status: 'archived' },
  { title: '宝安区技能人才培养补贴办法', no: '深宝人规〔2024〕3号', issuer: RLJ, dept: 'RLJ', level: 'district', cat: '人才', from: '2024-04-01', to: '2027-03-31', max: 50,
    aim: '支持企业开展职工技能培训和技能等级认定', benefit: '按取得职业技能等级证书的职工人数给予培训补贴，初级工1000元/人、中级工1500元/人、高级工2000元/人，单个企业每年最高50万元。',
    rule: all(manufacturing, c('employees', 'gte', 50, '在职职工50人以上')), notice: 'open', ind: ['C'] },
  { title: '广东省博士和博士后人才引进资助计划', no: '粤人社规〔2024〕12号', issuer: '广东省人力资源和社会保障厅', dept: 'RLJ', level: 'provincial', cat: '人才', from: '2024-06-01', to: '2027-05-31', max: 60,
    aim: '引进和培养博士、博士后青年人才', benefit: '对设站单位新进站博士后每人给予30万元生活补贴，对出站留粤工作的给予40万元住房补贴。',
    rule: all(c('rd_expense_last_year', 'gte', 200, '上年度研发费用200万元以上'), c('tags', 'has_any', ['国家高新', '专精特新', '小巨人'], '为高新技术企业或专精特新企业')) },
  // 稳岗
  { title: '宝安区失业保险稳岗返还实施方案', no: '深宝人〔2025〕6号', issuer: RLJ, dept: 'RLJ', level: 'district', cat: '稳岗', from: '2025-01-01', to: '2026-12-31', max: 100,
    aim: '支持企业稳定就业岗位', benefit: '对上年度未裁员或裁员率不高于5.5%的参保企业，中小微企业按上年度实际缴纳失业保险费的60%返还，大型企业按30%返还。',
    rule: all(c('employees', 'gte', 1, '在宝安区依法参加失业保险并足额缴费满12个月'), c('age_years', 'gte', 1, '依法登记注册满1年')), auto: true },
  { title: '宝安区一次性扩岗补助实施细则', no: '深宝人〔2025〕8号', issuer: RLJ, dept: 'RLJ', level: 'district', cat: '稳岗', from: '2025-03-01', to: '2026-12-31', max: 30,
    aim: '鼓励企业吸纳高校毕业生和青年就业', benefit: '企业招用毕业年度高校毕业生并签订1年以上劳动合同、参保满3个月的，按每人1500元给予一次性扩岗补助。',
    rule: all(c('employees', 'gte', 10, '参保职工10人以上'), c('scale', 'in', ['small', 'micro', 'medium'], '属于中小微企业')), auto: true },
  { title: '深圳市以工代训补贴实施办法', no: '深人社规〔2022〕4号', issuer: '深圳市人力资源和社会保障局', dept: 'RLJ', level: 'municipal', cat: '稳岗', from: '2022-01-01', to: '2024-12-31', max: 50,
    aim: '支持受疫情影响企业稳定就业', benefit: '按企业吸纳就业人数给予每人每月500元以工代训补贴，补贴期限最长6个月。',
    rule: all(c('scale', 'in', ['small', 'micro', 'medium'], '属于中小微企业')), notice: 'closed' },
  { title: '宝安区重点企业用工保障服务奖励', no: '深宝人〔2026〕2号', issuer: RLJ, dept: 'RLJ', level: 'district', cat: '稳岗', from: '2026-01-01', to: '2027-12-31', max: 20,
    aim: '保障重点企业用工稳定', benefit: '对上年度员工人数保持稳定或增长的重点企业给予最高20万元用工服务奖励。',
    rule: all(c('is_key', 'is', true, '为区重点企业'), c('employees', 'gte', 100, '在职员工100人以上')), notice: 'open' },
  // 金融
  { title: '宝安区中小微企业贷款贴息资助办法', no: '深宝金融规〔2024〕1号', issuer: JRJ, dept: 'JRJ', level: 'district', cat: '金融', from: '2024-01-01', to: '2026-12-31', max: 100,
    aim: '缓解中小微企业融资难、融资贵', benefit: '按企业上年度实际支付银行贷款利息的50%给予贴息，单个企业每年最高100万元。',
    rule: all(c('scale', 'in', ['small', 'micro', 'medium'], '属于中小微企业'), c('revenue_last_year', 'lte', 40000, '上年度营业收入4亿元以下'), c('age_years', 'gte', 1, '在宝安区注册满1年')), notice: 'open' },
  { title: '宝安区融资担保费补贴实施细则', no: '深宝金融〔2025〕3号', issuer: JRJ, dept: 'JRJ', level: 'district', cat: '金融', from: '2025-01-01', to: '2027-12-31', max: 50,
    aim: '降低中小微企业融资担保成本', benefit: '对企业通过合作担保机构获得贷款担保的，按实际支付担保费的50%给予补贴，最高50万元。',
    rule: all(c('scale', 'in', ['small', 'micro'], '属于小微企业'), c('tax_last_year', 'gt', 0, '上年度在宝安区依法纳税')), auto: true },
  { title: '宝安区企业上市培育扶持办法', no: '深宝府规〔2023〕6号', issuer: GOV, dept: 'JRJ', level: 'district', cat: '金融', from: '2023-06-01', to: '2026-05-31', max: 600,
    aim: '推动优质企业对接资本市场', benefit: '对完成股份制改造、辅导备案、申报受理、成功上市的企业分阶段给予累计最高600万元奖励。',
    rule: all(c('revenue_last_year', 'gte', 20000, '上年度营业收入2亿元以上'), not(c('tags', 'has_any', ['上市企业'], '尚未在境内外证券交易所上市')), c('revenue_growth', 'gte', 10, '上年度营业收入增长率不低于10%')) },
  { title: '深圳市中小企业银行贷款风险补偿资金池管理办法', no: '深工信规〔2024〕8号', issuer: SZGX, dept: 'JRJ', level: 'municipal', cat: '金融', from: '2024-03-01', to: '2027-02-28', max: null,
    aim: '引导银行扩大对中小企业信贷投放', benefit: '对合作银行向入池企业发放的首贷、信用贷款，发生损失后由资金池按比例给予风险补偿。',
    rule: all(c('scale', 'in', ['small', 'micro', 'medium'], '符合国家中小企业划型标准'), c('age_years', 'gte', 1, '经营满1年')) },
  { title: '宝安区科技金融“投贷联动”扶持办法', no: '深宝金融〔2025〕6号', issuer: JRJ, dept: 'JRJ', level: 'district', cat: '金融', from: '2025-06-01', to: '2028-05-31', max: 200,
    aim: '促进科技企业与股权投资、银行信贷的联动', benefit: '对获得股权投资的科技企业，按其同期银行贷款利息的60%给予贴息，最高200万元。',
    rule: all(c('tags', 'has_any', ['国家高新', '专精特新', '小巨人'], '为国家高新技术企业或专精特新企业'), c('registered_capital', 'gte', 500, '注册资本500万元以上')), notice: 'open' },
  // 产业用房
  { title: '宝安区创新型产业用房管理办法', no: '深宝府规〔2024〕7号', issuer: GOV, dept: 'GXZB', level: 'district', cat: '产业用房', from: '2024-05-01', to: '2029-04-30', max: null,
    aim: '保障优质企业发展空间需求，降低实体经济用房成本', benefit: '符合条件的企业可按市场租金的50%-70%承租区政府统筹的创新型产业用房，租期最长6年。',
    rule: all(any(c('tags', 'has_any', ['国家高新', '专精特新', '小巨人'], '为国家高新技术企业或专精特新企业'), c('output_last_year', 'gte', 10000, '上年度产值1亿元以上')), c('tax_last_year', 'gte', 100, '上年度在宝安区纳税100万元以上')), notice: 'open' },
  { title: '宝安区产业用房租金补贴实施细则', no: '深宝工信〔2025〕14号', issuer: GXJ, dept: 'GXJ', level: 'district', cat: '产业用房', from: '2025-01-01', to: '2026-12-31', max: 100,
    aim: '降低制造业企业生产经营场所成本', benefit: '按企业实际租用厂房面积，每平方米每月补贴10元，单个企业每年最高100万元。',
    rule: all(manufacturing, c('output_last_year', 'gte', 5000, '上年度工业总产值5000万元以上'), c('output_growth', 'gte', 0, '上年度产值保持稳定或增长')), notice: 'open', ind: ['C'] },
  { title: '宝安区“工业上楼”项目入驻扶持办法', no: '深宝府〔2025〕18号', issuer: GOV, dept: 'GXJ', level: 'district', cat: '产业用房', from: '2025-07-01', to: '2030-06-30', max: 300,
    aim: '推动优质制造业企业入驻“工业上楼”厂房', benefit: '对入驻“工业上楼”厂房的企业，前三年按租金的30%给予补贴，最高300万元。',
    rule: all(manufacturing, c('revenue_last_year', 'gte', 10000, '上年度营业收入1亿元以上'), c('rd_share', 'gte', 2, '上年度研发费用占营业收入比重不低于2%')), notice: 'open', ind: ['C'] },
  { title: '宝安区科技企业孵化器和众创空间租金补贴', no: '深宝科创〔2022〕9号', issuer: KCJ, dept: 'KCJ', level: 'district', cat: '产业用房', from: '2022-03-01', to: '2025-02-28', max: 30,
    aim: '扶持初创科技企业在孵化载体成长', benefit: '对入驻区认定孵化器的初创科技企业，按实际租金的50%给予补贴，两年内最高30万元。',
    rule: all(c('age_years', 'lte', 3, '成立不超过3年'), techIndustries), notice: 'closed' },
  // 工业投资
  { title: '宝安区工业企业技术改造扶持办法', no: '深宝工信规〔2024〕2号', issuer: GXJ, dept: 'GXJ', level: 'district', cat: '工业投资', from: '2024-02-01', to: '2027-01-31', max: 1000,
    aim: '推动工业企业设备更新和技术改造', benefit: '按技术改造项目设备投资额的15%给予资助，单个项目最高1000万元。',
    rule: all(manufacturing, c('fixed_investment_last_year', 'gte', 1000, '上年度技术改造投资额1000万元以上'), c('tags', 'has_any', ['四上'], '为规模以上工业企业')), notice: 'open', ind: ['C'] },
  { title: '广东省制造业数字化转型专项资金管理办法', no: '粤工信规字〔2024〕3号', issuer: GDGX, dept: 'GXJ', level: 'provincial', cat: '工业投资', from: '2024-04-15', to: '2026-12-31', max: 500,
    aim: '推进制造业企业数字化、网络化、智能化改造', benefit: '按企业数字化改造投入的20%给予奖补，单个企业最高500万元。',
    rule: all(manufacturing, c('revenue_last_year', 'gte', 2000, '上年度主营业务收入2000万元以上'), c('fixed_investment_last_year', 'gte', 300, '上年度数字化改造投资300万元以上')), notice: 'open', ind: ['C'] },
  { title: '宝安区工业增加值增长奖励办法', no: '深宝工信〔2024〕22号', issuer: GXJ, dept: 'GXJ', level: 'district', cat: '工业投资', from: '2024-01-01', to: '2026-12-31', max: 200,
    aim: '鼓励工业企业做大做强、加快增长', benefit: '对上年度产值增长超过15%的规模以上工业企业，按产值增量的千分之五给予奖励，最高200万元。',
    rule: all(manufacturing, c('tags', 'has_any', ['四上'], '为规模以上工业企业'), c('output_growth', 'gt', 15, '上年度工业总产值同比增长超过15%'), c('output_last_year', 'gte', 20000, '上年度工业总产值2亿元以上')), auto: true, ind: ['C'] },
  { title: '深圳市工业企业扩产增效奖励实施细则', no: '深工信规〔2023〕5号', issuer: SZGX, dept: 'GXJ', level: 'municipal', cat: '工业投资', from: '2023-02-01', to: '2025-12-31', max: 1000,
    aim: '支持工业企业扩大产能、提质增效', benefit: '对产值首次突破10亿元、50亿元、100亿元的企业分别给予200万元、500万元、1000万元奖励。',
    rule: all(manufacturing, c('output_last_year', 'gte', 100000, '上年度工业总产值10亿元以上')), ind: ['C'] },
  { title: '宝安区重大产业项目固定资产投资奖励', no: '深宝发改规〔2025〕1号', issuer: FGJ, dept: 'FGJ', level: 'district', cat: '工业投资', from: '2025-01-01', to: '2028-12-31', max: 2000,
    aim: '引导社会资本投向先进制造业和战略性新兴产业', benefit: '对年度固定资产投资额5000万元以上的项目，按投资额的5%给予奖励，最高2000万元。',
    rule: all(c('fixed_investment_last_year', 'gte', 5000, '上年度固定资产投资额5000万元以上'), any(manufacturing, techIndustries)), notice: 'open' },
  { title: '宝安区绿色制造体系建设奖励办法', no: '深宝工信〔2025〕17号', issuer: GXJ, dept: 'GXJ', level: 'district', cat: '绿色低碳', from: '2025-04-01', to: '2028-03-31', max: 100,
    aim: '推动制造业绿色低碳转型', benefit: '对新获评国家级、省级绿色工厂的企业分别给予100万元、50万元奖励。',
    rule: all(manufacturing, c('tags', 'has_any', ['四上'], '为规模以上工业企业'), c('age_years', 'gte', 3, '投产运营满3年')), ind: ['C'] },
  // 外贸
  { title: '宝安区外贸企业出口信用保险保费资助', no: '深宝商务〔2025〕3号', issuer: SWJ, dept: 'SWJ', level: 'district', cat: '外贸', from: '2025-01-01', to: '2026-12-31', max: 100,
    aim: '帮助外贸企业防范收汇风险、稳订单拓市场', benefit: '按企业上年度实际缴纳出口信用保险保费的50%给予资助，单个企业最高100万元。',
    rule: all(c('industry', 'in', ['C', 'F51'], '从事货物出口的制造业或批发业企业'), c('revenue_last_year', 'gte', 500, '上年度营业收入500万元以上')), notice: 'open', ind: ['C', 'F51'] },
  { title: '宝安区跨境电商高质量发展扶持措施', no: '深宝商务规〔2024〕2号', issuer: SWJ, dept: 'SWJ', level: 'district', cat: '外贸', from: '2024-06-01', to: '2027-05-31', max: 300,
    aim: '培育跨境电商龙头企业和知名品牌', benefit: '对上年度跨境电商交易额增长20%以上的企业，按增量的1%给予奖励，最高300万元。',
    rule: all(c('industry', 'in', ['F51', 'F52', 'I64'], '从事跨境电子商务的批发零售或互联网企业'), c('revenue_growth', 'gte', 20, '上年度营业收入增长20%以上')), notice: 'open', ind: ['F51', 'F52', 'I64'] },
  { title: '宝安区企业参加境外展会资助办法', no: '深宝商务〔2024〕8号', issuer: SWJ, dept: 'SWJ', level: 'district', cat: '外贸', from: '2024-01-01', to: '2025-12-31', max: 50,
    aim: '支持企业开拓国际市场', benefit: '按企业参加境外展会实际发生展位费的50%给予资助，每家每年最高50万元。',
    rule: all(c('revenue_last_year', 'gte', 300, '上年度营业收入300万元以上'), c('age_years', 'gte', 1, '注册成立满1年')), notice: 'closed' },
  { title: '广东省外经贸发展专项资金（进口贴息）管理办法', no: '粤商务规字〔2024〕4号', issuer: '广东省商务厅', dept: 'SWJ', level: 'provincial', cat: '外贸', from: '2024-03-01', to: '2026-12-31', max: 500,
    aim: '扩大先进技术、重要装备和关键零部件进口', benefit: '对进口《鼓励进口技术和产品目录》内产品的企业，按进口额的一定比例给予贴息。',
    rule: all(manufacturing, c('fixed_investment_last_year', 'gte', 500, '上年度进口设备投资500万元以上')), ind: ['C'] },
  { title: '宝安区外资企业增资扩产奖励', no: '深宝投推〔2025〕2号', issuer: TZS, dept: 'TZS', level: 'district', cat: '外贸', from: '2025-03-01', to: '2027-12-31', max: 500,
    aim: '稳住外资基本盘，鼓励外资企业增资扩产', benefit: '对外资企业年度实际利用外资金额1000万美元以上的，按实际到资金额的2%给予奖励，最高500万元。',
    rule: all(c('tags', 'has_any', ['外资企业'], '为外商投资企业'), c('registered_capital', 'gte', 5000, '注册资本5000万元以上')), notice: 'open' },
  // 商贸
  { title: '宝安区促进消费持续恢复若干措施', no: '深宝商务规〔2025〕1号', issuer: SWJ, dept: 'SWJ', level: 'district', cat: '商贸', from: '2025-02-01', to: '2026-01-31', max: 100,
    aim: '提振消费信心、激发消费潜力', benefit: '对上年度零售额增长10%以上的限额以上批零住餐企业，按增量的1%给予奖励，最高100万元。',
    rule: all(c('industry', 'in', ['F', 'H'], '属于批发和零售业、住宿和餐饮业'), c('tags', 'has_any', ['四上'], '为限额以上企业'), c('revenue_growth', 'gte', 10, '上年度营业收入增长10%以上')), notice: 'closed', ind: ['F', 'H'] },
  { title: '宝安区商贸企业“限上”培育奖励', no: '深宝商务〔2025〕12号', issuer: SWJ, dept: 'SWJ', level: 'district', cat: '商贸', from: '2025-06-01', to: '2027-12-31', max: 10,
    aim: '扩大限额以上商贸企业规模', benefit: '对首次纳入限额以上统计的批零住餐企业给予一次性奖励10万元。',
    rule: all(c('industry', 'in', ['F', 'H'], '属于批发和零售业、住宿和餐饮业'), c('tags', 'has_any', ['四上'], '纳入限额以上统计')), auto: true, ind: ['F', 'H'] },
  { title: '宝安区夜间经济和特色商圈建设扶持办法', no: '深宝商务〔2024〕15号', issuer: SWJ, dept: 'SWJ', level: 'district', cat: '商贸', from: '2024-08-01', to: '2026-07-31', max: 50,
    aim: '打造夜间经济集聚区和特色商业街区', benefit: '对特色商圈运营主体给予最高50万元的活动及改造补贴。',
    rule: all(c('industry', 'in', ['F52', 'H62', 'L72'], '从事零售、餐饮或商业运营管理'), c('street', 'in', ['XA', 'XX', 'HC'], '商圈位于新安、西乡、航城街道')), notice: 'open', ind: ['F52', 'H62', 'L72'] },
  { title: '深圳市老字号和品牌连锁企业发展资助', no: '深商务规〔2023〕3号', issuer: '深圳市商务局', dept: 'SWJ', level: 'municipal', cat: '商贸', from: '2023-04-01', to: '2026-03-31', max: 100,
    aim: '支持老字号传承创新和品牌连锁企业发展', benefit: '对新开门店10家以上的品牌连锁企业给予最高100万元资助。',
    rule: all(c('industry', 'in', ['F52', 'H62'], '从事零售或餐饮连锁经营'), c('age_years', 'gte', 5, '经营满5年')), ind: ['F52', 'H62'] },
  // 总部经济 / 数字经济 / 其他
  { title: '宝安区总部企业认定和扶持办法', no: '深宝府规〔2024〕9号', issuer: GOV, dept: 'TZS', level: 'district', cat: '总部经济', from: '2024-09-01', to: '2029-08-31', max: 3000,
    aim: '吸引和培育总部企业，发展总部经济', benefit: '对新认定的总部企业给予最高3000万元落户奖励，并在办公用房、人才服务等方面给予支持。',
    rule: all(c('revenue_last_year', 'gte', 100000, '上年度营业收入10亿元以上'), c('tax_last_year', 'gte', 3000, '上年度在宝安区纳税3000万元以上'), c('scale', 'in', ['large'], '为大型企业')), notice: 'open' },
  { title: '宝安区龙头骨干企业贡献奖励', no: '深宝府〔2025〕6号', issuer: GOV, dept: 'FGJ', level: 'district', cat: '总部经济', from: '2025-01-01', to: '2027-12-31', max: 1000,
    aim: '支持龙头骨干企业稳定发展、带动产业链', benefit: '对上年度纳税增长的龙头骨干企业，按纳税增量的10%给予奖励，最高1000万元。',
    rule: all(c('tags', 'has_any', ['龙头骨干'], '为区龙头骨干企业'), c('tax_growth', 'gt', 0, '上年度纳税额同比增长')), auto: true },
  { title: '宝安区数字经济产业发展扶持措施', no: '深宝工信规〔2025〕3号', issuer: GXJ, dept: 'GXJ', level: 'district', cat: '数字经济', from: '2025-03-01', to: '2028-02-29', max: 500,
    aim: '做大做强软件和信息服务、人工智能等数字经济产业', benefit: '对上年度营业收入首次突破1亿元、5亿元、10亿元的数字经济企业分别奖励50万元、200万元、500万元。',
    rule: all(c('industry', 'in', ['I63', 'I64', 'I65', 'C39'], '属于电信、互联网、软件和信息技术服务或电子信息制造业'), c('revenue_last_year', 'gte', 10000, '上年度营业收入1亿元以上')), notice: 'open', ind: ['I63', 'I64', 'I65', 'C39'] },
  { title: '宝安区人工智能应用场景开放奖励', no: '深宝科创〔2026〕1号', issuer: KCJ, dept: 'KCJ', level: 'district', cat: '数字经济', from: '2026-01-01', to: '2028-12-31', max: 200,
    aim: '推动人工智能技术在制造、政务、民生领域落地', benefit: '对入选区人工智能典型应用场景的项目，按项目投入的30%给予奖励，最高200万元。',
    rule: all(c('industry', 'in', ['I65', 'C39', 'M73'], '属于软件和信息技术服务业、电子信息制造业或研究和试验发展'), c('rd_share', 'gte', 5, '上年度研发费用占营业收入比重不低于5%')), notice: 'open', ind: ['I65', 'C39', 'M73'] },
  { title: '深圳市工业互联网发展扶持计划', no: '深工信规〔2024〕2号', issuer: SZGX, dept: 'GXJ', level: 'municipal', cat: '数字经济', from: '2024-02-01', to: '2027-01-31', max: 300,
    aim: '推进工业互联网平台建设和企业“上云上平台”', benefit: '对工业互联网标杆项目按投资额的30%给予资助，最高300万元。',
    rule: all(manufacturing, c('fixed_investment_last_year', 'gte', 200, '上年度工业互联网相关投资200万元以上')), ind: ['C'] },
  { title: '国务院关于进一步支持小微企业和个体工商户发展有关税费政策的公告', no: '财政部 税务总局公告2023年第12号', issuer: MOF, dept: 'SWUJ', level: 'national', cat: '税费减免', from: '2023-01-01', to: '2027-12-31', max: null,
    aim: '进一步支持小微企业和个体工商户发展', benefit: '对小型微利企业减按25%计算应纳税所得额，按20%的税率缴纳企业所得税；减半征收资源税、城市维护建设税、房产税等“六税两费”。',
    rule: all(c('scale', 'in', ['small', 'micro'], '符合小型微利企业条件'), c('employees', 'lte', 300, '从业人数不超过300人')), auto: true },
  { title: '宝安区安全生产标准化建设奖励办法', no: '深宝应急〔2024〕5号', issuer: '深圳市宝安区应急管理局', dept: 'YJJ', level: 'district', cat: '安全生产', from: '2024-05-01', to: '2026-04-30', max: 10,
    aim: '推动企业落实安全生产主体责任', benefit: '对首次通过安全生产标准化二级、三级评审的企业分别给予10万元、5万元奖励。',
    rule: all(manufacturing, c('employees', 'gte', 30, '从业人员30人以上')), notice: 'closed', ind: ['C'] },
  { title: '宝安区文化产业发展专项资金管理办法', no: '深宝文广旅体规〔2024〕1号', issuer: '深圳市宝安区文化广电旅游体育局', dept: 'WTJ', level: 'district', cat: '文化旅游', from: '2024-03-01', to: '2027-02-28', max: 200,
    aim: '推动文化产业高质量发展', benefit: '对文化创意、数字文化项目按投资额的30%给予资助，最高200万元。',
    rule: all(c('industry', 'in', ['R', 'I65', 'C23', 'C24'], '属于文化、体育和娱乐业，或数字内容、印刷、文教用品制造')), notice: 'open', ind: ['R', 'I65', 'C23', 'C24'] },
  { title: '宝安区企业信用修复和合规建设扶持办法', no: '深宝市监〔2025〕7号', issuer: '深圳市宝安区市场监督管理局', dept: 'SCJ', level: 'district', cat: '营商环境', from: '2025-05-01', to: '2027-04-30', max: 5,
    aim: '引导企业加强合规建设、提升信用水平', benefit: '对建立合规管理体系并通过第三方评估的中小企业给予最高5万元补贴。',
    rule: all(c('scale', 'in', ['small', 'micro', 'medium'], '属于中小微企业'), c('age_years', 'gte', 2, '经营满2年')), notice: 'open' },
  { title: '宝安区新能源汽车产业链发展扶持措施', no: '深宝工信规〔2026〕1号', issuer: GXJ, dept: 'GXJ', level: 'district', cat: '工业投资', from: '2026-03-01', to: '2029-02-28', max: 1000,
    aim: '培育新能源汽车及零部件产业集群', benefit: '对新能源汽车核心零部件企业，按上年度产值增量的2%给予奖励，最高1000万元。',
    rule: all(c('industry', 'in', ['C36', 'C38', 'C39'], '属于汽车制造业、电气机械和器材制造业或电子信息制造业'), c('output_growth', 'gte', 10, '上年度产值同比增长10%以上')), notice: 'open', ind: ['C36', 'C38', 'C39'] },
  { title: '宝安区生物医药产业集聚发展扶持办法', no: '深宝科创规〔2025〕2号', issuer: KCJ, dept: 'KCJ', level: 'district', cat: '科技创新', from: '2025-09-01', to: '2028-08-31', max: 1000,
    aim: '推动生物医药和医疗器械产业集聚发展', benefit: '对取得药品注册证书或第三类医疗器械注册证的企业，每个品种给予最高1000万元奖励。',
    rule: all(c('industry', 'in', ['C27', 'C35', 'M73'], '属于医药制造业、专用设备制造业（医疗器械）或研究和试验发展'), c('rd_expense_last_year', 'gte', 200, '上年度研发费用200万元以上')), ind: ['C27', 'C35', 'M73'] },
  { title: '广东省支持企业稳产增产奖励办法（2026年）', no: '粤府办〔2026〕3号', issuer: GD, dept: 'GXJ', level: 'provincial', cat: '工业投资', from: '2026-01-01', to: '2026-12-31', max: 300,
    aim: '推动工业经济平稳增长', benefit: '对一季度产值增长15%以上的规上工业企业给予最高300万元奖励。',
    rule: all(manufacturing, c('tags', 'has_any', ['四上'], '为规模以上工业企业'), c('output_growth', 'gte', 15, '产值同比增长15%以上')), ind: ['C'] },
  { title: '深圳市促进中小企业“专精特新”发展若干措施', no: '深府办规〔2024〕2号', issuer: SZ, dept: 'GXJ', level: 'municipal', cat: '专精特新', from: '2024-02-01', to: '2027-01-31', max: 50,
    aim: '构建专精特新企业梯度培育体系', benefit: '对新认定的市级专精特新中小企业给予最高50万元支持，用于企业研发和数字化改造。',
    rule: all(c('scale', 'in', ['small', 'micro', 'medium'], '符合中小企业划型标准'), c('rd_share', 'gte', 3, '上年度研发费用占营业收入比重不低于3%'), c('revenue_last_year', 'gte', 1000, '上年度营业收入1000万元以上')), notice: 'open' },
  { title: '宝安区数字化车间和智能工厂建设奖励（征求意见稿）', no: null, issuer: GXJ, dept: 'GXJ', level: 'district', cat: '数字经济', from: '2027-01-01', to: '2029-12-31', max: 300,
    aim: '推动制造业企业建设数字化车间和智能工厂', benefit: '对新认定的区级数字化车间、智能工厂分别给予100万元、300万元奖励。',
    rule: all(manufacturing, c('revenue_last_year', 'gte', 5000, '上年度营业收入5000万元以上')), status: 'draft', ind: ['C'] },
];
