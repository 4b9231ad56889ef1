import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/easemob/retry.js';

// The instant the answer arrived; dates below are relative to it.
const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');

describe('Retry-After: delta-seconds or an HTTP date (RFC 9110 §10.2.3), in seconds to wait', () => {
  it.each<[string, string | string[] | undefined, number | undefined]>([
    ['absent', undefined, undefined],
    ['empty', '', undefined],
    ['zero seconds', '0', 0],
    ['seconds', '5', 5],
    ['seconds with surrounding spaces', ' 7 ', 7],
    ['a large delay, as given', '86400', 86400],
    ['the first of repeated headers', ['3', '9'], 3],
    ['an IMF-fixdate 30 s ahead', 'Wed, 21 Oct 2015 07:28:30 GMT', 30],
    ['an RFC 850 date 2 min ahead', 'Wednesday, 21-Oct-15 07:30:00 GMT', 120],
    ['a date already past: no wait', 'Wed, 21 Oct 2015 07:27:00 GMT', 0],
    ['the same instant', 'Wed, 21 Oct 2015 07:28:00 GMT', 0],
    ['negative seconds: neither form', '-1', undefined],
    ['fractional seconds: neither form', '1.5', undefined],
    ['a unit: neither form', '5s', undefined],
    ['a word', 'soon', undefined],
    ['a month name with no date', 'Oct', undefined],
  ])('%s (%j) → %j', (_, header, seconds) => {
    expect(parseRetryAfter(header, now)).toBe(seconds);
  });

  it('rounds a part second up: waiting less would earn another 429', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:02 GMT', now + 500)).toBe(2);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:02 GMT', now + 1)).toBe(2);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:02 GMT', now + 1001)).toBe(1);
  });
});
