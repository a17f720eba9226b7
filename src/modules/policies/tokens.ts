/**
 * Chinese segmentation for the policy library's full-text search.
 *
 * PostgreSQL cannot segment Chinese, so the application does: a policy's title and body are cut
 * by jieba in search mode (a long word also yields its parts: 高新技术企业 → 高新, 技术, 企业,
 * 高新技术, 高新技术企业), joined by spaces into title_tokens / body_tokens, and PostgreSQL's
 * 'simple' configuration builds the weighted search_vector from them. A query is cut the same
 * way in precise mode, so every query word is one of the indexed words.
 *
 * The classifier's jieba instance, so its domain dictionary (专精特新, 免申即享 …) applies here too;
 * search mode is a way of cutting, not a different instance.
 */
import { jieba } from '../classification/segmenter.ts';

/** Words too common in policy texts to tell one policy from another. */
const STOP_WORDS = new Set(
  (
    '的 了 和 与 及 或 等 对 在 为 是 将 按 由 从 于 以 其 该 本 之 并 且 也 都 就 ' + '年 月 日 号 条 款 项 第 个 家 人 元 万元 亿元'
  ).split(' '),
);
const WORD = /[\p{Script=Han}\p{L}\p{N}]/u;
/** Keeps a token to characters PostgreSQL's parser reads as one word. */
const CLEAN = /[^\p{Script=Han}\p{L}\p{N}]/gu;

function keep(words: string[]): string[] {
  const out: string[] = [];
  for (const raw of words) {
    const w = raw.toLowerCase().replace(CLEAN, '');
    if (w && WORD.test(w) && !STOP_WORDS.has(w)) out.push(w);
  }
  return out;
}

/** What to store in title_tokens / body_tokens: search-mode words, space separated. */
export function indexTokens(text: string): string {
  return keep(jieba().cutForSearch(text, true)).join(' ');
}

/** The words of a query, distinct, in order. */
export function queryTokens(query: string): string[] {
  return [...new Set(keep(jieba().cut(query, true)))];
}
