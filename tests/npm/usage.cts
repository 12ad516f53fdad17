// The package from CommonJS TypeScript (`require`), compiled under NodeNext from
// the tarball installed in a scratch project: the `require` condition must give
// CommonJS declarations (wa_numbers.d.cts), not ES ones TypeScript refuses.
import wa = require('wa-numbers');

export function usage(body: string): number {
  const page: wa.Page = wa.parsePhoneNumbers('lora', body);
  const verdicts: wa.Readiness[] = wa.evaluateReadinessAll(page.numbers, { recipients: 10 });
  const client = new wa.Client({ provider: 'lora', baseUrl: 'https://x' });
  client.free();
  try {
    wa.parsePhoneNumbers('lora', '');
  } catch (e) {
    if (wa.isWaNumbersError(e) && e.kind === 'rate_limited') return e.retryAfterMs ?? 0;
  }
  return verdicts.length;
}
