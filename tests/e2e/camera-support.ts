// A fake webcam for the camera e2e test: RGBA frames (utils/qr/testing) → a .y4m file that
// Chromium plays in a loop as the camera (--use-file-for-fake-video-capture).
import { writeFile } from 'node:fs/promises';
import type { RgbaImage } from '../../utils/qr/types';

/** Writes `image` as a one-frame 4:2:0 Y4M video (BT.601 full-range). */
export async function writeY4m({ image, path }: { image: RgbaImage; path: string }): Promise<void> {
  const { data, width, height } = image;
  if (width % 2 || height % 2) throw new TypeError('Y4M 4:2:0 frames need an even width and height.');
  const y = new Uint8Array(width * height);
  const u = new Uint8Array((width / 2) * (height / 2));
  const v = new Uint8Array(u.length);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const p = (row * width + col) * 4;
      y[row * width + col] = Math.round(0.299 * data[p] + 0.587 * data[p + 1] + 0.114 * data[p + 2]);
    }
  }
  for (let row = 0; row < height; row += 2) {
    for (let col = 0; col < width; col += 2) {
      let r = 0, g = 0, b = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
        const p = ((row + dy) * width + col + dx) * 4;
        r += data[p] / 4;
        g += data[p + 1] / 4;
        b += data[p + 2] / 4;
      }
      const i = (row / 2) * (width / 2) + col / 2;
      u[i] = Math.max(0, Math.min(255, Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b)));
      v[i] = Math.max(0, Math.min(255, Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b)));
    }
  }
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\nFRAME\n`, 'ascii');
  await writeFile(path, Buffer.concat([header, y, u, v]));
}
