/**
 * Images in the browser, without object URLs (the page's Content-Security-Policy allows images
 * from the site and `data:` only): a small thumbnail as a data URL, and a smaller JPEG of a photo
 * that is over the upload limit. Both decode with createImageBitmap (which applies the photo's
 * EXIF orientation) and give up quietly where the browser cannot.
 */

function canvasFor(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width));
  canvas.height = Math.max(1, Math.round(height));
  return canvas;
}

/** A JPEG data URL at most `size` px on its longer side, or null. */
export async function thumbnailOf(file: Blob, size = 160): Promise<string | null> {
  if (typeof createImageBitmap !== 'function') return null;
  let bitmap: ImageBitmap | null = null;
  try {
    bitmap = await createImageBitmap(file);
    const scale = Math.min(1, size / Math.max(bitmap.width, bitmap.height));
    const canvas = canvasFor(bitmap.width * scale, bitmap.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.fillStyle = '#fff'; // a transparent PNG stays readable as a JPEG
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/jpeg', 0.8);
  } catch {
    return null;
  } finally {
    bitmap?.close();
  }
}

const toBlob = (canvas: HTMLCanvasElement, quality: number) => new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));

/**
 * The photo as a JPEG of at most `maxBytes`, its longer side shrunk step by step (2400 px, then
 * smaller) while the text on a document stays legible; null when the browser cannot, or it does
 * not get small enough.
 */
export async function shrinkPhoto(file: File, maxBytes: number): Promise<File | null> {
  if (typeof createImageBitmap !== 'function') return null;
  let bitmap: ImageBitmap | null = null;
  try {
    bitmap = await createImageBitmap(file);
    for (const [edge, quality] of [
      [2400, 0.85],
      [2000, 0.8],
      [1600, 0.75],
      [1280, 0.7],
    ] as const) {
      const scale = Math.min(1, edge / Math.max(bitmap.width, bitmap.height));
      const canvas = canvasFor(bitmap.width * scale, bitmap.height * scale);
      const ctx = canvas.getContext('2d');
      if (!ctx) return null;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      const blob = await toBlob(canvas, quality);
      // NOTE: release the pixels at once: phones with little memory are the ones that need this.
      canvas.width = 0;
      canvas.height = 0;
      if (blob && blob.size > 0 && blob.size <= maxBytes) {
        const name = file.name.replace(/\.[^.]*$/, '') || 'foto';
        return new File([blob], `${name}.jpg`, { type: 'image/jpeg', lastModified: Date.now() });
      }
    }
    return null;
  } catch {
    return null;
  } finally {
    bitmap?.close();
  }
}
