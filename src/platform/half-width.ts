/**
 * Full-width forms (２０２４－０５, Ａ１, from Chinese IMEs, WPS and Excel) as their ASCII forms, and
 * the ideographic space as a space: the one normalisation every code, date and number read from
 * people goes through, so 成立日期 “２０１９年３月１５日” is read like 信用代码 “９１４４…” is.
 * Free text (names, addresses) keeps its full-width punctuation: （集团） is part of a name.
 */
export function halfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}
