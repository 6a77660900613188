/**
 * The digit prefixes a simple "leading digits" pattern of libphonenumber's metadata stands for:
 * alternatives of digits and character classes ("268", "8001|8[024]9", "1[03-79]|[2-9]").
 * Undefined when the pattern has groups or quantifiers, or stands for more than `limit` prefixes:
 * then it is not cheap to expand and the caller keeps the bare calling code.
 */
export function expandLeadingDigits(pattern: string, limit = 64): string[] | undefined {
  const out: string[] = [];
  for (const alternative of pattern.split('|')) {
    const expanded = expandSequence(alternative, limit - out.length);
    if (!expanded) return undefined;
    out.push(...expanded);
  }
  return out.length > 0 ? [...new Set(out)] : undefined;
}

function expandSequence(seq: string, limit: number): string[] | undefined {
  let prefixes = [''];
  for (let i = 0; i < seq.length; ) {
    let choices: string[];
    const ch = seq.charAt(i);
    if (/\d/.test(ch)) {
      choices = [ch];
      i += 1;
    } else if (ch === '[') {
      const end = seq.indexOf(']', i);
      if (end < 0) return undefined;
      const set = expandClass(seq.slice(i + 1, end));
      if (!set) return undefined;
      choices = set;
      i = end + 1;
    } else {
      return undefined; // groups, quantifiers, \d: not a plain list of prefixes
    }
    prefixes = prefixes.flatMap((p) => choices.map((c) => p + c));
    if (prefixes.length > limit) return undefined;
  }
  return prefixes[0] === '' ? undefined : prefixes;
}

function expandClass(body: string): string[] | undefined {
  const digits: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const from = body.charAt(i);
    if (!/\d/.test(from)) return undefined;
    if (body.charAt(i + 1) === '-') {
      const to = body.charAt(i + 2);
      if (!/\d/.test(to) || to < from) return undefined;
      for (let d = Number(from); d <= Number(to); d++) digits.push(String(d));
      i += 2;
    } else digits.push(from);
  }
  return digits.length > 0 ? digits : undefined;
}
