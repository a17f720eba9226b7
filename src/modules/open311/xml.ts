/** The GeoReport v2 XML shape: one element per field, lists as repeated child elements. */
const ITEM_OF: Record<string, string> = {
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
  errors: 'error',
  services: 'service',
  service_requests: 'request',
};

/**
 * What XML 1.0 forbids (even as a character reference): C0 controls but tab, LF and CR, lone
 * surrogates, U+FFFE and U+FFFF. One of them makes the whole document unparseable for a client.
 */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- these control characters are what it finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Word's line break (VT) and page break (FF) become line breaks; other forbidden characters are dropped. */
export function xmlText(text: string): string {
  return text.replace(FORBIDDEN, (c) => (c === '\u000B' || c === '\u000C' ? '\n' : ''));
}

function escape(text: string): string {
  return xmlText(text).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_OF[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join('')}</${name}>`;
  }
  return `<${name}>${escape(String(value))}</${name}>`;
}

export function toXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}`;
}
