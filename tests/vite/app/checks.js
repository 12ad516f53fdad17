// What the page and the worker each do with the package, as an app would:
// the guard before init, init, the pure functions on a body fetched from the
// sandbox, and the Client against it. Returns plain data for the DOM.
import init, {
  parsePhoneNumbers, evaluateReadiness, planCampaign, Client, isWaNumbersError,
} from 'wa-numbers';

const KEY = 'sk-vite';

export async function checks(base) {
  const out = {};
  // Before init the browser entry (not the node one) must refuse, in words.
  try {
    parsePhoneNumbers('lora', '{}');
    out.beforeInit = 'no error';
  } catch (e) {
    out.beforeInit = `${e.kind} ${e.message.includes('await init()')}`;
  }
  await init();

  const response = await fetch(`${base}/api/message-server/whatsapp/phone-numbers`, {
    headers: { 'X-Api-Key': KEY },
  });
  const page = parsePhoneNumbers('lora', await response.text());
  // The seeds come first; the generated numbers after them only add to the count.
  const seeds = page.numbers.slice(0, 3);
  out.parsed = [`${page.numbers.length} of ${page.total}`, ...seeds.map((n) => `${n.id} ${n.status}`)];
  const verdict = evaluateReadiness(seeds[0], { recipients: 5000 });
  out.readiness = `${verdict.action} ${verdict.dailyLimit} ${verdict.estimatedSendSeconds}`;
  const plan = planCampaign(seeds, { recipients: 105000 });
  out.plan = [...plan.assignments.map((a) => `${a.phoneNumberId} ${a.recipients}`), `unassigned ${plan.unassigned}`];

  const lora = new Client({ provider: 'lora', baseUrl: base, apiKey: KEY });
  out.detail = (await lora.getPhoneNumber('waba-num-001')).wabaId;
  const antgst = new Client({ provider: 'antgst', baseUrl: base, apiKey: KEY, concurrency: 2 });
  const all = await antgst.listAllPhoneNumbers();
  out.listAll = `${all.numbers.length} of ${all.total} in ${all.requests} requests`;
  // A typed error that needs no failing request (a 404 would log a console error).
  try {
    new Client({ provider: 'lora', baseUrl: 'ftp://example.invalid' });
    out.error = 'no error';
  } catch (e) {
    out.error = `${isWaNumbersError(e)} ${e.kind} ${e.field}`;
  }
  return out;
}
