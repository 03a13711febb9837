export interface ImageSize {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
}

/**
 * Pixel size of a PNG or JPEG, read from its header bytes. The report needs it to keep a photo's
 * aspect ratio, and shared/ has no image decoder (no DOM, no Node). Returns null for anything it
 * cannot read, so an unreadable attachment is listed by name rather than embedded broken.
 */
export function imageSize(bytes: Uint8Array): ImageSize | null {
  return pngSize(bytes) ?? jpegSize(bytes);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const IHDR = [0x49, 0x48, 0x44, 0x52];

function pngSize(bytes: Uint8Array): ImageSize | null {
  if (bytes.length < 24 || !PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) return null;
  // The IHDR chunk must come first: 4 bytes length, "IHDR", then width and height.
  if (!IHDR.every((byte, index) => bytes[12 + index] === byte)) return null;
  return positive({ format: 'png', width: uint32(bytes, 16), height: uint32(bytes, 20) });
}

function jpegSize(bytes: Uint8Array): ImageSize | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let offset = 2;
  while (offset + 3 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset++; // fill byte before a marker
      continue;
    }
    // Markers without a length field.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      offset += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or start of scan before any frame header
    const length = uint16(bytes, offset + 2);
    // SOF0–SOF15 carry the frame size; C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding) do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (offset + 9 > bytes.length) return null;
      return positive({ format: 'jpeg', height: uint16(bytes, offset + 5), width: uint16(bytes, offset + 7) });
    }
    if (length < 2) return null;
    offset += 2 + length;
  }
  return null;
}

function positive(size: ImageSize): ImageSize | null {
  return size.width > 0 && size.height > 0 ? size : null;
}

function uint16(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
}

function uint32(bytes: Uint8Array, offset: number): number {
  // Multiplication rather than << 24, which would turn large widths negative.
  return (bytes[offset] ?? 0) * 0x1000000 + (((bytes[offset + 1] ?? 0) << 16) | ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0));
}

/** Display size in pixels at 96 per inch (what docx expects), fitted within the given centimetres. */
export function fitImage(size: Pick<ImageSize, 'width' | 'height'>, maxWidthCm: number, maxHeightCm: number): { width: number; height: number } {
  const pixelsPerCm = 96 / 2.54;
  const scale = Math.min(1, (maxWidthCm * pixelsPerCm) / size.width, (maxHeightCm * pixelsPerCm) / size.height);
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}
