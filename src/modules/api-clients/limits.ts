import type { RateLimitOptions } from '@fastify/rate-limit';

/**
 * Each connected system's own calls-per-minute. It runs after the access check (preHandler),
 * when the client is known; a staff session on the same route counts per address.
 */
export const clientRateLimit: RateLimitOptions = {
  hook: 'preHandler',
  timeWindow: 60_000,
  keyGenerator: (req) => (req.apiClient ? `api-client:${req.apiClient.id}` : `ip:${req.ip}`),
  max: (req) => req.apiClient?.ratePerMinute ?? 120,
};
