import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitImage, imageSize } from '../../../shared/report/image-size';

/**
 * An evidence photo comes from a hostile bundle as easily as from the expert's camera, and its
 * header is read to size it in the report. Any bytes behind a PNG or JPEG signature give a
 * positive size or null (listed by name), never a throw or an endless scan, and the fitted
 * size is a whole number of pixels inside the page box however absurd the header's claim.
 */

const FUZZ = { seed: 20_150_720, endOnFailure: true } as const;
/** The runs bound the work; this only bounds a hang on a loaded machine. */
const SLOW = 60_000;

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
const JPEG_HEAD = [0xff, 0xd8];
/** A JPEG segment: 0xFF, a marker (frame headers C0–CF among them), then any length and bytes. */
const segment = fc.tuple(fc.integer({ min: 0xc0, max: 0xff }), fc.uint8Array({ maxLength: 12 })).map(([marker, rest]) => [0xff, marker, ...rest]);
const hostileImage = fc.oneof(
  fc.uint8Array({ maxLength: 64 }).map((tail) => Uint8Array.from([...PNG_HEAD, ...tail])),
  fc.array(segment, { maxLength: 12 }).map((segments) => Uint8Array.from([...JPEG_HEAD, ...segments.flat()])),
  fc.uint8Array({ maxLength: 64 }),
);

describe('imageSize on hostile headers', () => {
  it('answers any bytes behind an image signature with a positive size or null, and fits it on the page', () => {
    fc.assert(
      fc.property(hostileImage, (bytes) => {
        const size = imageSize(bytes);
        if (size === null) return;
        expect(size.width).toBeGreaterThan(0);
        expect(size.height).toBeGreaterThan(0);
        const fitted = fitImage(size, 16, 12);
        for (const pixels of [fitted.width, fitted.height]) {
          expect(Number.isInteger(pixels)).toBe(true);
          expect(pixels).toBeGreaterThanOrEqual(1);
        }
        expect(fitted.width).toBeLessThanOrEqual(Math.round((16 * 96) / 2.54));
        expect(fitted.height).toBeLessThanOrEqual(Math.round((12 * 96) / 2.54));
      }),
      { ...FUZZ, numRuns: 2000 },
    );
  }, SLOW);

  it('reads the claims of extreme headers without overflow: 4,294,967,295 by 1 pixels fits as a line', () => {
    const png = Uint8Array.from([...PNG_HEAD, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 1]);
    expect(imageSize(png)).toEqual({ format: 'png', width: 4_294_967_295, height: 1 });
    expect(fitImage({ width: 4_294_967_295, height: 1 }, 16, 12)).toEqual({ width: 605, height: 1 });
  });
});
