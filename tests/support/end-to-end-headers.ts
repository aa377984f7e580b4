// What the test proxies forward of a message's headers: the end-to-end ones, lower-cased, each as one string. The
// hop-by-hop headers (and Content-Length and Host, which the next hop sets anew) stay behind.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);

export function endToEndHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const forwarded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value !== undefined && !HOP_BY_HOP.has(lower)) forwarded[lower] = Array.isArray(value) ? value.join(', ') : value;
  }
  return forwarded;
}
