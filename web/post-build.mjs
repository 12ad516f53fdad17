// Trunk's post-build steps, one after the other. Trunk starts the hooks of a
// stage all at once (trunk 0.21, src/hooks.rs), and both steps read and
// rewrite index.html: as two hooks, the one that finished last wrote its
// index.html over the other's, losing either the Content-Security-Policy or
// the minified files' integrity hashes, depending on timing.
await import('./short-names.mjs'); // the wasm's import and export names shortened
await import('./minify.mjs'); // the JS and CSS minified, their hashes rewritten
await import('./csp.mjs'); // the page's Content-Security-Policy
