/**
 * Chinese word segmentation for appeal classification and duplicate detection.
 *
 * One jieba instance per process, shared with the policy search (policies/tokens.ts) and built on
 * first use: building it from the default dictionary takes about 0.2 s and 40 MB, which most
 * processes (migrations, the CLI) never need. (Importing `dict` only reads the dictionary's bytes.)
 */
import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Enterprise-service terms (专精特新, 用电报装, 留工培训 …) and the taxonomy's keywords. Without
 * them jieba cuts 专精特新 into 专精/特/新 and 用电报装 into 用/电报/装, and the pieces match
 * nothing. Compound keywords that jieba already splits into two ordinary words (贷款到期 →
 * 贷款/到期) are deliberately left out, so that their parts still match looser wording.
 */
const DOMAIN_DICT_URL = new URL('./domain-dict.txt', import.meta.url);

/**
 * Function words and appeal boilerplate that say nothing about the subject. Kept short on
 * purpose: the classifier and the TF-IDF weights already discount common words, and words like
 * 没有 or 无法 carry meaning in an appeal (无法开票, 没有电).
 */
const STOP_WORDS = new Set(
  (
    '的 了 着 过 地 得 之 在 是 为 与 和 及 或 而 并 等 等等 也 都 就 还 又 再 很 较 更 最 已 已经 被 把 将 对 向 从 于 以 由 ' +
    '这 那 这个 那个 这些 那些 这样 那样 此 其 该 本 各 每 一个 一些 一下 有些 某 ' +
    '我 我们 你 你们 您 他 他们 她 它 它们 自己 我司 本司 我方 贵 咱们 ' +
    '吗 呢 吧 啊 呀 哦 嗯 么 啦 ' +
    // Measure words split off numbers (230人, 3个月, 第2次): the number is dropped, so is its unit.
    '人 名 位 家 个 条 台 次 第 年 月 日 日起 号 天 周 万 亿 元 万元 亿元 ' +
    '如何 怎么 怎样 什么 哪些 哪里 为什么 是否 能否 可否 请问 ' +
    '请 麻烦 谢谢 感谢 您好 你好 目前 现在 因为 所以 但是 但 如果 然后 以及 并且 而且 同时 另外 关于 对于 相关 有关 方面'
  ).split(' '),
);

/** A token worth keeping has a CJK character or a Latin letter; numbers and punctuation do not classify. */
const MEANINGFUL = /[\u4e00-\u9fff]|[a-z]/;
/** Codes such as a credit code or a phone extension: a digit in a token longer than 5g or 4s店. */
const CODE = /^(?=.*\d).{4,}$/;

let instance: Jieba | undefined;

/** The process's jieba, with the domain dictionary; cutting does not change it, so callers share it. */
export function jieba(): Jieba {
  if (!instance) {
    const j = Jieba.withDict(dict);
    j.loadDict(readFileSync(DOMAIN_DICT_URL));
    instance = j;
  }
  return instance;
}

/**
 * Segments `text` into lower-cased content words, in order, duplicates kept (term frequency
 * matters to both the classifier and the duplicate detector). HMM is on so that unknown names
 * (enterprise trade names, road names) come out as one token instead of a spray of characters.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const raw of jieba().cut(text.toLowerCase(), true)) {
    const t = raw.trim();
    if (!t || STOP_WORDS.has(t) || !MEANINGFUL.test(t) || CODE.test(t)) continue;
    out.push(t);
  }
  return out;
}
