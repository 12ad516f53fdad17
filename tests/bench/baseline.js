// The plain-JS baseline for the parse benchmark: JSON.parse plus the same
// normalization the core does for AntGst (status, quality, tier capacity),
// producing the same Page shape. Injected into the benchmark page.
window.parseAntgstInJs = function parseAntgstInJs(text) {
  const STATUS = {
    CONNECTED: 'CONNECTED', ACTIVE: 'CONNECTED', FLAGGED: 'DEGRADED', WARNED: 'DEGRADED', RATE_LIMITED: 'DEGRADED',
    PENDING: 'ONBOARDING', UNVERIFIED: 'ONBOARDING', MANUAL_REVIEW: 'ONBOARDING', RESTRICTED: 'LIMIT_REACHED', BLOCKED: 'LIMIT_REACHED',
  };
  const QUALITY = new Set(['GREEN', 'YELLOW', 'RED', 'UNKNOWN']);
  const str = (v) => (v === null || v === undefined ? undefined : typeof v === 'string' || typeof v === 'number' ? String(v) : (() => { throw new Error('bad type'); })());
  const body = JSON.parse(text);
  if (!body || !Array.isArray(body.data)) throw new Error('invalid_response at data');
  const numbers = body.data.map((row, i) => {
    const id = str(row.phoneNumberId);
    if (!id || !id.trim()) throw new Error(`invalid_response at data[${i}].phoneNumberId`);
    const raw = str(row.status);
    const q = (str(row.qualityRating) || '').trim().toUpperCase();
    const tier = (str(row.messagingLimitTier) || '').trim() || 'TIER_NOT_SET';
    const up = tier.toUpperCase();
    let dailyLimit = null, unlimited = false;
    if (up === 'TIER_UNLIMITED' || up === 'UNLIMITED') unlimited = true;
    else {
      const m = /^TIER_(\d+)([KM]?)$/.exec(up);
      if (m) dailyLimit = Number(m[1]) * (m[2] === 'K' ? 1000 : m[2] === 'M' ? 1000000 : 1);
    }
    const n = {
      provider: 'antgst', id, phoneNumber: str(row.displayPhoneNumber) || '',
      status: (raw && STATUS[raw.trim().toUpperCase()]) || 'UNAVAILABLE',
      qualityRating: QUALITY.has(q) ? q : 'UNKNOWN',
      messagingLimit: { tier, dailyLimit, unlimited },
    };
    for (const [from, to] of [['verifiedName', 'verifiedName'], ['wabaId', 'wabaId'], ['throughput', 'throughput'],
      ['codeVerificationStatus', 'codeVerificationStatus'], ['createTime', 'createdAt'], ['updateTime', 'updatedAt']]) {
      const v = str(row[from]);
      if (v !== undefined && v.trim() !== '') n[to] = v;
    }
    if (raw !== undefined && raw.trim() !== '') n.rawStatus = raw;
    return n;
  });
  return { numbers, total: body.total ?? numbers.length, page: body.current, pageSize: body.size, pages: body.pages };
};
