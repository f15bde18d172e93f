/**
 * The shared buffer child output is read into: one buffer, and on a page boundary once the
 * native addon says where its pages start.
 */
import { loadNativeAddon } from '../../src/os/native-addon';
import { NativeOs } from '../../src/os/native-os';
import { alignReadBufferWith, READ_BUFFER_BYTES, sharedReadBuffer } from '../../src/os/read-buffer';

const PAGE = 4096;
const { addon, problem } = loadNativeAddon();

test('the native addon is built on this machine', () => {
  expect(problem).toBeNull();
});

describe('shared read buffer', () => {
  it('is one buffer of READ_BUFFER_BYTES for every read', () => {
    const first = sharedReadBuffer();
    expect(first.length).toBe(READ_BUFFER_BYTES);
    expect(sharedReadBuffer()).toBe(first);
  });

  it('skips to the next page boundary, whatever offset the memory starts at', () => {
    for (const start of [0, 16, 48, 2048, 4080]) {
      // Pretend every new allocation starts `start` bytes into a page.
      const offsetOf = (buffer: Buffer) => (start + buffer.byteOffset) % PAGE;
      alignReadBufferWith(offsetOf);
      const buffer = sharedReadBuffer();
      expect(offsetOf(buffer)).toBe(0);
      expect(buffer.length).toBe(READ_BUFFER_BYTES);
      expect(sharedReadBuffer()).toBe(buffer);
    }
  });

  it('tells real offsets within a page through the addon', () => {
    const memory = Buffer.allocUnsafeSlow(3 * PAGE);
    const base = addon!.pageOffset(memory);
    expect(base).toBeGreaterThanOrEqual(0);
    expect(base).toBeLessThan(PAGE);
    for (const skip of [1, 15, 100, PAGE - base, PAGE + 7]) {
      expect(addon!.pageOffset(memory.subarray(skip))).toBe((base + skip) % PAGE);
    }
    expect(() => addon!.pageOffset('text' as unknown as Buffer)).toThrow('pageOffset(buffer) needs a Buffer');
  });

  it('starts on a real page boundary once the native spawner is in use', () => {
    new NativeOs(addon!);
    const buffer = sharedReadBuffer();
    expect(addon!.pageOffset(buffer)).toBe(0);
    expect(buffer.length).toBe(READ_BUFFER_BYTES);
  });
});
