// The alternatives a web developer would pick instead of this package: the
// same AntGst normalization as baseline.js (same output, checked by run.mjs),
// written with a zod schema and with a valibot schema. Loaded into the
// benchmark page as a module.
import * as z from '/node_modules/zod/index.js';
import * as v from '/node_modules/valibot/dist/index.mjs';

const STATUS = {
  CONNECTED: 'CONNECTED', ACTIVE: 'CONNECTED', FLAGGED: 'DEGRADED', WARNED: 'DEGRADED', RATE_LIMITED: 'DEGRADED',
  PENDING: 'ONBOARDING', UNVERIFIED: 'ONBOARDING', MANUAL_REVIEW: 'ONBOARDING', RESTRICTED: 'LIMIT_REACHED', BLOCKED: 'LIMIT_REACHED',
};
const QUALITY = new Set(['GREEN', 'YELLOW', 'RED', 'UNKNOWN']);
const OPTIONAL = [['verifiedName', 'verifiedName'], ['wabaId', 'wabaId'], ['throughput', 'throughput'],
  ['codeVerificationStatus', 'codeVerificationStatus'], ['createTime', 'createdAt'], ['updateTime', 'updatedAt']];

/** A validated row (text fields as strings or undefined) into the normalized number. */
function normalize(row) {
  const raw = row.status;
  const q = (row.qualityRating || '').trim().toUpperCase();
  const tier = (row.messagingLimitTier || '').trim() || 'TIER_NOT_SET';
  const up = tier.toUpperCase();
  let dailyLimit = null, unlimited = false;
  if (up === 'TIER_UNLIMITED' || up === 'UNLIMITED') unlimited = true;
  else {
    const m = /^TIER_(\d+)([KM]?)$/.exec(up);
    if (m) dailyLimit = Number(m[1]) * (m[2] === 'K' ? 1000 : m[2] === 'M' ? 1000000 : 1);
  }
  const n = {
    provider: 'antgst', id: row.phoneNumberId, phoneNumber: row.displayPhoneNumber || '',
    status: (raw && STATUS[raw.trim().toUpperCase()]) || 'UNAVAILABLE',
    qualityRating: QUALITY.has(q) ? q : 'UNKNOWN',
    messagingLimit: { tier, dailyLimit, unlimited },
  };
  for (const [from, to] of OPTIONAL) {
    const value = row[from];
    if (value !== undefined && value.trim() !== '') n[to] = value;
  }
  if (raw !== undefined && raw.trim() !== '') n.rawStatus = raw;
  return n;
}
const page = (body) => ({ numbers: body.data, total: body.total ?? body.data.length, page: body.current, pageSize: body.size, pages: body.pages });
const TEXT_KEYS = ['displayPhoneNumber', 'verifiedName', 'wabaId', 'status', 'qualityRating', 'messagingLimitTier',
  'throughput', 'codeVerificationStatus', 'createTime', 'updateTime'];

// zod 4
const zText = z.union([z.string(), z.number().transform(String)]).nullish().transform((x) => x ?? undefined);
const zRow = z.object({
  phoneNumberId: z.union([z.string(), z.number().transform(String)]).refine((s) => s.trim() !== ''),
  ...Object.fromEntries(TEXT_KEYS.map((k) => [k, zText])),
}).transform(normalize);
const zEnvelope = z.object({
  data: z.array(zRow), total: z.number().optional(), size: z.number().optional(),
  current: z.number().optional(), pages: z.number().optional(),
});
window.parseAntgstWithZod = (text) => page(zEnvelope.parse(JSON.parse(text)));

// valibot 1
const vText = v.pipe(v.nullish(v.union([v.string(), v.pipe(v.number(), v.transform(String))])), v.transform((x) => x ?? undefined));
const vRow = v.pipe(v.object({
  phoneNumberId: v.pipe(v.union([v.string(), v.pipe(v.number(), v.transform(String))]), v.check((s) => s.trim() !== '')),
  ...Object.fromEntries(TEXT_KEYS.map((k) => [k, vText])),
}), v.transform(normalize));
const vEnvelope = v.object({
  data: v.array(vRow), total: v.optional(v.number()), size: v.optional(v.number()),
  current: v.optional(v.number()), pages: v.optional(v.number()),
});
window.parseAntgstWithValibot = (text) => page(v.parse(vEnvelope, JSON.parse(text)));
window.schemasReady = true;
