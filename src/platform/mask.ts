/** Personal data shown in lists is masked; the full value is only on a record's own page. */
export function maskMobile(mobile: string | null): string | null {
  if (!mobile) return mobile;
  if (mobile.length < 7) return '*'.repeat(mobile.length);
  return `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
}

export function maskName(name: string | null): string | null {
  if (!name) return name;
  return name.length <= 1 ? name : `${name[0]}${'*'.repeat(name.length - 1)}`;
}

/** a***@example.com: enough to recognise one's own address, not to harvest it. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  return at <= 0 ? '***' : `${email[0]}***${email.slice(at)}`;
}
