// A strict little XML reader for the JUnit reporter tests: elements with
// attributes, children and text; it throws on a stray `<`, `>` or `&`, on
// mismatched tags and on anything left over (no XML parser among the dependencies).

/** A tiny XML reader: elements with attributes and children (enough for JUnit). */
export interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}
export function parseXml(src: string): El {
  const decode = (s: string): string =>
    s.replace(/&(lt|gt|quot|apos|amp|#(\d+));/g, (_, e: string, n?: string) => (n ? String.fromCharCode(Number(n)) : { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" }[e]!));
  const body = src.replace(/^<\?xml[^>]*\?>\s*/, "");
  const top: El = { name: "#doc", attrs: {}, children: [], text: "" };
  const stack: El[] = [top];
  const re = /<(\/?)([\w:-]+)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(body))) {
    if (m.index !== consumed) throw new Error(`bad XML at ${consumed}: ${body.slice(consumed, consumed + 40)}`);
    consumed = re.lastIndex;
    const [, close, name, attrText, selfClose, text] = m;
    if (text !== undefined) {
      if (/[<>]/.test(text) || /&(?!(lt|gt|quot|apos|amp|#\d+);)/.test(text)) throw new Error(`unescaped text: ${text}`);
      stack[stack.length - 1]!.text += decode(text);
      continue;
    }
    if (close) {
      const open = stack.pop()!;
      if (open.name !== name) throw new Error(`</${name}> closes <${open.name}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of attrText!.matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]!] = decode(a[2]!);
    const el: El = { name: name!, attrs, children: [], text: "" };
    stack[stack.length - 1]!.children.push(el);
    if (!selfClose) stack.push(el);
  }
  if (consumed !== body.length || stack.length !== 1) throw new Error("unbalanced XML");
  return top.children[0]!;
}
