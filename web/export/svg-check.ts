/**
 * A strict, small well-formedness check for the SVG the exports write (tests run in Node,
 * which has no DOMParser): one root, balanced tags, quoted attributes, escaped text. Returns
 * the problems found, and the elements and texts for assertions.
 */
export interface SvgCheck {
  problems: string[];
  elements: { name: string; attrs: Record<string, string> }[];
  texts: string[];
}

const NAME = /^[A-Za-z][\w:-]*$/;
const ATTRS = /\s+([A-Za-z][\w:-]*)="([^"<]*)"/g;

export function checkSvg(xml: string): SvgCheck {
  const problems: string[] = [];
  const elements: SvgCheck['elements'] = [];
  const texts: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  let text = '';
  const tag = /<([^>]*)>/g;
  let last = 0;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    text += xml.slice(last, m.index);
    last = tag.lastIndex;
    if (/[<]|&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(text)) problems.push(`bad text "${text}"`);
    const body = m[1] as string;
    if (body.startsWith('/')) {
      const name = body.slice(1).trim();
      if (stack.pop() !== name) problems.push(`</${name}> closes nothing open`);
      if (name === 'text') texts.push(unescape(text));
      text = '';
      continue;
    }
    text = '';
    const self = body.endsWith('/');
    const inner = self ? body.slice(0, -1) : body;
    const name = inner.split(/\s/, 1)[0] as string;
    if (!NAME.test(name)) problems.push(`bad tag <${body}>`);
    const rest = inner.slice(name.length);
    const attrs: Record<string, string> = {};
    const leftover = rest.replace(ATTRS, (_, k: string, v: string) => {
      if (k in attrs) problems.push(`<${name}> repeats ${k}`);
      attrs[k] = unescape(v);
      return '';
    });
    if (leftover.trim()) problems.push(`<${name}> has unquoted or stray "${leftover.trim()}"`);
    if (stack.length === 0) roots++;
    elements.push({ name, attrs });
    if (!self) stack.push(name);
  }
  if (xml.slice(last).trim()) problems.push('text after the root');
  if (stack.length) problems.push(`unclosed: ${stack.join(' ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return { problems, elements, texts };
}

function unescape(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
