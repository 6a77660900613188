import { describe, expect, it } from 'vitest';
import { parseFormBytes, readSendsmsParams } from './sendsms-params.ts';

const read = (qs: string) => readSendsmsParams(parseFormBytes(qs));

describe('/sendsms parameters', () => {
  it('reads the classic names, several recipients and a dlr-url', () => {
    const r = read('username=demo&password=pw&from=Shop&to=380501234567+380661234567,380671234567%20380681234567&text=Hello+world&dlr-mask=3&dlr-url=http%3A%2F%2Fh%2Fd%3Fs%3D%25d');
    expect(r).toMatchObject({
      ok: true,
      params: { username: 'demo', from: 'Shop', to: ['380501234567', '380661234567', '380671234567', '380681234567'], content: { kind: 'text', text: 'Hello world' }, dlrMask: 3, dlrUrl: 'http://h/d?s=%d' },
    });
  });

  it('reads text in the charset named', () => {
    expect(read('username=u&password=p&from=S&to=1&text=caf%E9&charset=ISO-8859-1')).toMatchObject({ ok: true, params: { content: { text: 'café' } } });
    expect(read('username=u&password=p&from=S&to=1&text=%D0%BF%D1%80%D0%B8%D0%B2%D1%96%D1%82')).toMatchObject({ ok: true, params: { content: { text: 'привіт' } } });
    expect(read('username=u&password=p&from=S&to=1&text=%04%3F&charset=UCS-2&coding=2')).toMatchObject({ ok: true, params: { content: { text: 'п', coding: 'ucs2' } } });
  });

  it('reads each text afresh after a text that was not valid in its charset', () => {
    const base = 'username=u&password=p&from=S&to=1';
    expect(read(`${base}&text=%D0`)).toMatchObject({ ok: false, fields: { text: 'is not valid UTF-8; name its charset with charset=' } });
    expect(read(`${base}&text=%D0%BF`)).toMatchObject({ ok: true, params: { content: { text: 'п' } } });
    expect(read(`${base}&text=%04&charset=UTF-16BE`)).toMatchObject({ ok: false, fields: { text: 'is not valid UTF-16BE; name its charset with charset=' } });
    expect(read(`${base}&text=%04%3F&charset=utf-16be`)).toMatchObject({ ok: true, params: { content: { text: 'п' } } });
    expect(read(`${base}&text=x&charset=no-such-charset`)).toMatchObject({ ok: false, fields: { charset: 'unknown charset "no-such-charset"; e.g. UTF-8, ISO-8859-1, windows-1251, UTF-16BE' } });
  });

  it('keeps binary text and udh as octets', () => {
    const r = read('username=u&password=p&from=S&to=1&coding=1&text=%00%FF&udh=%05%00%03%01%02%01');
    expect(r.ok && r.params.content).toEqual({ kind: 'udh', udh: Buffer.from([5, 0, 3, 1, 2, 1]), body: { kind: 'binary', bytes: Buffer.from([0, 0xff]) } });
  });

  it('defaults the dlr-mask to every final state when only a dlr-url is given', () => {
    expect(read('username=u&password=p&from=S&to=1&text=x&dlr-url=http://h/')).toMatchObject({ ok: true, params: { dlrMask: 19 } });
  });

  it('names every bad parameter at once', () => {
    const r = read('coding=7&dlr-mask=99&text=%FF&deferred=-1&priority=4');
    expect(r.ok).toBe(false);
    expect(Object.keys(r.ok ? {} : r.fields).sort()).toEqual(['coding', 'deferred', 'dlr-mask', 'from', 'password', 'priority', 'text', 'to', 'username']);
  });
});

describe('form decoding', () => {
  /** The definition: raw characters as UTF-8 octets, `+` a space, %XX the octet XX. */
  const reference = (s: string): Buffer =>
    Buffer.from(
      Buffer.from(s, 'utf8')
        .toString('latin1')
        .replace(/\+/g, ' ')
        .replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    );

  it.each(['', 'abc', 'a+b', '%41%42', '%4', '%', '%%41', '%G1', 'a%2', 'é%', 'привіт', 'caf%E9', '😀+%F0%9F%98%80', '\ud800x', 'x\udc00', '\ud83d', '%zz%41+', 'http%3A%2F%2Fh%2Fd%3Fs%3D%25d'])(
    'decodes %j to the octets it stands for',
    (value) => {
      expect(parseFormBytes(`v=${value}`).get('v')).toEqual(reference(value));
    },
  );

  it('reads names as UTF-8 and lets a later parameter win', () => {
    const p = parseFormBytes('na%C3%AFve=1&x=a&x=b&&flag');
    expect([...p.keys()]).toEqual(['naïve', 'x', 'flag']);
    expect(p.get('x')?.toString()).toBe('b');
    expect(p.get('flag')).toEqual(Buffer.alloc(0));
  });
});
