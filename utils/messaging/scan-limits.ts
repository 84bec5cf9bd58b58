// Caps on one scan report from a page (a hostile page can send anything). Apart from scan.ts
// so the page scanner can read them without bundling the parsers.
export const REPORT_LIMITS = {
  findings: 200,
  images: 40,
  valueLength: 4296,
  urlLength: 4096,
  dataUrlLength: 4 * 1024 * 1024,
  imageSide: 20_000,
} as const;
