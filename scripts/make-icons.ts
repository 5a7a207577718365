/**
 * Draws the Teams app icons (appPackage/color.png 192×192, appPackage/outline.png 32×32): a database
 * cylinder with a check-mark badge. Run with `npx tsx scripts/make-icons.ts`; the PNGs are committed.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PNG } from 'pngjs';

type Rgba = readonly [number, number, number, number];
/** A shape in unit coordinates (0..1 across the icon) and the colour it paints; later layers paint over earlier ones. */
interface Layer {
  inside(u: number, v: number): boolean;
  colour: Rgba;
}

export const ACCENT: Rgba = [0x0f, 0x6c, 0xbd, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];
const SUPERSAMPLE = 4;

const ellipseF = (u: number, v: number, cx: number, cy: number, rx: number, ry: number) =>
  ((u - cx) / rx) ** 2 + ((v - cy) / ry) ** 2 - 1;

/** Approximate distance from (u,v) to an ellipse's outline (first-order: |F| / |∇F|). */
function ellipseDistance(u: number, v: number, cx: number, cy: number, rx: number, ry: number): number {
  const gx = (2 * (u - cx)) / rx ** 2;
  const gy = (2 * (v - cy)) / ry ** 2;
  return Math.abs(ellipseF(u, v, cx, cy, rx, ry)) / Math.max(Math.hypot(gx, gy), 1e-9);
}

function segmentDistance(u: number, v: number, [ax, ay]: number[], [bx, by]: number[]): number {
  const t = Math.max(0, Math.min(1, ((u - ax!) * (bx! - ax!) + (v - ay!) * (by! - ay!)) / ((bx! - ax!) ** 2 + (by! - ay!) ** 2)));
  return Math.hypot(u - (ax! + t * (bx! - ax!)), v - (ay! + t * (by! - ay!)));
}

interface Cylinder { cx: number; top: number; bottom: number; rx: number; ry: number }

const inCylinder = (u: number, v: number, c: Cylinder) =>
  (Math.abs(u - c.cx) <= c.rx && v >= c.top && v <= c.bottom) || ellipseF(u, v, c.cx, c.bottom, c.rx, c.ry) <= 0 || ellipseF(u, v, c.cx, c.top, c.rx, c.ry) <= 0;

/** The rim of the top face plus the lower halves of the band lines, drawn with half-width w. */
function cylinderLines(u: number, v: number, c: Cylinder, w: number, bands: number[]): boolean {
  if (ellipseDistance(u, v, c.cx, c.top, c.rx, c.ry) <= w) return true;
  return bands.some((y) => v >= y && Math.abs(u - c.cx) <= c.rx && ellipseDistance(u, v, c.cx, y, c.rx, c.ry) <= w);
}

const inCheck = (u: number, v: number, points: number[][], w: number) =>
  segmentDistance(u, v, points[0]!, points[1]!) <= w || segmentDistance(u, v, points[1]!, points[2]!) <= w;

function render(size: number, layers: Layer[]): PNG {
  const png = new PNG({ width: size, height: size });
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let s = 0; s < n; s++) {
        const u = (x + ((s % SUPERSAMPLE) + 0.5) / SUPERSAMPLE) / size;
        const v = (y + (Math.floor(s / SUPERSAMPLE) + 0.5) / SUPERSAMPLE) / size;
        let colour: Rgba = CLEAR;
        for (const layer of layers) if (layer.inside(u, v)) colour = layer.colour;
        for (let i = 0; i < 3; i++) sum[i]! += colour[i]! * colour[3];
        sum[3]! += colour[3];
      }
      const o = (y * size + x) * 4;
      const alpha = sum[3]!;
      for (let i = 0; i < 3; i++) png.data[o + i] = alpha === 0 ? 0 : Math.round(sum[i]! / alpha);
      png.data[o + 3] = Math.round(alpha / n);
    }
  }
  return png;
}

/** 192×192: white cylinder and badge on a solid accent square (the glyph spans about the middle 96 pixels). */
export function drawColorIcon(): PNG {
  const c: Cylinder = { cx: 0.45, top: 0.31, bottom: 0.69, rx: 0.17, ry: 0.06 };
  const badge = { cx: 0.64, cy: 0.66, r: 0.14 };
  const dist = (u: number, v: number) => Math.hypot(u - badge.cx, v - badge.cy);
  return render(192, [
    { inside: () => true, colour: ACCENT },
    { inside: (u, v) => inCylinder(u, v, c), colour: WHITE },
    { inside: (u, v) => inCylinder(u, v, c) && cylinderLines(u, v, c, 0.011, [0.44, 0.57]), colour: ACCENT },
    { inside: (u, v) => dist(u, v) <= badge.r + 0.03, colour: ACCENT },
    { inside: (u, v) => dist(u, v) <= badge.r, colour: WHITE },
    { inside: (u, v) => inCheck(u, v, [[0.575, 0.665], [0.622, 0.712], [0.705, 0.61]], 0.017), colour: ACCENT },
  ]);
}

/** 32×32: the same glyph as white strokes on full transparency, no padding. */
export function drawOutlineIcon(): PNG {
  const c: Cylinder = { cx: 0.4, top: 0.17, bottom: 0.8, rx: 0.33, ry: 0.12 };
  const w = 0.045;
  const outline = (u: number, v: number) =>
    cylinderLines(u, v, c, w, [0.48, c.bottom]) ||
    (Math.abs(Math.abs(u - c.cx) - c.rx) <= w && v >= c.top && v <= c.bottom);
  const badge = { cx: 0.73, cy: 0.73, r: 0.25 };
  const dist = (u: number, v: number) => Math.hypot(u - badge.cx, v - badge.cy);
  return render(32, [
    { inside: outline, colour: WHITE },
    { inside: (u, v) => dist(u, v) <= badge.r + 0.07, colour: CLEAR },
    { inside: (u, v) => dist(u, v) <= badge.r, colour: WHITE },
    { inside: (u, v) => inCheck(u, v, [[0.6, 0.73], [0.69, 0.82], [0.86, 0.63]], 0.05), colour: CLEAR },
  ]);
}

export const ICON_DIR = resolve(__dirname, '..', 'appPackage');

if (require.main === module) {
  writeFileSync(resolve(ICON_DIR, 'color.png'), PNG.sync.write(drawColorIcon()));
  writeFileSync(resolve(ICON_DIR, 'outline.png'), PNG.sync.write(drawOutlineIcon()));
  console.log(`Wrote color.png and outline.png to ${ICON_DIR}`);
}
