/**
 * Believable appeal texts (诉求) for demo data and for measuring the classifier.
 *
 * An accuracy figure is only worth something if the texts are not the taxonomy read back, so a
 * text names its service item only sometimes (about one in four); more often it uses one of the
 * item's keywords or the colloquial way an enterprise would put it (没电 rather than 停电抢修);
 * one in ten says only its broad subject (资金, 场地), which no classifier can place; and texts
 * are padded with the enterprise's situation, with causes that are other items' keywords
 * (原材料涨价, 订单下滑) and now and then a second matter in passing, as real appeals are.
 */
import type { Rng } from './random.ts';
import { INDUSTRIES } from './names.ts';
import { STREETS } from './org-data.ts';
import { CATEGORIES } from './taxonomy-data.ts';

export interface AppealTextItem {
  name: string;
  keywords: string;
  categoryName: string;
}

export interface AppealText {
  title: string;
  description: string;
}

/** How enterprises say it: words that are not the item's keywords. Items missing here use keywords only. */
const COLLOQUIAL: Readonly<Record<string, string>> = {
  融资需求对接: '缺钱 流动资金 银行不放款 借钱',
  银行贷款贴息申请: '利息太高 贷款成本 利息负担',
  政策性融资担保: '没有抵押物 担保公司 增信',
  '应急转贷（过桥资金）': '还旧借新 资金缺口 银行到期 倒贷',
  企业上市培育辅导: '挂牌 券商 资本市场',
  股权投资基金对接: '引入投资方 融资轮 估值 投资机构',
  知识产权质押融资: '拿专利贷款 无形资产 评估值',
  供应链金融服务: '账期 回款慢 核心企业',
  融资租赁服务: '买设备 分期付款 以租代购',
  科技保险补贴: '研发险 产品责任险 投保',
  出口信用保险: '海外买家拖欠 买方违约 收不回货款',
  小微企业首贷续贷: '第一次贷款 无抵押 额度小',
  防范非法集资咨询: '高息 集资 返利 投资平台',
  政府产业引导基金申请: '政府出资 基金投资 参股',
  员工招聘对接: '招不到人 缺人 人手不足 招聘会',
  高层次人才认定: '人才称号 认定标准 海外人才',
  人才住房申请: '住房问题 配租 租房难',
  人才子女入学: '孩子读书 学校 报名读书',
  人才引进落户: '迁入户籍 深户 集体户',
  新引进人才补贴: '新人补贴 毕业生补贴 引才',
  职业技能培训补贴: '岗前培训 培训费用 技能提升',
  技能人才评价认定: '考证 等级证书',
  博士后工作站设立: '博后 科研工作站 博士招收',
  专业技术职称评审: '中级职称 评职称 高工',
  外籍人才工作许可: '外国员工 外籍专家 来华工作',
  港澳台人才就业服务: '香港员工 澳门 台胞',
  高校毕业生就业见习: '应届生 实习生 见习补贴',
  人才医疗保健服务: '看病难 优诊 保健',
  人才配偶就业安置: '爱人工作 夫妻 家属工作',
  校企合作对接: '学校合作 技校 定向培养',
  展会参展补贴: '展会费用 摊位 博览会',
  品牌培育与推广: '自主品牌 知名度 驰名商标',
  政府采购咨询: '采购项目 中标 供应商库',
  产品推广与找订单: '销路 客户资源 卖不出去 新客户',
  产业链上下游对接: '配套企业 采购本地 供货',
  外贸出口服务: '出口订单 通关 海关',
  跨境电商服务: '亚马逊店铺 平台卖家 跨境物流',
  内销拓展与消费促进: '国内市场 出口转内销 线上销售',
  国际市场开拓资助: '出国参展 海外推广 开拓海外',
  '首台（套）首批次推广应用': '首次应用 示范应用 新产品',
  企业宣传报道: '新闻 宣传片 曝光度',
  招商引资合作对接: '引进项目 落户宝安 投资合作',
  营业执照变更: '换执照 改名 迁址',
  企业开办: '成立公司 开公司 办执照',
  企业注销: '关闭公司 结业 不再经营',
  工程建设项目审批: '项目报批 开工 建设手续',
  建设工程规划许可: '规划证 方案审查 规划报建',
  消防设计审查验收: '装修消防 消防手续 消防图纸',
  环评审批: '环境评价 环保手续 环评报告',
  排污许可办理: '排放标准 污染物 排污',
  食品经营许可: '开餐厅 小餐馆 员工食堂',
  特种设备使用登记: '电梯年检 设备登记 行车',
  安全生产许可: '安全许可 化工品 危险品',
  发票与税务登记业务: '开不了票 发票额度 税务',
  出口退税办理: '退税款 退税慢 出口报关单',
  社会保险业务办理: '社保缴纳 参保登记 断缴',
  医保业务办理: '医保卡 看病报销 门诊报销',
  不动产登记: '产权证 过户 办证',
  道路运输经营许可: '货车 运输证 物流公司',
  户外广告设置审批: '门头 招牌审批 灯箱',
  政务服务代办帮办: '办事难 材料多 跑多次 不会办',
  企业年报与信用修复: '被列入异常 移出异常 信用记录',
  停水抢修: '没水 水管破裂 供水中断',
  停电抢修: '没电 线路故障 电力中断',
  用电报装与扩容: '电不够用 新增用电 电容量',
  用水报装与排水许可: '接水 排水证 污水管',
  燃气报装: '开通燃气 燃气管道 通气',
  道路交通与停车: '停车难 道路堵塞 车位',
  员工通勤公交线路: '上下班 公交车 坐车不便',
  周边环境卫生整治: '垃圾堆放 卫生差 臭水沟',
  噪声与污染投诉: '噪音 臭味 粉尘',
  市政设施维修: '路灯不亮 道路坑洼 下水道 水浸',
  治安与周边安全: '被偷 小偷 治安差',
  员工就医与健康服务: '员工看病 体检服务 健康讲座',
  员工子女入学: '孩子上学 子女读书 公办学位',
  网络通信基础设施: '网速慢 没信号 网络覆盖',
  园区周边配套设施: '吃饭不方便 生活配套 便利店',
  安全事故隐患报告: '隐患 裂缝 漏电 危险源',
  法律咨询: '法律问题 法律援助 咨询律师',
  合同纠纷调解: '对方违约 欠款不还 合同争议',
  劳动争议调解仲裁: '员工离职 工伤赔偿 开除员工',
  欠薪与劳资纠纷处置: '工人讨薪 工资没发 聚集',
  知识产权保护与维权: '被仿冒 山寨 抄袭',
  商事仲裁服务: '仲裁协议 仲裁裁决 商业纠纷',
  涉外法律服务: '海外诉讼 外国客户 国外律师',
  企业合规指导: '合规管理 合规审查 风险防范',
  行政执法监督投诉: '执法人员 乱罚款 多头检查',
  经济犯罪报案: '被骗 卷款 挪用资金',
  公证与司法鉴定: '公证处 鉴定机构 笔迹鉴定',
  非公企业党组织组建: '成立党支部 党员人数 党组织关系',
  党建指导员服务: '党建工作 组织生活会 三会一课',
  企业工会组建: '成立工会 工会主席 会员',
  职工关爱与帮扶: '生病职工 困难员工 送温暖',
  青年员工交友联谊: '单身青年 相亲 联谊活动',
  女职工权益保护: '孕期 产假 女员工',
  民营企业家培训: '企二代 管理培训 企业家学习',
  商协会服务对接: '行业组织 入会 会长',
  员工文体活动支持: '篮球赛 文艺演出 运动场地',
  厂房租赁需求: '生产场地 车间 找地方',
  产业用房申请: '政府厂房 低租金厂房 人才公寓',
  办公用房需求: '办公楼 办公空间 工位',
  产业用地申请: '拿地 建厂房 土地指标',
  土地规划调整: '规划变更 调规 用地调整',
  工业上楼项目对接: '上楼 大货梯 高层厂房',
  产业园区入驻: '进园区 园区招商 孵化空间',
  租金补贴申请: '房租补贴 租金太高 减租',
  城市更新与旧改: '拆迁补偿 旧工业区 改造',
  历史遗留违建处理: '无证厂房 违章建筑 没有产权',
  厂房安全鉴定: '楼板开裂 承重 安全检测',
  仓储物流空间需求: '放货 货仓 库房',
  员工宿舍保障: '住宿紧张 员工住房 床位',
  厂房清退与搬迁: '房东收回 被迫搬走 合同到期',
  国家高新技术企业认定: '高新认定 高新证书 高新复审',
  研发费用加计扣除: '研发抵扣 税前扣除 研发支出',
  研发投入资助: '研发补助 科研经费 研发奖励',
  科技创新平台建设: '技术中心 研发中心 实验平台',
  专精特新企业培育: '专精特新申报 单项冠军 梯度培育',
  技术改造投资补贴: '设备更新 新设备 技改项目',
  专利申请资助: '专利费用 申请专利 专利补助',
  科技成果转化对接: '大学合作 技术合作 科研成果',
  数字化转型服务: '上系统 软件 数据管理 mes',
  智能制造与自动化改造: '机器换人 自动线 无人车间',
  科技创新券申请: '服务券 科技券 检测费用',
  标准制定资助: '起草标准 标准化 参与制定',
  检验检测认证服务: '检测报告 产品认证 送检',
  惠企政策咨询: '有什么政策 扶持政策 优惠政策',
  扶持资金兑现进度: '补贴没到 资金没下来 钱还没到账',
  税费优惠咨询: '减免税 税负 优惠税率',
  稳岗与扩岗补贴: '稳定就业 扩大招聘补助 失业保险返还',
  节能降耗与能耗指标: '能耗超标 用能指标 节能改造',
  消防安全检查指导: '消防隐患 消防设施 消防培训',
  环保治理指导: '环保检查 排放超标 环保整改',
  增资扩产项目服务: '扩大生产 新增产能 追加投资',
  经营困难帮扶: '生意难做 亏损 撑不下去',
  统计数据报送指导: '统计报表 数据填报 规上入库',
  原材料与要素保障: '材料涨价 缺料 供应紧张',
  其他涉企诉求: '反映情况 意见建议 其他问题',
};

/** Per-category ways of stating the problem; {a} and {b} are the item's topic words, {n} a number. */
const ISSUES: Readonly<Record<string, readonly string[]>> = {
  金融服务: [
    '{c}，资金周转压力较大，{a}方面需求约{m}。',
    '之前跟银行谈过{a}，一直没有进展，{b}的问题也卡着。',
    '我们{a}方面有需求，希望有关部门帮忙对接合适的机构。',
  ],
  人才服务: [
    '公司有{n}名员工遇到{a}的问题，影响了队伍稳定。',
    '想咨询{a}需要哪些材料，{b}方面也有疑问。',
    '{c}，人员流动大，{a}的事情比较急。',
  ],
  市场推广: [
    '{c}，想通过{a}打开局面，{b}方面希望得到支持。',
    '我们产品质量不错，但{a}一直是短板，请帮忙对接资源。',
    '了解到区里有{a}的扶持，想问问怎么参与。',
  ],
  行政服务: [
    '在办理{a}时被告知材料不齐，已经跑了{k}次。',
    '{a}的手续办了{k}个星期还没批下来，影响{b}。',
    '想咨询{a}的办理流程和时限，窗口说法不一。',
  ],
  公共服务: [
    '{s}{r}一带{a}的情况已经持续{k}天，影响生产和员工生活。',
    '厂区附近{a}问题突出，{b}也没人管。',
    '从上周开始出现{a}，找过物业和社区，没有解决。',
  ],
  法律服务: [
    '我们遇到{a}的问题，涉及金额约{m}，不知道怎么处理。',
    '想请专业人士就{a}给点意见，{b}方面也需要指导。',
    '{a}的事情已经拖了{k}个月，对经营造成影响。',
  ],
  党群服务: [
    '公司有员工{n}人，想在{a}方面得到指导。',
    '我们希望开展{a}相关工作，但缺少经验和场地。',
    '员工对{a}比较关心，想了解区里有什么支持。',
  ],
  空间保障: [
    '{c}，现有场地不够用，{a}的需求约{p}平方米。',
    '在{s}找{a}找了很久，{b}方面希望政府协调。',
    '{a}的问题一直没有落实，影响后续生产安排。',
  ],
  科技创新: [
    '想咨询{a}需要满足哪些条件，材料基本齐全。',
    '{a}方面准备了材料，但对{b}的要求不太清楚。',
    '公司在做{a}，希望得到政策和资金支持。',
  ],
  企业经营: ['{c}，{a}方面压力很大，希望得到帮扶。', '想了解{a}的最新情况，{b}也想一并咨询。', '{a}的问题反映过几次，至今没有明确答复。'],
};

/** What a vague appeal says instead of anything item-specific ("有个资金方面的问题"): right category at best. */
const VAGUE: Readonly<Record<string, string>> = {
  金融服务: '资金 融资难 银行那边',
  人才服务: '人才政策 员工 人员',
  市场推广: '市场 销售 推广',
  行政服务: '办证 审批手续 办事',
  公共服务: '周边环境 基础设施 园区配套',
  法律服务: '法律 纠纷 官司',
  党群服务: '党建 职工 群团活动',
  空间保障: '场地 用房 空间',
  科技创新: '科技政策 研发 创新项目',
  企业经营: '经营 政策 企业困难',
};

/** Every keyword of the taxonomy: appeals often raise a second, unrelated matter in passing. */
const ANY_KEYWORD: readonly string[] = CATEGORIES.flatMap((c) => c.items.flatMap(([, , keywords]) => keywords.split(' ')));

/** Category-free ways of stating the problem, so that the wording does not give the category away. */
const GENERIC_ISSUES: readonly string[] = [
  '关于{a}的事情，想请相关部门帮忙协调。',
  '最近遇到{a}的困难，不知道该找哪个部门。',
  '{a}和{b}的问题困扰我们很久了。',
];

const OPENINGS: readonly string[] = [
  '我司是位于{s}{r}的一家{i}企业，现有员工{n}人。',
  '我们是{s}的{i}企业，在宝安经营{k}年了。',
  '公司成立于{y}年，主要从事{i}，年产值约{m}。',
  '我们是一家{i}公司，厂区在{s}。',
];

/** Causes in the enterprise's words; several are other items' keywords, which is the point. */
const CAUSES: readonly string[] = [
  '受原材料涨价影响',
  '近期订单增加',
  '今年打算扩大生产',
  '海外订单有所减少',
  '厂房租约明年到期',
  '新产线刚投产',
  '员工流失比较多',
  '资金回笼慢',
];

const CLOSINGS: readonly string[] = ['请尽快协调解决。', '情况比较急，盼复。', '希望相关部门帮忙看看。', '麻烦给个答复，谢谢。', '', ''];

const TITLES: readonly string[] = ['关于{a}的诉求', '{a}问题', '咨询{a}', '{s}企业反映{a}', '请求协助解决{a}', '{a}事宜'];

function fill(template: string, slots: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w)\}/g, (_, key: string) => slots[key] ?? '');
}

/** Names carry asides such as （过桥资金） that nobody types into an appeal. */
function plainName(name: string): string {
  return name.replace(/（[^）]*）/g, '');
}

/** How a text names its item when it does; a bare "想申请办理惠企政策咨询" would read oddly. */
const NAMINGS: readonly string[] = ['想咨询{x}相关事宜。', '这件事涉及{x}。', '请按{x}帮我们处理。', '想申请{x}。'];

/** Two different templates from `pool`, so that a text does not say the same sentence twice. */
function pickTwo(pool: readonly string[], rng: Rng): [string, string] {
  const i = rng.int(0, pool.length - 1);
  const j = (i + rng.int(1, Math.max(1, pool.length - 1))) % pool.length;
  return [pool[i] ?? '', pool[j] ?? ''];
}

/** One appeal's title and description (2–4 sentences) for `item`; the same rng state gives the same text. */
export function appealTextFor(item: AppealTextItem, rng: Rng): AppealText {
  // Every draw shifts the rest of the stream: reordering the draws below changes every demo text.
  const keywords = item.keywords.split(/\s+/).filter(Boolean);
  const colloquial = (COLLOQUIAL[item.name] ?? '').split(' ').filter(Boolean);
  const name = plainName(item.name);
  const topic = (): string =>
    colloquial.length > 0 && (keywords.length === 0 || rng.chance(0.45))
      ? rng.pick(colloquial)
      : rng.pick(keywords.length > 0 ? keywords : [name]);
  // A vague appeal names only its broad subject: no classifier can tell its item, as in real life.
  const vagueWords = (VAGUE[item.categoryName] ?? '').split(' ').filter(Boolean);
  const vague = vagueWords.length > 0 && rng.chance(0.1);
  const a = vague ? rng.pick(vagueWords) : topic();
  let b = vague ? a : topic();
  if (b === a && !vague) b = topic();
  const street = rng.pick(STREETS);
  const slots: Record<string, string> = {
    a,
    b,
    s: street.name,
    r: rng.pick(street.roads),
    i: rng.pick(rng.pick(INDUSTRIES).words),
    c: rng.pick(CAUSES),
    n: String(rng.int(2, 60) * 10),
    k: String(rng.int(2, 12)),
    y: String(rng.int(2003, 2022)),
    m: `${rng.int(1, 90) * 10}万元`,
    p: String(rng.int(5, 80) * 100),
  };
  const named = !vague && rng.chance(0.3);
  const templates = rng.chance(0.7) ? (ISSUES[item.categoryName] ?? GENERIC_ISSUES) : GENERIC_ISSUES;
  // A vague appeal has one subject word; templates with a second one would say it twice.
  const [first, second] = pickTwo(vague ? templates.filter((t) => !t.includes('{b}')) : templates, rng);
  const sentences: string[] = [];
  if (rng.chance(0.7)) sentences.push(fill(rng.pick(OPENINGS), slots));
  sentences.push(fill(first, slots));
  if (!vague && rng.chance(0.4)) sentences.push(fill(second, { ...slots, a: b, b: topic() }));
  if (named) sentences.push(fill(rng.pick(NAMINGS), { x: name }));
  if (rng.chance(0.2)) sentences.push(`另外，${rng.pick(ANY_KEYWORD)}的事也想一并咨询。`);
  const closing = rng.pick(CLOSINGS);
  if (sentences.length < 4 && (closing || sentences.length < 2)) sentences.push(closing || '请尽快协调解决。');
  const title = named && rng.chance(0.5) ? name : fill(rng.pick(TITLES), slots);
  return { title, description: sentences.join('') };
}

/** Word swaps an enterprise makes when it files the same thing again in other words. */
const SWAPS: readonly (readonly [string, string])[] = [
  ['我司', '我们公司'],
  ['希望', '恳请'],
  ['尽快', '尽早'],
  ['协调', '帮忙协调'],
  ['问题', '情况'],
  ['一直', '始终'],
  ['想了解', '想问一下'],
  ['影响', '耽误'],
  ['比较', '非常'],
  ['帮忙', '协助'],
  ['没有', '未能'],
  ['已经', '都'],
];

const REPEAT_PREFIXES: readonly string[] = ['再次反映：', '之前反映的问题还没解决，', '补充说明：', '', ''];

/**
 * A near-duplicate of `text`: some words swapped, a later sentence maybe moved or dropped, a
 * "再次反映" in front — how an enterprise files the same appeal again in other words.
 */
export function paraphrase(text: string, rng: Rng): string {
  let out = text;
  for (const [a, b] of SWAPS) {
    if (!rng.chance(0.6)) continue;
    out = out.includes(a) ? out.split(a).join(b) : out.split(b).join(a);
  }
  const sentences = out.split(/(?<=[。！？])/).filter((s) => s.length > 0);
  if (sentences.length > 2 && rng.chance(0.5)) {
    const i = rng.int(1, sentences.length - 1);
    const [moved] = sentences.splice(i, 1);
    if (moved && rng.chance(0.5)) sentences.splice(rng.int(0, sentences.length), 0, moved);
  }
  return rng.pick(REPEAT_PREFIXES) + sentences.join('');
}
