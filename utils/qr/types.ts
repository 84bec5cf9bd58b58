/** RGBA pixels, row-major, 4 bytes per pixel (the shape of DOM ImageData). */
export interface RgbaImage {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

/** 8-bit luminance at working resolution; `scale` maps back to source pixels. */
export interface GrayImage {
  /** luminance of the rows y with y % rowStep === 0 (other rows may be left 0: use `at`) */
  data: Uint8Array;
  width: number;
  height: number;
  scale: number;
  rowStep: number;
  /** luminance of any pixel */
  at: (x: number, y: number) => number;
  /** 8×8 block statistics (sum, sample count, min, max of the block's samples), when toGray had them in hand */
  stats?: BlockStats;
}

export interface BlockStats {
  sums: Uint32Array;
  counts: Uint16Array;
  min: Uint8Array;
  max: Uint8Array;
  cols: number;
  rows: number;
}

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A confirmed 1:1:3:1:1 finder pattern, in working-resolution coordinates. */
export interface FinderPattern {
  x: number;
  y: number;
  /** estimated module size in pixels */
  module: number;
  /** how many scan rows confirmed it */
  count: number;
  /** true when the centre is light (light-on-dark code) */
  inverted: boolean;
}

export interface DecodedQrCode {
  text: string;
  /** axis-aligned box around the code in source-image pixels */
  bounds: Bounds;
  /**
   * the code's corners in source-image pixels, top-left, top-right, bottom-right, bottom-left
   * of the code itself: a tilted or keystoned code's real outline (always set by decodeQrCodes)
   */
  corners?: [{ x: number; y: number }, { x: number; y: number }, { x: number; y: number }, { x: number; y: number }];
  inverted: boolean;
  /** 'finders' (grouped finder patterns) or 'fallback' (whole image through jsQR) */
  via: 'finders' | 'fallback';
}

export interface QrTimings {
  grayMs: number;
  thresholdMs: number;
  findersMs: number;
  decodeMs: number;
  totalMs: number;
  finderPatterns: number;
  candidates: number;
  decodeAttempts: number;
}

export interface DecodeQrResult {
  codes: DecodedQrCode[];
  timings: QrTimings;
}
