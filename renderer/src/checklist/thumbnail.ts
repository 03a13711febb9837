/** Longest side of a stored thumbnail: sharp in the list, a few kilobytes on disk. */
const THUMBNAIL_SIZE = 320;

/**
 * A small JPEG of a photo, so a finding with twenty 8-megapixel photos does not decode twenty
 * full images to draw its list. Null when the browser cannot decode the image (the full file
 * is still stored and shown instead).
 */
export async function makeThumbnail(blob: Blob): Promise<Blob | null> {
  if (!blob.type.startsWith('image/') || typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function') return null;
  try {
    const bitmap = await createImageBitmap(blob);
    const scale = Math.min(1, THUMBNAIL_SIZE / Math.max(bitmap.width, bitmap.height));
    const canvas = new OffscreenCanvas(Math.max(1, Math.round(bitmap.width * scale)), Math.max(1, Math.round(bitmap.height * scale)));
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    return await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
  } catch {
    return null;
  }
}
