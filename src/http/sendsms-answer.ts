import { AppError, type ErrorCode, errorRegistry, headersOfCode } from '../platform/errors.ts';
import type { RecipientResult } from './rest-v1/texts/text-submitter.ts';

export interface Answer {
  readonly status: number;
  readonly type: 'text/plain; charset=utf-8' | 'application/json; charset=utf-8';
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The answer to /sendsms: 202 and a line per recipient, `0: Accepted for delivery <id>` (or
 * `ERR <code>: <reason>` in that recipient's place), or JSON when the caller accepts it. When no
 * recipient was accepted: the first refusal's status and one line. Pure.
 */
export function sendsmsAnswer(results: readonly RecipientResult[], json: boolean): Answer {
  const firstRefusal = results.find((r) => !r.ok);
  if (!results.some((r) => r.ok) && firstRefusal && !firstRefusal.ok) return errorAnswer(firstRefusal.code, firstRefusal.message, json);
  if (json) {
    const messages = results.map((r) => (r.ok ? { to: r.to, id: r.id, parts: r.parts, status: 'accepted' as const } : { to: r.to, status: 'refused' as const, error: { code: r.code, message: r.message } }));
    return { status: 202, type: 'application/json; charset=utf-8', body: JSON.stringify({ messages }) };
  }
  const lines = results.map((r) => (r.ok ? `0: Accepted for delivery ${r.id}` : `ERR ${r.code}: ${oneLine(r.message)} (to ${r.to})`));
  return { status: 202, type: 'text/plain; charset=utf-8', body: `${lines.join('\n')}\n` };
}

export function errorAnswer(code: ErrorCode, message: string, json: boolean, fields?: Readonly<Record<string, string>>, given?: Readonly<Record<string, string>>): Answer {
  const status = errorRegistry[code].http;
  const headers = given ?? headersOfCode(code);
  if (json) return { status, type: 'application/json; charset=utf-8', body: JSON.stringify(new AppError(code, message, fields).toJSON()), ...(headers ? { headers } : {}) };
  const detail = fields ? `${message}: ${Object.entries(fields).map(([k, v]) => `${k} ${v}`).join('; ')}` : message;
  return { status, type: 'text/plain; charset=utf-8', body: `ERR ${code}: ${oneLine(detail)}\n`, ...(headers ? { headers } : {}) };
}

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ');
