import { describe, expect, it } from 'vitest';
import { md5Hex, md5OfMessageAttributes } from '../../../../harness/emulator/sqs/md5.ts';

describe('SQS digests', () => {
  it('hashes the body', () => {
    expect(md5Hex('derp')).toBe('58fd9edd83341c29f1aebba81c31e257');
  });

  // Digests moto's test suite pins as AWS's answers.
  it.each([
    [{ timestamp: { DataType: 'Number', StringValue: '1493147359900' } }, '235c5c510d26fb653d073faed50ae77c'],
    [{ timestamp: { DataType: 'Number', StringValue: '1493147359901' } }, '994258b45346a2cc3f9cbb611aa7af30'],
    [
      { 'SOME_Valid.attribute-Name': { DataType: 'Number', StringValue: '1493147359900' } },
      '36655e7e9d7c0e8479fa3f3f42247ae7',
    ],
  ])('hashes message attributes %j', (attributes, digest) => {
    expect(md5OfMessageAttributes(attributes)).toBe(digest);
  });

  it('orders attributes by name and encodes binary values with transport type 2', () => {
    const a = md5OfMessageAttributes({
      b: { DataType: 'String', StringValue: 'x' },
      a: { DataType: 'Binary', BinaryValue: 'aGk=' },
    });
    const b = md5OfMessageAttributes({
      a: { DataType: 'Binary', BinaryValue: 'aGk=' },
      b: { DataType: 'String', StringValue: 'x' },
    });
    expect(a).toBe(b);
    expect(md5OfMessageAttributes({})).toBeUndefined();
  });
});
