// The npm package's public contract, exercised from JavaScript through the built
// package in pkg/ (run by `cargo xtask test` after `cargo xtask pkg`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  initSync,
  parsePhoneNumbers,
  parsePhoneNumber,
  evaluateReadiness,
  evaluateReadinessAll,
  planCampaign,
} from '../../pkg/wa_numbers.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
initSync({ module: readFileSync(here('../../pkg/wa_numbers_bg.wasm')) });
const fixture = (name) => readFileSync(here(`../fixtures/${name}`), 'utf8');

function throwsKind(fn, kind, field) {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof Error, 'a JS Error object');
    assert.equal(error.kind, kind, error.message);
    if (field !== undefined) assert.equal(error.field, field, error.message);
    assert.equal(typeof error.message, 'string');
    return error;
  }
  assert.fail(`expected a ${kind} error`);
}

test('parsePhoneNumbers reads the AntGst seed into the documented Page', () => {
  const page = parsePhoneNumbers('antgst', fixture('antgst/list.json'));
  assert.deepEqual(page, {
    numbers: [
      {
        provider: 'antgst',
        id: 'String',
        phoneNumber: 'String',
        verifiedName: 'String',
        wabaId: 'String',
        status: 'CONNECTED',
        rawStatus: 'CONNECTED',
        qualityRating: 'GREEN',
        messagingLimit: { tier: 'TIER_2K', dailyLimit: 2000, unlimited: false },
        throughput: 'STANDARD',
        codeVerificationStatus: 'NOT_VERIFIED',
        createdAt: '2025-12-16T15:46:51.000+08:00',
        updatedAt: '2025-12-16T15:46:51.000+08:00',
      },
    ],
    total: 1,
    page: 1,
    pageSize: 20,
    pages: 1,
  });
  assert.equal(Object.getPrototypeOf(page), Object.prototype, 'a plain object, not a Map');
});

test('parsePhoneNumbers and parsePhoneNumber read the LORA seeds', () => {
  const page = parsePhoneNumbers('lora', fixture('lora/list.json'));
  assert.equal(page.total, 3);
  assert.deepEqual(page.numbers.map((n) => [n.id, n.status, n.rawStatus]), [
    ['waba-num-001', 'CONNECTED', 'ACTIVE'],
    ['waba-num-002', 'ONBOARDING', 'PENDING'],
    ['waba-num-003', 'CONNECTED', 'ACTIVE'],
  ]);
  const one = parsePhoneNumber('lora', fixture('lora/detail.json'));
  assert.equal(one.wabaId, 'waba-acct-shopitalia-001');
  assert.equal(one.lastOnboardedAt, '2025-11-15T10:00:00+01:00');
  assert.equal(one.accountMode, 'LIVE');
});

test('bad bodies throw invalid_response naming where', () => {
  throwsKind(() => parsePhoneNumbers('antgst', 'not json'), 'invalid_response', '$');
  throwsKind(() => parsePhoneNumbers('antgst', '{"data": 3}'), 'invalid_response', 'data');
  throwsKind(
    () => parsePhoneNumbers('lora', '{"phoneNumbers": [{"phoneNumberId": "a"}, {}]}'),
    'invalid_response',
    'phoneNumbers[1].phoneNumberId',
  );
  throwsKind(() => parsePhoneNumbers('nope', '{}'), 'invalid_input', 'provider');
});

test('evaluateReadiness follows the readiness table', () => {
  const [active10k, pending, active100k] = parsePhoneNumbers('lora', fixture('lora/list.json')).numbers;
  assert.deepEqual(evaluateReadiness(active10k, { recipients: 5000 }), {
    ready: true,
    action: 'send',
    reasons: [],
    dailyLimit: 10000,
    estimatedSendSeconds: 62.5,
  });
  const waiting = evaluateReadiness(pending, { recipients: 10 });
  assert.equal(waiting.action, 'wait_for_onboarding');
  assert.deepEqual(waiting.reasons.map((r) => [r.code, r.severity]), [['status_onboarding', 'blocker']]);
  const tooSmall = evaluateReadiness(active10k, { recipients: 50000 });
  assert.equal(tooSmall.action, 'choose_another_number');
  assert.equal(tooSmall.reasons[0].code, 'insufficient_tier');
  const yellowOk = evaluateReadiness({ ...active100k, qualityRating: 'YELLOW' }, { recipients: 1, minQuality: 'YELLOW' });
  assert.equal(yellowOk.ready, true);
  throwsKind(() => evaluateReadiness(active10k, { recipients: -5 }), 'invalid_input', 'campaign.recipients');
  throwsKind(() => evaluateReadiness(active10k, { recipients: 5, minQuality: 'BLUE' }), 'invalid_input', 'campaign.minQuality');
  throwsKind(() => evaluateReadiness({ id: 'x' }, { recipients: 5 }), 'invalid_input');
});

test('evaluateReadiness remembers verdicts only for calls that read the same', () => {
  // A small pool of values, so calls repeat readings (remembered), differ
  // in one field at a time (strings of the same length, limits alone,
  // campaigns alone) and fill more hash slots than there are (512).
  // evaluateReadinessAll remembers nothing: it is the reference.
  let seed = 7;
  const pick = (xs) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return xs[(seed >>> 8) % xs.length]; };
  const statuses = [['CONNECTED', 'CONNECTED'], ['CONNECTED', 'CONNECTEE'], ['ONBOARDING', 'PENDING'], ['DEGRADED', 'FLAGGED'], ['UNAVAILABLE', 'NEW_ONE'], ['LIMIT_REACHED', 'BLOCKED'], ['LIMIT_REACHED', 'BLOCKEE']];
  for (let call = 0; call < 6000; call++) {
    const [status, rawStatus] = pick(statuses);
    const unlimited = pick([false, false, true]);
    const number = {
      id: `n${call}`,
      status,
      rawStatus,
      qualityRating: pick(['GREEN', 'YELLOW', 'RED', 'UNKNOWN']),
      messagingLimit: { tier: pick(['TIER_1K', 'TIER_10K', 'TIER_2K']), dailyLimit: unlimited ? null : pick([1000, 10000, 2000, 2001]), unlimited },
      throughput: pick([undefined, 'STANDARD', 'HIGH']),
    };
    const campaign = { recipients: pick([1, 1000, 2000, 2001, 5000, 10000 + (call % 700)]), minQuality: pick([undefined, 'GREEN', 'YELLOW']), limitScope: pick([undefined, 'number', 'waba']) };
    const verdict = evaluateReadiness(number, campaign);
    assert.deepEqual(verdict, evaluateReadinessAll([number], campaign)[0], JSON.stringify([number, campaign]));
    // Each answer is the caller's own: changing it changes no later answer.
    verdict.reasons.push({ code: 'changed' });
    verdict.ready = 'changed';
  }
  // An error is never remembered as a verdict.
  const [active10k] = parsePhoneNumbers('lora', fixture('lora/list.json')).numbers;
  for (let i = 0; i < 2; i++) throwsKind(() => evaluateReadiness(active10k, { recipients: 1.5 }), 'invalid_input', 'campaign.recipients');
});

test('half a character in a name is U+FFFD, not a failed page', () => {
  // As JSON.stringify writes a string whose emoji was cut in two.
  const body = JSON.stringify({
    data: [
      { phoneNumberId: 'a', displayPhoneNumber: '+1', verifiedName: 'Caf\ud83d', status: 'CONNECTED', extra: { deep: ['\ude00'] } },
      { phoneNumberId: 'b', displayPhoneNumber: '+2', verifiedName: 'ok 😀', status: 'CONNECTED' },
    ],
    total: 2,
  });
  assert.ok(body.includes('\\ud83d'), 'the body carries the lone escape');
  const page = parsePhoneNumbers('antgst', body);
  assert.deepEqual(page.numbers.map((n) => n.verifiedName), ['Caf\ufffd', 'ok 😀']);
});

test('NaN and Infinity are refused where JSON would have turned them into null', () => {
  const [active10k] = parsePhoneNumbers('lora', fixture('lora/list.json')).numbers;
  const nan = { ...active10k, messagingLimit: { ...active10k.messagingLimit, dailyLimit: NaN } };
  throwsKind(() => evaluateReadiness(nan, { recipients: 5 }), 'invalid_input', 'phoneNumber.messagingLimit.dailyLimit');
  throwsKind(() => evaluateReadiness(active10k, { recipients: NaN }), 'invalid_input', 'campaign.recipients');
  throwsKind(() => evaluateReadiness(active10k, { recipients: -Infinity }), 'invalid_input', 'campaign.recipients');
  throwsKind(() => evaluateReadinessAll([active10k, nan], { recipients: 5 }), 'invalid_input', 'phoneNumbers[1].messagingLimit.dailyLimit');
  throwsKind(() => planCampaign([nan], { recipients: 5 }), 'invalid_input', 'phoneNumbers[0].messagingLimit.dailyLimit');
  // A field the rules do not read is not theirs to refuse.
  assert.equal(evaluateReadiness({ ...active10k, score: NaN }, { recipients: 5 }).ready, true);
});

test('planCampaign fills the greatest tier first and reports what is left', () => {
  const numbers = parsePhoneNumbers('lora', fixture('lora/list.json')).numbers;
  assert.deepEqual(planCampaign(numbers, { recipients: 105000 }), {
    assignments: [
      { phoneNumberId: 'waba-num-003', recipients: 100000 },
      { phoneNumberId: 'waba-num-001', recipients: 5000 },
    ],
    unassigned: 0,
  });
  const shared = numbers.map((n) => ({ ...n, wabaId: 'one-portfolio' }));
  // One shared limit (the greatest tier, 100K), sent from the number whose own tier carries it.
  assert.deepEqual(planCampaign(shared, { recipients: 150000, limitScope: 'waba' }), {
    assignments: [{ phoneNumberId: 'waba-num-003', recipients: 100000 }],
    unassigned: 50000,
  });
  throwsKind(() => planCampaign('nope', { recipients: 1 }), 'invalid_input', 'phoneNumbers');
});
