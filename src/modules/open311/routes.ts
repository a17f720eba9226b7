import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf, apiKeyOf, type ApiKeyResolver } from '../../platform/http/access.ts';
import type { AppealDeps } from '../appeals/service.ts';
import { clientRateLimit } from '../api-clients/limits.ts';
import { findClient } from '../api-clients/service.ts';
import type { Scope } from '../api-clients/keys.ts';
import { discovery } from './discovery.ts';
import * as service from './service.ts';
import { Open311Error } from './error.ts';
import { toXml } from './xml.ts';

type Format = 'json' | 'xml';
type Fields = Record<string, unknown>;

const FORMATS: readonly Format[] = ['json', 'xml'];
const MIME: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };

function send(reply: FastifyReply, format: Format, root: string, value: unknown, status = 200) {
  reply.status(status).type(MIME[format]);
  return format === 'json' ? reply.send(JSON.stringify(value)) : reply.send(toXml(root, value));
}

/** GeoReport v2 POSTs are form-encoded (JSON is taken too); say so rather than miss the fields of another encoding. */
const ENCODINGS = ['application/x-www-form-urlencoded', 'application/json'];
async function formEncoded(req: FastifyRequest) {
  const type = req.headers['content-type']?.split(';')[0]!.trim().toLowerCase();
  if (type && !ENCODINGS.includes(type))
    throw new Open311Error(400, `${type} is not supported: send the request as application/x-www-form-urlencoded (GeoReport v2)`);
}

function fieldsOf(req: FastifyRequest): Fields {
  return { ...(req.query as Fields), ...(req.body && typeof req.body === 'object' ? (req.body as Fields) : {}) };
}

/** A field as text; a JSON body may send numbers (lat, long), which must not be lost. */
function str(f: Fields, name: string): string | undefined {
  const v = f[name];
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** `attribute[uscc]=…` in a form, or `{"attribute": {"uscc": …}}` in JSON. */
function attribute(f: Fields, name: string): string | undefined {
  const nested = f.attribute;
  return str(f, `attribute[${name}]`) ?? (nested && typeof nested === 'object' ? str(nested as Fields, name) : undefined);
}

/** GeoReport v2 at /open311/v2: the standard's paths, `api_key` parameter and error format. */
export function open311Routes(app: FastifyInstance, ctx: AppContext, deps: AppealDeps, resolveKey: ApiKeyResolver): void {
  app.register(
    async (scope) => {
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      });

      // The standard's errors: [{code, description}] with the same HTTP status, in the asked-for format.
      const formatOf = (req: FastifyRequest): Format => (/\.xml$/.test(req.url.split('?')[0]!) ? 'xml' : 'json');
      scope.setErrorHandler((err: FastifyError, req, reply) => {
        let e: Open311Error;
        if (err instanceof Open311Error) e = err;
        else if (err instanceof AppError && [400, 403, 404].includes(err.status))
          e = new Open311Error(err.status as 400 | 403 | 404, err.message);
        else if (err.statusCode === 429) e = new Open311Error(429, 'rate limit exceeded');
        else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) e = new Open311Error(400, err.message);
        else {
          req.log.error({ err }, 'open311 error');
          e = new Open311Error(500, 'internal error');
        }
        return send(reply, formatOf(req), 'errors', [{ code: e.status, description: e.description }], e.status);
      });
      const notFound = (req: FastifyRequest, reply: FastifyReply) =>
        send(reply, formatOf(req), 'errors', [{ code: 404, description: `no such resource: ${req.url.split('?')[0]}` }], 404);
      scope.setNotFoundHandler(notFound);
      // Without these, the web app's catch-all (GET /*) would answer unknown paths and formats with its HTML.
      scope.all('/', { schema: { hide: true } }, notFound);
      scope.all('/*', { schema: { hide: true } }, notFound);

      /** Identifies the client by `api_key` (or the API headers) before the rate limit counts it. */
      const guard = (needed: Scope) => async (req: FastifyRequest) => {
        const key = str(fieldsOf(req), 'api_key') ?? apiKeyOf(req);
        if (!key) throw new Open311Error(403, 'api_key is required');
        const found = await resolveKey(key);
        if (!found) throw new Open311Error(403, 'invalid api_key');
        req.user = found.user;
        req.apiClient = found.client;
        if (!found.client.scopes.includes(needed)) throw new Open311Error(403, `api_key lacks the ${needed} scope`);
      };
      const config = { rateLimit: clientRateLimit };
      const schema = { hide: true };

      for (const format of FORMATS) {
        scope.get(`/discovery.${format}`, { config, schema }, async (req, reply) =>
          send(reply, format, 'discovery', discovery(`${req.protocol}://${req.host}`)),
        );
        scope.get(`/v2/services.${format}`, { config, schema }, async (_req, reply) =>
          send(reply, format, 'services', await service.listServices(ctx.db)),
        );
        scope.get<{ Params: { code: string } }>(`/v2/services/:code.${format}`, { config, schema }, async (req, reply) =>
          send(reply, format, 'service_definition', await service.serviceDefinition(ctx.db, req.params.code)),
        );

        const post = { config, schema, onRequest: formEncoded, preValidation: guard('appeals:write') };
        scope.post(`/v2/requests.${format}`, post, async (req, reply) => {
          const f = fieldsOf(req);
          const client = req.apiClient && (await findClient(ctx.db, req.apiClient.id));
          if (!client || !req.user) throw new Open311Error(403, 'invalid api_key');
          const input: service.NewRequest = {
            service_code: str(f, 'service_code'),
            description: str(f, 'description'),
            account_id: str(f, 'account_id'),
            uscc: attribute(f, 'uscc'),
            external_ref: attribute(f, 'external_ref'),
            appeal_type: attribute(f, 'appeal_type'),
            first_name: str(f, 'first_name'),
            last_name: str(f, 'last_name'),
            phone: str(f, 'phone'),
            address_string: str(f, 'address_string'),
            lat: str(f, 'lat'),
            long: str(f, 'long'),
            media_url: str(f, 'media_url'),
            email: str(f, 'email'),
          };
          const idem = req.headers['idempotency-key'];
          const res = await service.createRequest(
            deps,
            req.user,
            actorOf(req),
            client.channel,
            input,
            typeof idem === 'string' && idem !== '' ? idem.slice(0, 100) : undefined,
          );
          return send(reply, format, 'service_requests', [res.body], res.created ? 201 : 200);
        });
        scope.get(`/v2/requests.${format}`, { config, schema, preValidation: guard('appeals:read') }, async (req, reply) => {
          const f = fieldsOf(req);
          const q = Object.fromEntries(
            ['service_request_id', 'service_code', 'start_date', 'end_date', 'status'].map((k) => [k, str(f, k)]),
          );
          return send(reply, format, 'service_requests', await service.findRequests(ctx.db, req.user!, q));
        });
        scope.get<{ Params: { id: string } }>(
          `/v2/requests/:id.${format}`,
          { config, schema, preValidation: guard('appeals:read') },
          async (req, reply) => send(reply, format, 'service_requests', [await service.findRequest(ctx.db, req.user!, req.params.id)]),
        );
        scope.get<{ Params: { token: string } }>(
          `/v2/tokens/:token.${format}`,
          { config, schema, preValidation: guard('appeals:read') },
          async (req, reply) => send(reply, format, 'service_requests', [await service.findToken(ctx.db, req.user!, req.params.token)]),
        );
      }
    },
    { prefix: '/open311' },
  );
}
