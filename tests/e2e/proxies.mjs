// Runs deploy/'s nginx and Caddy configurations as ordinary processes for the
// proxy tests: each on a free loopback port, with a temporary prefix and its
// own files, in the foreground (no daemon, no /etc, no service), stopped by pid.
import { spawn, execFileSync } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile, rm, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, delimiter } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const dist = join(root, 'dist');

/** A loopback port nothing listens on right now. */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The binary's path, or a failure that says how to get it (never a skip). */
function binary(name) {
  const dirs = [...(process.env.PATH || '').split(delimiter), '/usr/sbin', '/usr/bin'];
  const found = dirs.map((d) => join(d, name)).find((p) => existsSync(p));
  if (!found) {
    throw new Error(`${name} is not installed: the proxy tests run deploy/'s ${name} configuration `
      + `(\`cargo xtask setup\` installs Debian's ${name} package)`);
  }
  return found;
}

/** Starts `command` and waits until `url` answers; the child is stopped by `stop()`. */
async function run(name, command, args, env, url) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(url)).status === 200) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`${name} did not answer ${url} within 15 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Renders deploy/nginx/wa-numbers.conf with envsubst, exactly as deploy/README.md
 * says, writes the key file and a minimal main configuration around it, and runs
 * nginx in the foreground. `settings`: { provider, upstream, upstreamPath, key }.
 */
export async function startNginx({ provider, upstream, upstreamPath, key }) {
  const nginx = binary('nginx');
  const envsubst = binary('envsubst');
  const dir = await mkdtemp(join(tmpdir(), 'wa-numbers-nginx-'));
  // Workers (nobody, when started as root) read dist/ and write their temp files here.
  await chmod(dir, 0o755);
  const port = await freePort();
  const keyFile = join(dir, 'key.conf');
  await writeFile(keyFile, `set $wa_numbers_key "${key}";\n`, { mode: 0o600 });
  const vars = {
    WA_NUMBERS_LISTEN: `127.0.0.1:${port}`,
    WA_NUMBERS_DIST: dist,
    WA_NUMBERS_PROVIDER: provider,
    WA_NUMBERS_UPSTREAM: upstream,
    WA_NUMBERS_UPSTREAM_PATH: upstreamPath,
    WA_NUMBERS_KEY_FILE: keyFile,
  };
  const names = Object.keys(vars).map((v) => `$${v}`).join(' ');
  const site = execFileSync(envsubst, [names], {
    input: await readFile(join(root, 'deploy/nginx/wa-numbers.conf'), 'utf8'),
    env: { ...vars, PATH: process.env.PATH },
  }).toString();
  if (site.includes('${WA_NUMBERS_')) throw new Error('deploy/nginx/wa-numbers.conf names a variable the README does not');
  await writeFile(join(dir, 'wa-numbers.conf'), site);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((t) => `${t}_temp_path ${join(dir, t)};`).join(' ');
  await writeFile(join(dir, 'nginx.conf'), [
    process.getuid?.() === 0 ? 'user nobody nogroup;' : '',
    'worker_processes 1;',
    `pid ${join(dir, 'nginx.pid')};`,
    'error_log stderr warn;',
    'events { worker_connections 64; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  default_type application/octet-stream;',
    `  access_log ${join(dir, 'access.log')};`,
    `  ${temp}`,
    `  include ${join(dir, 'wa-numbers.conf')};`,
    '}',
  ].join('\n'));
  const origin = `http://127.0.0.1:${port}`;
  const proc = await run('nginx', nginx, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'],
    { PATH: process.env.PATH }, `${origin}/index.html`);
  return {
    origin,
    dir,
    output: proc.output,
    stop: async () => { await proc.stop(); await rm(dir, { recursive: true, force: true }); },
  };
}

/** Runs deploy/caddy/Caddyfile with its settings in the environment, as deploy/README.md says. */
export async function startCaddy({ provider, upstream, upstreamPath, key }) {
  const caddy = binary('caddy');
  const dir = await mkdtemp(join(tmpdir(), 'wa-numbers-caddy-'));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env = {
    PATH: process.env.PATH,
    // Caddy's own state (autosaved config, certificates) goes here, not to ~.
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_DATA_HOME: join(dir, 'data'),
    WA_NUMBERS_SITE: origin,
    WA_NUMBERS_DIST: dist,
    WA_NUMBERS_PROVIDER: provider,
    WA_NUMBERS_UPSTREAM: upstream,
    WA_NUMBERS_UPSTREAM_PATH: upstreamPath,
    WA_NUMBERS_KEY: key,
  };
  const proc = await run('caddy', caddy,
    ['run', '--config', join(root, 'deploy/caddy/Caddyfile'), '--adapter', 'caddyfile'], env, `${origin}/index.html`);
  return {
    origin,
    dir,
    output: proc.output,
    stop: async () => { await proc.stop(); await rm(dir, { recursive: true, force: true }); },
  };
}

/**
 * A transparent hop between the proxy and the sandbox that records what the
 * proxy sent upstream, headers included (the sandbox logs no header values, by
 * design): what "the provider" received.
 */
export async function startTap(target) {
  const seen = [];
  const to = new URL(target);
  const server = createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, headers: { ...req.headers } });
    const upstream = httpRequest({
      host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers,
    }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => { res.writeHead(502); res.end(); });
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    seen,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

/**
 * An HTTPS "provider" with a self-signed certificate for 127.0.0.1 (openssl, a
 * dependency of Debian's ca-certificates): what a proxy that does not check
 * certificates would hand the key to. Records every request that gets through.
 */
export async function startUntrustedUpstream() {
  const dir = await mkdtemp(join(tmpdir(), 'wa-numbers-tls-'));
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
    '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const seen = [];
  const server = createHttpsServer({ key: await readFile(key), cert: await readFile(cert) }, (req, res) => {
    seen.push({ url: req.url, headers: { ...req.headers } });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"phoneNumbers":[],"total":0}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${server.address().port}`,
    seen,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
