/** The calendar year in Asia/Shanghai (UTC+8, no daylight saving), whatever the server's zone. */
export function shanghaiYear(d: Date): number {
  return new Date(d.getTime() + 8 * 3_600_000).getUTCFullYear();
}
