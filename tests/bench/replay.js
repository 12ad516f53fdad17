// The plain-fetch floor of a dashboard load, shared by the bench's two
// measures of it (under Playwright in run.mjs, unattended in unattended.html):
// the very GETs the load sent, with the same credential header (so the same
// CORS preflight per URL), the first alone, then as many in flight as the
// dashboard keeps, in the order sent, each body read as text and nothing else
// done.

/** Requests the dashboard keeps in flight: the client's default `concurrency`. */
export const DASHBOARD_CONCURRENCY = 4;

/** Replays `paths` against `url`; the time it took in ms. */
export async function replay(url, paths, workers = DASHBOARD_CONCURRENCY) {
  const get = (path) => fetch(url + path, { headers: { Authorization: 'Bearer bench' } }).then((r) => r.text());
  const t = performance.now();
  await get(paths[0]);
  let next = 1;
  const worker = async () => { while (next < paths.length) await get(paths[next++]); };
  await Promise.all(Array.from({ length: workers }, worker));
  return performance.now() - t;
}
