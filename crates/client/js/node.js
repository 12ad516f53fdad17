// The package's entry for Node's `import`: the CommonJS entry re-exported, so
// a program whose dependencies both `import` and `require` wa-numbers loads
// one wasm instance and has one Client class (instanceof holds across them).
import cjs from './node.cjs';

export default cjs.default;
export const {
  initSync, parsePhoneNumbers, parsePhoneNumber, evaluateReadiness, evaluateReadinessAll,
  planCampaign, Client, isWaNumbersError,
} = cjs;
