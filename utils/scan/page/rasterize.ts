// Content-script side: turn a <canvas>, an inline <svg> or an image the background cannot
// fetch (blob:, same-page SVG) into a PNG data URL, so the background can decode it. Encoding is
// async (convertToBlob, FileReader) to stay off the page's main thread as much as it can.
// A tainted (cross-origin) canvas throws: the caller skips it.

/** Largest area rasterised in a page (4 megapixels). */
export const MAX_RASTER_PIXELS = 4_000_000;
/** An inline SVG is drawn at least this big (vector art decodes better with more pixels). */
const MIN_SVG_SIDE = 400;

export async function rasterize(element: Element, kind: 'img' | 'canvas' | 'svg'): Promise<string | undefined> {
  let source = element as HTMLCanvasElement | HTMLImageElement;
  let width = (element as HTMLCanvasElement).width;
  let height = (element as HTMLCanvasElement).height;
  if (kind === 'img') {
    const img = element as HTMLImageElement;
    if (!img.complete) await img.decode();
    width = img.naturalWidth;
    height = img.naturalHeight;
    if (/svg/i.test(img.currentSrc)) {
      // vector art has no natural pixel size worth keeping (a bare <svg> reads as 150×150)
      const scale = Math.max(1, MIN_SVG_SIDE / Math.max(1, Math.min(width, height)));
      width = Math.round(width * scale);
      height = Math.round(height * scale);
    }
  } else if (kind === 'svg') {
    const box = element.getBoundingClientRect();
    const scale = Math.max(1, MIN_SVG_SIDE / Math.max(1, Math.min(box.width, box.height)));
    width = Math.round((box.width || 300) * scale);
    height = Math.round((box.height || 150) * scale);
    const img = new Image(width, height);
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(element))}`;
    await img.decode();
    source = img;
  }
  if (!width || !height || width * height > MAX_RASTER_PIXELS) return undefined;
  const canvas = new OffscreenCanvas(width, height);
  // drawImage renders vector images at the target size (createImageBitmap would upscale pixels)
  canvas.getContext('2d')!.drawImage(source, 0, 0, width, height);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}
