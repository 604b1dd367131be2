// The two screens every page is built for: a cheap phone and a shared tablet.
export const SIZES = [
  { name: 'phone', viewport: { width: 360, height: 740 } },
  { name: 'tablet', viewport: { width: 800, height: 1280 } },
] as const;

export const VIEWPORTS = [SIZES[0].viewport, SIZES[1].viewport] as const;
