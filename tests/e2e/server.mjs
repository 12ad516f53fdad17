// A static server for the end-to-end tests: dist/ (the release build) at /app/,
// host.html, a portal page that embeds the dashboard with mount(), and for the
// benchmarks pkg/ (the npm package) at /pkg/ with tests/bench/bench.html.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
const port = Number(process.env.E2E_PORT || 4173);

createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file;
  if (path === '/host.html') file = join(root, 'tests/e2e/host.html');
  else if (path === '/bench.html') file = join(root, 'tests/bench/bench.html');
  else if (path.startsWith('/node_modules/')) file = join(root, 'node_modules', normalize(path.slice(14)).replace(/^(\.\.[/\\])+/, ''));
  else if (path.startsWith('/bench/')) file = join(root, 'tests/bench', normalize(path.slice(7)).replace(/^(\.\.[/\\])+/, ''));
  else if (path.startsWith('/pkg/')) file = join(root, 'pkg', normalize(path.slice(5)).replace(/^(\.\.[/\\])+/, ''));
  else if (path.startsWith('/app/')) file = join(root, 'dist', normalize(path.slice(5) || 'index.html').replace(/^(\.\.[/\\])+/, ''));
  if (file && file.endsWith('/')) file += 'index.html';
  try {
    const body = await readFile(file || '/nonexistent');
    res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`e2e server on http://127.0.0.1:${port}`));
