// Every documented call and error narrowing, compiled with `tsc --strict` and no
// skipLibCheck, once with the DOM lib and once for Node only: against pkg/ by
// path (tests/npm/ts-*) and from the packed tarball installed in a scratch
// project (tarball.test.mjs). Lines marked @ts-expect-error must stay errors.
import init, {
  parsePhoneNumbers, parsePhoneNumber, evaluateReadiness, evaluateReadinessAll, planCampaign,
  Client, isWaNumbersError, type PhoneNumber, type Page, type Readiness, type Plan, type ListAll,
  type WaNumbersError, type QualityRating, type ListQuery,
} from 'wa-numbers';

export async function usage(body: string): Promise<number> {
  await init();
  const page: Page = parsePhoneNumbers('lora', body);
  const one: PhoneNumber = parsePhoneNumber('antgst', body);
  const verdict: Readiness = evaluateReadiness(one, { recipients: 5000, minQuality: 'GREEN' });
  const verdicts: Readiness[] = evaluateReadinessAll(page.numbers, { recipients: 10 });
  const plan: Plan = planCampaign(page.numbers, { recipients: 1000, limitScope: 'waba' });
  const client = new Client({ provider: 'meta', baseUrl: 'https://graph.facebook.com/v24.0', wabaId: ['1', '2'] });
  const first = await client.getPhoneNumber('waba-num-001');
  await client.getPhoneNumber('waba-num-001', { signal: new AbortController().signal });
  await client.listPhoneNumbers({ pageSize: 10, qualityRating: 'GREEN' });
  await client.listPhoneNumbers();
  await client.listPhoneNumbers(null);
  const rating: QualityRating | undefined = ({} as ListQuery).qualityRating;
  // @ts-expect-error 'GREN' is not a quality rating
  await client.listPhoneNumbers({ qualityRating: 'GREN' });
  // @ts-expect-error an id is a string
  await client.getPhoneNumber(5);
  // @ts-expect-error the provider is one of three
  new Client({ provider: 'whatsapp', baseUrl: 'https://x' });
  // @ts-expect-error the body is text, not parsed JSON
  parsePhoneNumbers('lora', { phoneNumbers: [] });
  const all: ListAll = await client.listAllPhoneNumbers({ wabaId: ['1'] }, { onPage: (numbers, p) => numbers.length + p.throttled });
  await client.listAllPhoneNumbers();
  await client.waitForOnboarding(first.id);
  await client.waitForOnboarding(first.id, { intervalMs: 1000, onUpdate: (n) => n.status });
  client.free();
  return verdict.estimatedSendSeconds + verdicts.length + plan.unassigned + all.numbers.length + (rating ? 1 : 0);
}

/** How long to wait before trying again, narrowing the error on `kind`. */
export function waitFor(e: unknown): number {
  if (!isWaNumbersError(e)) return -1;
  const error: WaNumbersError = e;
  switch (error.kind) {
    case 'rate_limited': {
      const status: number = error.status;
      return error.retryAfterMs ?? status;
    }
    case 'unauthorized':
    case 'forbidden':
    case 'not_found':
    case 'server': {
      const status: number = error.status;
      // @ts-expect-error retryAfterMs is only on rate_limited
      const ms: number = error.retryAfterMs;
      return status + ms;
    }
    case 'invalid_input':
    case 'invalid_response':
      return (error.status ?? 0) + (error.field?.length ?? 0);
    case 'network':
    case 'timeout':
    case 'aborted':
      return error.message.length;
    default: {
      // Exhaustive: every kind is handled above.
      const never: never = error;
      return never;
    }
  }
}
