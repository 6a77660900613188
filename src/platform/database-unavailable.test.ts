import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, noConnectionError } from './database-unavailable.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['the server cut the connection (57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['the server is starting (57P03)', withCode('the database system is starting up', '57P03')],
    ['a connection exception (08006)', withCode('connection failure', '08006')],
    ['no server listening', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['a client broken by an earlier cut', new Error('Client has encountered a connection error and is not queryable')],
    ['no connection within the pool timeout', new Error('timeout exceeded when trying to connect')],
  ])('%s: unavailable', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', withCode('duplicate key value violates unique constraint', '23505')],
    ['a syntax error (42601)', withCode('syntax error at or near "SELEC"', '42601')],
    ['a database that does not accept connections (55000 is not a connection class)', withCode('object not in prerequisite state', '55000')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error at all', 'Connection terminated'],
  ])('%s: not unavailable', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });

  it("recognises pg's own DatabaseError for a connection the server refused", () => {
    const err = new pg.DatabaseError('database "petrel" is not currently accepting connections', 0, 'error');
    err.code = '55000';
    expect(isDatabaseUnavailable(err)).toBe(false);
    err.code = '57P03';
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it('takes any error met while getting a connection for unavailable (a database not taking connections answers 55000)', () => {
    const refused = withCode('database "petrel" is not currently accepting connections', '55000');
    expect(isDatabaseUnavailable(refused)).toBe(false);
    expect(noConnectionError(refused)).toBe(refused);
    expect(isDatabaseUnavailable(refused)).toBe(true);
  });
});
