// XML and RSS: a property becomes an element of its name holding its value; an array a repeated element; null an
// empty element. A property named `@` gives its parent's attributes, one named `#` the text of a parent without child
// elements (the documented XML extension).

export function escapeMarkup(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

function element(name: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((member) => element(name, member)).join('');
  if (value === null || value === undefined) return `<${name}/>`;
  if (typeof value !== 'object') return `<${name}>${escapeMarkup(String(value))}</${name}>`;
  const object = value as Record<string, unknown>;
  const attributes = object['@'] !== null && typeof object['@'] === 'object' ? (object['@'] as Record<string, unknown>) : {};
  const attributeText = Object.entries(attributes)
    .map(([key, member]) => ` ${key}="${escapeMarkup(String(member))}"`)
    .join('');
  const children = childElements(object);
  if (children === '' && '#' in object) return `<${name}${attributeText}>${escapeMarkup(String(object['#']))}</${name}>`;
  return children === '' ? `<${name}${attributeText}/>` : `<${name}${attributeText}>${children}</${name}>`;
}

function childElements(object: Record<string, unknown>): string {
  return Object.entries(object)
    .filter(([key]) => key !== '@' && key !== '#')
    .map(([key, member]) => element(key, member))
    .join('');
}

export interface XmlOptions {
  root: string;
  row: string;
}

export function toXml(items: readonly Record<string, unknown>[], options: XmlOptions): string {
  const rows = items.map((item) => `  <${options.row}>${childElements(item)}</${options.row}>\n`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${options.root}>\n${rows}</${options.root}>\n`;
}

export interface RssChannel {
  title: string;
  description: string;
  link: string;
}

export function toRss(items: readonly Record<string, unknown>[], channel: RssChannel): string {
  const rows = items.map((item) => `    <item>${childElements(item)}</item>\n`).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n  <channel>\n` +
    `    <title>${escapeMarkup(channel.title)}</title>\n    <link>${escapeMarkup(channel.link)}</link>\n` +
    `    <description>${escapeMarkup(channel.description)}</description>\n${rows}  </channel>\n</rss>\n`
  );
}
