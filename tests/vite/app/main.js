// The page runs the checks itself and in a module Web Worker, and writes each
// result (or the error) into its own element for the Playwright spec to read.
import { checks } from './checks.js';

const base = new URLSearchParams(location.search).get('sandbox');

function show(id, result) {
  const element = document.getElementById(id);
  element.textContent = JSON.stringify(result, null, 2);
  element.dataset.state = result.failed ? 'failed' : 'done';
}
const failure = (e) => ({ failed: `${e?.name}: ${e?.message ?? e}` });

checks(base).then((r) => show('page', r), (e) => show('page', failure(e)));

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
worker.onmessage = ({ data }) => show('worker', data);
worker.onerror = (event) => show('worker', { failed: `worker error: ${event.message}` });
worker.postMessage(base);
