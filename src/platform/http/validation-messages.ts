import { z } from 'zod';
import type { FieldIssue } from '../errors.ts';
import { fieldLabels } from './field-labels.ts';

export type MessageLang = 'zh' | 'en';

/** One schema issue as fastify-type-provider-zod hands it over: zod's issue, its code as `keyword`, the rest in `params`. */
export interface ZodIssueLike {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** The web app says which language it shows (Accept-Language: en for the English UI); Chinese otherwise. */
export function messageLang(acceptLanguage: string | undefined): MessageLang {
  return /^\s*en\b/i.test(acceptLanguage ?? '') ? 'en' : 'zh';
}

const zhDefault = z.locales.zhCN().localeError;

/** True when zod wrote the message itself (its zh-CN locale), not the schema ("标题至少 4 个字" is the schema's own and is kept). */
function isZodDefault(code: string, message: string, params: Record<string, unknown>): boolean {
  // zod has dropped the input by now, so its "实际接收 …" part cannot be rebuilt: the wording's start is enough.
  if (code === 'invalid_type') return message.startsWith('无效输入');
  const rebuilt = zhDefault({ code, ...params } as unknown as Parameters<typeof zhDefault>[0]);
  const text = typeof rebuilt === 'string' ? rebuilt : rebuilt?.message;
  return text === message;
}

function labelOf(field: string, lang: MessageLang): string {
  const name = field
    .split('.')
    .filter((p) => !/^\d+$/.test(p))
    .pop();
  const known = name ? fieldLabels[name] : undefined;
  if (known) return known[lang];
  return lang === 'zh' ? `「${field}」` : `"${field}"`;
}

const num = (v: unknown): string => (typeof v === 'bigint' || typeof v === 'number' ? v.toString() : String(v));

/** "标题不能超过 200 个字", "Title must be at most 200 characters": the field and the limit, in the UI's language. */
function render(code: string, p: Record<string, unknown>, label: string, lang: MessageLang, missing: boolean): string {
  const origin = p.origin;
  const zh = lang === 'zh';
  switch (code) {
    case 'too_big': {
      const max = num(p.maximum);
      if (origin === 'string') return zh ? `${label}不能超过 ${max} 个字` : `${label} must be at most ${max} characters`;
      if (origin === 'array' || origin === 'set') return zh ? `${label}最多 ${max} 项` : `${label} allows at most ${max} items`;
      if (origin === 'file') return zh ? `${label}不能超过 ${max} 字节` : `${label} must be at most ${max} bytes`;
      if (p.inclusive === false) return zh ? `${label}须小于 ${max}` : `${label} must be less than ${max}`;
      return zh ? `${label}不能大于 ${max}` : `${label} must be at most ${max}`;
    }
    case 'too_small': {
      const min = num(p.minimum);
      if (origin === 'string') {
        if (min === '1') return zh ? `请填写${label}` : `${label} is required`;
        return zh ? `${label}至少 ${min} 个字` : `${label} must be at least ${min} characters`;
      }
      if (origin === 'array' || origin === 'set') return zh ? `${label}至少 ${min} 项` : `${label} needs at least ${min} items`;
      if (p.inclusive === false) return zh ? `${label}须大于 ${min}` : `${label} must be greater than ${min}`;
      return zh ? `${label}不能小于 ${min}` : `${label} must be at least ${min}`;
    }
    case 'invalid_type':
      if (missing) return zh ? `请填写${label}` : `${label} is required`;
      if (p.expected === 'number' || p.expected === 'int') return zh ? `${label}须为数字` : `${label} must be a number`;
      return zh ? `${label}格式不正确` : `${label} is not in the right form`;
    case 'invalid_format':
      return zh ? `${label}格式不正确` : `${label} is not in the right format`;
    case 'invalid_value':
      return zh ? `${label}不是可选的值` : `${label} is not one of the allowed values`;
    case 'not_multiple_of':
      return zh ? `${label}须为 ${num(p.divisor)} 的倍数` : `${label} must be a multiple of ${num(p.divisor)}`;
    case 'unrecognized_keys': {
      const keys = Array.isArray(p.keys) ? p.keys.map(String) : [];
      return zh ? `不认识的字段：${keys.join('、')}` : `Unknown fields: ${keys.join(', ')}`;
    }
    default:
      return zh ? `${label}不合法` : `${label} is not valid`;
  }
}

/** The schema's issues as fields with messages naming the field and the limit. */
export function fieldIssues(validation: readonly ZodIssueLike[], context: string | undefined, lang: MessageLang): FieldIssue[] {
  return validation.map((v) => {
    const field = (v.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.') || context || 'body';
    const code = v.keyword ?? '';
    const params = v.params ?? {};
    const original = v.message ?? '';
    // A schema's own wording stays (it says more than a generic rule); in the English UI a generic one replaces it.
    if (original && !isZodDefault(code, original, params) && (lang === 'zh' || !/[\u4e00-\u9fff]/.test(original))) {
      return { field, message: original };
    }
    const missing = code === 'invalid_type' && original.endsWith('undefined');
    return { field, message: render(code, params, labelOf(field, lang), lang, missing) };
  });
}
