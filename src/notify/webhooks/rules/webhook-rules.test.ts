import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF_MS, retryDelayMs } from './backoff.ts';
import { dlrAnswer, expandDlrUrl } from './dlr-url.ts';
import { signatureHeader, verifySignature } from './sign-payload.ts';

describe('webhook signatures', () => {
  it('verifies its own signature and refuses a changed body, a wrong secret or an old timestamp', () => {
    const header = signatureHeader('s3cret', 1_700_000_000, '{"a":1}');
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(header, 's3cret', '{"a":1}', 1_700_000_010)).toBe(true);
    expect(verifySignature(header, 's3cret', '{"a":2}', 1_700_000_010)).toBe(false);
    expect(verifySignature(header, 'other', '{"a":1}', 1_700_000_010)).toBe(false);
    expect(verifySignature(header, 's3cret', '{"a":1}', 1_700_001_000)).toBe(false);
  });
});

describe('retry schedule', () => {
  it('tries six times over more than an hour, then gives up', () => {
    const waits = [1, 2, 3, 4, 5].map((n) => retryDelayMs(n));
    expect(waits).toEqual([...DEFAULT_BACKOFF_MS]);
    expect(waits.reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBeGreaterThanOrEqual(3_600_000);
    expect(retryDelayMs(6)).toBeUndefined();
  });
});

describe('dlr-url placeholders', () => {
  const values = { status: 1, messageId: '42', phone: '380501234567', sender: 'My Shop', answer: dlrAnswer('42', 'DELIVRD', null), unixTime: 1_700_000_000 };

  it('fills %d %i %p %s %A %T, URL-encoded', () => {
    expect(expandDlrUrl('http://h/dlr?s=%d&id=%i&to=%p&from=%s&a=%A&t=%T', values)).toBe(
      'http://h/dlr?s=1&id=42&to=380501234567&from=My%20Shop&a=id%3A42%20stat%3ADELIVRD%20err%3A000&t=1700000000',
    );
  });

  it('keeps the URL’s own percent-encoding and %%', () => {
    expect(expandDlrUrl('http://h/a%2Fb?x=%25&p=%%&id=%i', values)).toBe('http://h/a%2Fb?x=%25&p=%&id=42');
  });

  it('pads the error code to three digits', () => {
    expect(dlrAnswer('7', 'UNDELIV', 34)).toBe('id:7 stat:UNDELIV err:034');
  });
});
