// Every documented call and error narrowing, compiled with `tsc --strict` and no
// skipLibCheck, once with the DOM lib and once for Node only (tests/npm/ts-*).
import init, {
  parsePhoneNumbers, parsePhoneNumber, evaluateReadiness, evaluateReadinessAll, planCampaign,
  Client, isWaNumbersError, type PhoneNumber, type Page, type Readiness, type Plan, type ListAll,
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
  await client.listPhoneNumbers({ pageSize: 10, qualityRating: 'GREEN' });
  await client.listPhoneNumbers();
  // @ts-expect-error 'GREN' is not a quality rating
  await client.listPhoneNumbers({ qualityRating: 'GREN' });
  // @ts-expect-error the provider is one of three
  new Client({ provider: 'whatsapp', baseUrl: 'https://x' });
  const all: ListAll = await client.listAllPhoneNumbers({ wabaId: ['1'] }, { onPage: (numbers, p) => numbers.length + p.throttled });
  await client.waitForOnboarding(first.id);
  try {
    await client.listAllPhoneNumbers();
  } catch (e) {
    if (isWaNumbersError(e) && e.kind === 'rate_limited') return e.retryAfterMs ?? 0;
  }
  client.free();
  return verdict.estimatedSendSeconds + verdicts.length + plan.unassigned + all.numbers.length;
}
