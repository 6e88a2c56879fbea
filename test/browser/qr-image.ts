// A QR code as the browser drew an image of it: its pixels scaled onto a 240-pixel canvas without smoothing, as a phone
// would read the screen, decoded by a QR reader.
import type { Locator } from 'playwright-core';
import { readPixels } from '../support/qr-read.ts';

/** The text of the QR code `img` shows once it has loaded; null when none reads. */
export async function readDrawnQr(img: Locator): Promise<string | null> {
  const { data, width, height } = await img.evaluate(async (el: HTMLImageElement) => {
    await el.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 4 * 60;
    const ctx = canvas.getContext('2d')!;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(el, 0, 0, canvas.width, canvas.height);
    return { data: [...ctx.getImageData(0, 0, canvas.width, canvas.height).data], width: canvas.width, height: canvas.height };
  });
  return readPixels(new Uint8ClampedArray(data), width, height);
}
