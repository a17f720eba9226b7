import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from './audit-names.ts';

const SRC = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * Every quoted code on a line that sets `key:` (a ternary may give two). Audit actions are
 * dotted ('auth.login'); the undotted `action: 'submit'` lines are appeal and application events.
 */
function written(key: 'action' | 'entityType', dotted: boolean): Map<string, string> {
  const found = new Map<string, string>();
  const line = new RegExp(`\\b${key}:\\s*([^,\\n]+)`, 'g');
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(line)) {
      for (const q of m[1]!.matchAll(/'([a-z_.]+)'/g)) {
        const code = q[1]!;
        if (dotted === code.includes('.')) found.set(code, file.slice(SRC.length + 1));
      }
    }
  }
  return found;
}

describe('audit names', () => {
  it('names every audit action written anywhere in the sources', () => {
    const actions = written('action', true);
    expect(actions.size).toBeGreaterThan(80);
    const unnamed = [...actions].filter(([code]) => !(code in AUDIT_ACTIONS)).map(([code, file]) => `${code} (${file})`);
    expect(unnamed).toEqual([]);
  });

  it('names every audited entity type written anywhere in the sources', () => {
    const entities = written('entityType', false);
    expect(entities.size).toBeGreaterThan(20);
    const unnamed = [...entities].filter(([code]) => !(code in AUDIT_ENTITIES)).map(([code, file]) => `${code} (${file})`);
    expect(unnamed).toEqual([]);
  });

  it('gives each action a distinct Chinese name and an English one', () => {
    const names = Object.values(AUDIT_ACTIONS);
    expect(new Set(names.map((x) => x.zh_CN)).size).toBe(names.length);
    for (const x of [...names, ...Object.values(AUDIT_ENTITIES)]) {
      expect(x.zh_CN).toMatch(/[\u4e00-\u9fff]/);
      expect(x.en_US).toMatch(/^[A-Z]/);
    }
  });
});
