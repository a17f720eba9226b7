import type { RequesterDetails } from '../appeals/intake.ts';
import { Open311Error } from './error.ts';

/** The optional location and contact fields of a GeoReport v2 POST, as the client sent them. */
export interface RequestPlace {
  lat?: string;
  long?: string;
  address_string?: string;
  email?: string;
  media_url?: string;
}

const bad = (description: string) => new Open311Error(400, description);

/** A decimal number within ±limit; anything else (text, NaN, Infinity, hex, out of range) is refused. */
function coordinate(value: string, name: 'lat' | 'long', limit: number): number {
  const n = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(Math.abs(n) <= limit)) throw bad(`${name} must be a decimal number between -${limit} and ${limit}`);
  return n;
}

function mediaUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  // Staff open this link from the appeal page: only web addresses, never javascript: or data:.
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || value.length > 2000)
    throw bad('media_url must be an http or https URL of at most 2000 characters');
  return value;
}

/**
 * Checks the requester's location, e-mail and picture link and turns them into the appeal's
 * columns. `locationRequired`: the service item is about a place, so lat/long or address_string is needed.
 */
export function requesterDetails(p: RequestPlace, locationRequired: boolean, serviceCode: string): RequesterDetails {
  if ((p.lat === undefined) !== (p.long === undefined)) throw bad('lat and long must be given together');
  const lat = p.lat === undefined ? null : coordinate(p.lat, 'lat', 90);
  const long = p.long === undefined ? null : coordinate(p.long, 'long', 180);
  if (p.address_string !== undefined && p.address_string.length > 500) throw bad('address_string must be at most 500 characters');
  if (locationRequired && lat === null && p.address_string === undefined)
    throw bad(`service_code ${serviceCode} requires a location: lat and long, or address_string`);
  if (p.email !== undefined && (p.email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(p.email)))
    throw bad('email must be an e-mail address');
  return {
    location_lat: lat,
    location_long: long,
    location_address: p.address_string ?? null,
    contact_email: p.email ?? null,
    media_url: p.media_url === undefined ? null : mediaUrl(p.media_url),
  };
}
