/**
 * Where an enterprise can be reached, from everything the platform holds: its portal users, the
 * contacts in its file (primary first), the legal representative's mobile and the registered
 * phone when that is a mobile number. Numbers are compared in one normal form (no spaces,
 * dashes or +86), so the same mobile held twice is texted once (the query: repository-contacts.ts).
 */

/** 1 portal user, 2 primary contact, 3 other contact, 4 legal representative, 5 registered phone. */
export type Source = 1 | 2 | 3 | 4 | 5;
export interface Candidate {
  enterprise_id: number;
  channel: 'sms' | 'email';
  address: string;
  source: Source;
}

/**
 * The addresses to use from one enterprise's candidates on one channel: every portal user's and
 * the primary contact's; when there are none of those, the first that the file holds (another
 * contact, the legal representative, the registered mobile) — one fallback, not all of them.
 */
export function pickAddresses(candidates: readonly Candidate[]): string[] {
  const first = [...new Set(candidates.filter((c) => c.source <= 2).map((c) => c.address))];
  if (first.length > 0) return first;
  const best = [...candidates].sort((a, b) => a.source - b.source)[0];
  return best ? [best.address] : [];
}

/** The picked addresses per enterprise and channel. */
export function addressBook(candidates: readonly Candidate[]): Map<number, { sms: string[]; email: string[] }> {
  const by = new Map<number, { sms: Candidate[]; email: Candidate[] }>();
  for (const c of candidates) {
    const entry = by.get(c.enterprise_id) ?? { sms: [], email: [] };
    entry[c.channel].push(c);
    by.set(c.enterprise_id, entry);
  }
  return new Map([...by].map(([id, e]) => [id, { sms: pickAddresses(e.sms), email: pickAddresses(e.email) }]));
}
