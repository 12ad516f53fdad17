// The Subresource Integrity hash of one file written again into index.html,
// for the post-build steps that change a file after Trunk hashed it
// (minify.mjs, short-names.mjs): the browser would refuse the file otherwise.
import { createHash } from 'node:crypto';

/** `html` with the hash of every tag that names `url` (`./path`) set to `content`'s; and how many. */
export function rewriteIntegrity(html, url, content) {
  const integrity = `sha384-${createHash('sha384').update(content).digest('base64')}`;
  let count = 0;
  const rewritten = html.replace(/<(?:link|script)\b[^>]*>/g, (tag) => {
    if (!tag.includes(`"${url}"`) || !/integrity="/.test(tag)) return tag;
    count += 1;
    return tag.replace(/integrity="[^"]*"/, `integrity="${integrity}"`);
  });
  return { html: rewritten, count };
}
