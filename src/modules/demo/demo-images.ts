/**
 * Demo pictures drawn locally: every photo of the demo agency is a small flat
 * illustration written as SVG and rasterised by sharp (librsvg). Nothing is downloaded,
 * the output is deterministic (same input → same bytes) and one render takes a few
 * tens of milliseconds.
 *
 * Drawing conventions: photos are drawn on a 1200×800 canvas and scaled/cropped to the
 * requested size ("slice"); banners are drawn at their own size. People are drawn in
 * "unit" coordinates and placed with translate/scale.
 */
import sharp from 'sharp';
import type { DemoBannerImage, DemoImage, DemoScene } from './demo-content.types.js';

const FONT = 'Noto Sans, DejaVu Sans, sans-serif';
const W = 1200;
const H = 800;

// ---------------------------------------------------------------------------------------
// Small utilities

/** Deterministic PRNG (mulberry32). */
class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }
  int(min: number, max: number): number {
    return Math.floor(this.range(min, max + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length) % items.length] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** Round for compact SVG. */
function r(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function upper(text: string): string {
  return text.normalize('NFC').toLocaleUpperCase('vi-VN');
}

/** Rough advance width of a text in Noto Sans (bold when `bold`), in px. */
function textWidth(text: string, size: number, bold = true): number {
  let em = 0;
  for (const ch of text.normalize('NFC')) {
    const base = ch.normalize('NFD').charAt(0);
    if (base === ' ') em += 0.26;
    else if ('.,:;!|\'"'.includes(base)) em += 0.28;
    else if ('-–()/'.includes(base)) em += 0.36;
    else if ('iIjlf'.includes(base)) em += 0.3;
    else if ('MWmw'.includes(base)) em += 0.88;
    else if (base >= '0' && base <= '9') em += 0.57;
    else if (base === base.toUpperCase() && base !== base.toLowerCase()) em += 0.68;
    else em += 0.56;
  }
  return em * size * (bold ? 1.04 : 1);
}

/** Greedy word wrap at a given font size. */
function wrap(text: string, size: number, maxWidth: number, bold = true): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && textWidth(candidate, size, bold) > maxWidth) {
        lines.push(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    if (line) lines.push(line);
  }
  return lines;
}

/**
 * Re-breaks the words of `lines` into as many lines of the most even widths (the longest
 * as short as possible, then the least ragged), so that no line ends with one lone word.
 */
function balance(lines: string[], size: number, bold: boolean): string[] {
  const k = lines.length;
  const words = lines.join(' ').split(' ');
  const n = words.length;
  if (k < 2 || n <= k || n > 60) return lines;
  const widths: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j <= n; j++) row.push(j > i ? textWidth(words.slice(i, j).join(' '), size, bold) : 0);
    widths.push(row);
  }
  const width = (i: number, j: number) => (widths[i] as number[])[j] as number;
  const solve = (limit: number, cost: (w: number) => number) => {
    // best[j][m]: cost of words[0..j) in m lines; from[j][m]: start of the last line.
    const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(k + 1).fill(Infinity));
    const from: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(k + 1).fill(0));
    (best[0] as number[])[0] = 0;
    for (let j = 1; j <= n; j++) {
      for (let m = 1; m <= k; m++) {
        for (let i = m - 1; i < j; i++) {
          const prev = (best[i] as number[])[m - 1] as number;
          if (prev === Infinity) continue;
          const w = width(i, j);
          if (w > limit + 0.01) continue;
          const c = prev + cost(w);
          if (c < ((best[j] as number[])[m] as number)) {
            (best[j] as number[])[m] = c;
            (from[j] as number[])[m] = i;
          }
        }
      }
    }
    if (((best[n] as number[])[k] as number) === Infinity) return null;
    const out: string[] = [];
    for (let j = n, m = k; m > 0; m--) {
      const i = (from[j] as number[])[m] as number;
      out.unshift(words.slice(i, j).join(' '));
      j = i;
    }
    return out;
  };
  // The smallest achievable longest line, found by trying each candidate line width.
  const candidates = new Set<number>();
  for (let i = 0; i < n; i++) for (let j = i + 1; j <= n; j++) candidates.add(width(i, j));
  const sorted = [...candidates].sort((a, b) => a - b);
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (solve(sorted[mid] as number, () => 0)) hi = mid;
    else lo = mid + 1;
  }
  const limit = sorted[lo] as number;
  return solve(limit, (w) => (limit - w) ** 2) ?? lines;
}

interface Fitted {
  lines: string[];
  size: number;
}

/** Largest font size (≤ maxSize) at which the text fits the box in at most maxLines lines. */
function fitText(
  text: string,
  boxWidth: number,
  boxHeight: number,
  maxSize: number,
  maxLines: number,
  lineHeight = 1.22,
  bold = true,
): Fitted {
  for (let size = maxSize; size > 6; size -= Math.max(0.5, size * 0.04)) {
    const lines = wrap(text, size, boxWidth, bold);
    const fitsWidth = lines.every((line) => textWidth(line, size, bold) <= boxWidth);
    if (lines.length <= maxLines && fitsWidth && lines.length * size * lineHeight <= boxHeight) {
      // Balance each paragraph (explicit line breaks are kept).
      const balanced = text.split('\n').flatMap((paragraph) => balance(wrap(paragraph, size, boxWidth, bold), size, bold));
      return { lines: balanced, size };
    }
  }
  const size = 6;
  return { lines: wrap(text, size, boxWidth, bold).slice(0, maxLines), size };
}

/** Centered block of text lines whose vertical middle is at cy. */
function textBlock(
  fitted: Fitted,
  cx: number,
  cy: number,
  fill: string,
  opts: { weight?: number; lineHeight?: number; anchor?: 'middle' | 'start'; extra?: string } = {},
): string {
  const lh = fitted.size * (opts.lineHeight ?? 1.22);
  const total = lh * fitted.lines.length;
  const first = cy - total / 2 + lh / 2 + fitted.size * 0.36;
  return fitted.lines
    .map(
      (line, i) =>
        `<text x="${r(cx)}" y="${r(first + i * lh)}" font-family="${FONT}" font-size="${r(fitted.size)}" font-weight="${opts.weight ?? 700}" fill="${fill}" text-anchor="${opts.anchor ?? 'middle'}"${opts.extra ? ' ' + opts.extra : ''}>${escapeXml(line)}</text>`,
    )
    .join('');
}

function starPath(cx: number, cy: number, outer: number, inner = outer * 0.382, rotation = -90): string {
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? outer : inner;
    const angle = ((rotation + i * 36) * Math.PI) / 180;
    points.push(`${r(cx + radius * Math.cos(angle))},${r(cy + radius * Math.sin(angle))}`);
  }
  return `M${points.join('L')}Z`;
}

function mix(a: string, b: string, t: number): string {
  const pa = parseInt(a.slice(1), 16);
  const pb = parseInt(b.slice(1), 16);
  const channel = (shift: number) => {
    const ca = (pa >> shift) & 255;
    const cb = (pb >> shift) & 255;
    return Math.round(ca + (cb - ca) * t);
  };
  return `#${((1 << 24) | (channel(16) << 16) | (channel(8) << 8) | channel(0)).toString(16).slice(1)}`;
}

// ---------------------------------------------------------------------------------------
// The national emblem (stylised: gold rim with rice ears, red disc, yellow star, cogwheel)

function emblemSvg(cx: number, cy: number, radius: number): string {
  const R = radius;
  const parts: string[] = [];
  parts.push(`<circle cx="${r(cx)}" cy="${r(cy)}" r="${r(R)}" fill="#e0ad12"/>`);
  parts.push(`<circle cx="${r(cx)}" cy="${r(cy)}" r="${r(R * 0.97)}" fill="#f4c51c"/>`);
  // Rice ears: a stalk along each side of the rim with grains in a herringbone.
  const grains: string[] = [];
  const stalkR = R * 0.8;
  const arc = (from: number, to: number, mirror: boolean) => {
    const pt = (deg: number) => {
      const t = (deg * Math.PI) / 180;
      const x = cx + Math.cos(t) * stalkR;
      return `${r(mirror ? 2 * cx - x : x)},${r(cy + Math.sin(t) * stalkR)}`;
    };
    return `M${pt(from)} A${r(stalkR)},${r(stalkR)} 0 0 ${mirror ? 0 : 1} ${pt(to)}`;
  };
  for (const mirror of [false, true]) {
    grains.push(`<path d="${arc(98, 262, mirror)}" stroke="#a8760a" stroke-width="${r(R * 0.02)}" fill="none"/>`);
  }
  for (let i = 0; i < 12; i++) {
    const deg = 104 + i * 13.5;
    const t = (deg * Math.PI) / 180;
    const tangent = deg + 90; // direction of travel up the rim
    for (const [side, tilt] of [
      [1, -28],
      [-1, 28],
    ] as const) {
      // side 1: outer grain, side -1: inner grain; each leans up and away from the stalk.
      const rad = stalkR + side * R * 0.065;
      const along = R * 0.03;
      const gx = cx + Math.cos(t) * rad + Math.cos((tangent * Math.PI) / 180) * along;
      const gy = cy + Math.sin(t) * rad + Math.sin((tangent * Math.PI) / 180) * along;
      const angle = tangent + tilt;
      const size = i > 9 ? 0.8 : 1;
      for (const [x, a] of [
        [gx, angle],
        [2 * cx - gx, 180 - angle],
      ] as const) {
        grains.push(
          `<ellipse cx="${r(x)}" cy="${r(gy)}" rx="${r(R * 0.075 * size)}" ry="${r(R * 0.034 * size)}" transform="rotate(${r(a)} ${r(x)} ${r(gy)})" fill="#d9a30b" stroke="#a8760a" stroke-width="${r(R * 0.012)}"/>`,
        );
      }
    }
  }
  parts.push(...grains);
  // Red disc and star.
  parts.push(`<circle cx="${r(cx)}" cy="${r(cy - R * 0.04)}" r="${r(R * 0.6)}" fill="#b8860b"/>`);
  parts.push(`<circle cx="${r(cx)}" cy="${r(cy - R * 0.04)}" r="${r(R * 0.565)}" fill="#da251d"/>`);
  parts.push(`<path d="${starPath(cx, cy - R * 0.06, R * 0.43)}" fill="#ffde00"/>`);
  // Cogwheel at the bottom.
  const gy = cy + R * 0.6;
  const teeth: string[] = [];
  const outer = R * 0.23;
  const inner = R * 0.18;
  for (let i = 0; i < 24; i++) {
    const a0 = ((i * 15 - 4) * Math.PI) / 180;
    const a1 = ((i * 15 + 4) * Math.PI) / 180;
    const rad = i % 2 === 0 ? outer : inner;
    teeth.push(`${r(cx + rad * Math.cos(a0))},${r(gy + rad * Math.sin(a0))}`);
    teeth.push(`${r(cx + rad * Math.cos(a1))},${r(gy + rad * Math.sin(a1))}`);
  }
  parts.push(`<path d="M${teeth.join('L')}Z" fill="#e3aa0f" stroke="#9c6f06" stroke-width="${r(R * 0.015)}"/>`);
  parts.push(`<circle cx="${r(cx)}" cy="${r(gy)}" r="${r(R * 0.09)}" fill="#b8860b"/>`);
  parts.push(`<circle cx="${r(cx)}" cy="${r(gy)}" r="${r(R * 0.045)}" fill="#f4c51c"/>`);
  // Red ribbon under the cogwheel.
  parts.push(
    `<path d="M${r(cx - R * 0.62)},${r(cy + R * 0.7)} Q${r(cx)},${r(cy + R * 0.98)} ${r(cx + R * 0.62)},${r(cy + R * 0.7)} L${r(cx + R * 0.56)},${r(cy + R * 0.84)} Q${r(cx)},${r(cy + R * 1.08)} ${r(cx - R * 0.56)},${r(cy + R * 0.84)} Z" fill="#c8201a" stroke="#9e1612" stroke-width="${r(R * 0.015)}"/>`,
  );
  return `<g>${parts.join('')}</g>`;
}

// ---------------------------------------------------------------------------------------
// People

const SKIN = ['#f0c6a0', '#e6b189', '#d9a07a', '#c98d66', '#f2cfae', '#dfa983'] as const;
const HAIR = ['#1c1916', '#2a211b', '#3a2c22', '#141414', '#241c18'] as const;
const JACKET = ['#1f2a44', '#2b2f36', '#35393f', '#22324f', '#3b3f46', '#283548', '#4a4e55'] as const;
const SHIRT = ['#ffffff', '#f4f6f9', '#dfe9f5', '#cfe0f0', '#eef2f4'] as const;
const TIE = ['#8b1a1a', '#1a3a6b', '#5a1f3c', '#2e2e2e', '#7b2418'] as const;
const WOMEN_TOP = ['#8e2436', '#2f5d8a', '#ffffff', '#a04460', '#4f6d3a', '#1f4e79', '#c2185b'] as const;
const CASUAL = ['#5d7ea8', '#9c5b3c', '#4d7c5a', '#b9a27a', '#7a6a8c', '#a23b3b', '#6f8f9f', '#c9b38a'] as const;

interface Look {
  skin: string;
  hair: string;
  top: string;
  shirt: string;
  tie?: string;
  longHair: boolean;
  jacket: boolean;
  trousers: string;
}

function officialLook(rng: Rng, grey = 0.12): Look {
  const woman = rng.chance(0.3);
  const jacket = !woman && rng.chance(0.65);
  const hair = rng.chance(grey) ? '#8d8d8d' : rng.pick(HAIR);
  if (woman) {
    return {
      skin: rng.pick(SKIN),
      hair,
      top: rng.pick(WOMEN_TOP),
      shirt: '#ffffff',
      longHair: true,
      jacket: false,
      trousers: rng.pick(['#2b2f36', '#1f2a44', '#3b3f46'] as const),
    };
  }
  const shirt = rng.pick(SHIRT);
  return {
    skin: rng.pick(SKIN),
    hair,
    top: jacket ? rng.pick(JACKET) : shirt,
    shirt,
    tie: jacket && rng.chance(0.7) ? rng.pick(TIE) : undefined,
    longHair: false,
    jacket,
    trousers: rng.pick(['#2b2f36', '#1f2a44', '#3b3f46', '#4a4036'] as const),
  };
}

function casualLook(rng: Rng): Look {
  const woman = rng.chance(0.45);
  return {
    skin: rng.pick(SKIN),
    hair: rng.pick(HAIR),
    top: rng.pick(CASUAL),
    shirt: '#ffffff',
    longHair: woman,
    jacket: false,
    trousers: rng.pick(['#2b3a55', '#3b3f46', '#4a4036', '#2f4f4f', '#1f2a44'] as const),
  };
}

/**
 * Head and shoulders (seated people, delegates seen from behind). (x, y) is the middle of
 * the shoulder line; in unit coordinates the head is ~48 tall and the shoulders 68 wide.
 */
function bust(x: number, y: number, s: number, look: Look, facing: 'front' | 'back', chair?: string): string {
  const p: string[] = [];
  const body = 'M-34,80 L-34,14 Q-33,0 -16,-3 L16,-3 Q33,0 34,14 L34,80 Z';
  if (look.longHair) {
    p.push(`<path d="M-16,-30 Q-19,2 -14,10 L14,10 Q19,2 16,-30 Z" fill="${look.hair}"/>`);
  }
  p.push(`<rect x="-6" y="-18" width="12" height="18" fill="${mix(look.skin, '#000000', 0.12)}"/>`);
  p.push(`<path d="${body}" fill="${look.top}"/>`);
  if (facing === 'front') {
    if (look.jacket) {
      p.push(`<path d="M-10,-3 L0,24 L10,-3 Z" fill="${look.shirt}"/>`);
      if (look.tie) p.push(`<path d="M-2.5,0 L2.5,0 L4,18 L0,24 L-4,18 Z" fill="${look.tie}"/>`);
      p.push(`<path d="M-10,-3 L0,24 L-6,30 L-14,2 Z M10,-3 L0,24 L6,30 L14,2 Z" fill="${mix(look.top, '#000000', 0.25)}" opacity="0.6"/>`);
    } else {
      p.push(`<path d="M-9,-3 L0,9 L9,-3 L6,-5 L0,4 L-6,-5 Z" fill="${mix(look.top, '#000000', 0.12)}"/>`);
      p.push(`<path d="M0,9 L0,80" stroke="${mix(look.top, '#000000', 0.1)}" stroke-width="1.2"/>`);
    }
    p.push(`<ellipse cx="0" cy="-30" rx="14" ry="16.5" fill="${look.skin}"/>`);
    p.push(`<ellipse cx="-13.5" cy="-28" rx="2.8" ry="4.5" fill="${look.skin}"/>`);
    p.push(`<ellipse cx="13.5" cy="-28" rx="2.8" ry="4.5" fill="${look.skin}"/>`);
    p.push(
      look.longHair
        ? `<path d="M-15,-26 Q-17,-49 0,-48 Q17,-49 15,-26 Q12,-40 -2,-38 Q-10,-36 -15,-26 Z" fill="${look.hair}"/>`
        : `<path d="M-14.5,-29 Q-16,-48 0,-47.5 Q16,-48 14.5,-29 Q13,-38 7,-39 Q-4,-42 -12,-37 Z" fill="${look.hair}"/>`,
    );
  } else {
    p.push(`<path d="M-9,-4 Q0,2 9,-4 L10,-1 Q0,5 -10,-1 Z" fill="${look.shirt}" opacity="0.9"/>`);
    p.push(`<ellipse cx="-13.5" cy="-29" rx="2.8" ry="4.5" fill="${look.skin}"/>`);
    p.push(`<ellipse cx="13.5" cy="-29" rx="2.8" ry="4.5" fill="${look.skin}"/>`);
    p.push(`<ellipse cx="0" cy="-31" rx="14.5" ry="17" fill="${look.hair}"/>`);
    if (look.longHair) p.push(`<path d="M-14,-30 Q-16,4 -10,8 L10,8 Q16,4 14,-30 Z" fill="${look.hair}"/>`);
    p.push(`<path d="M-7,-42 Q0,-46 7,-42" stroke="#ffffff" stroke-opacity="0.12" stroke-width="2" fill="none"/>`);
    if (chair) {
      p.push(`<rect x="-38" y="26" width="76" height="64" rx="10" fill="${chair}"/>`);
      p.push(`<rect x="-38" y="26" width="76" height="8" rx="4" fill="${mix(chair, '#ffffff', 0.18)}"/>`);
    }
  }
  return `<g transform="translate(${r(x)} ${r(y)}) scale(${Math.round(s * 1000) / 1000})">${p.join('')}</g>`;
}

type Holding = 'none' | 'certificate' | 'flowers' | 'gift' | 'papers';

/**
 * A standing person seen from the front; (x, footY) is the ground point, h the height in
 * px. Unit coordinates: feet at y=0, top of the head at y=-170.
 */
function standing(x: number, footY: number, h: number, look: Look, holding: Holding = 'none', facing: 'front' | 'back' = 'front'): string {
  const s = h / 170;
  const p: string[] = [];
  const dark = mix(look.top, '#000000', 0.18);
  // Legs / skirt.
  if (look.longHair && look.trousers !== '#2b3a55' && holding !== 'none') {
    p.push(`<path d="M-18,-82 L18,-82 L22,-34 L-22,-34 Z" fill="${look.trousers}"/>`);
    p.push(`<rect x="-12" y="-36" width="7" height="34" fill="${look.skin}"/><rect x="5" y="-36" width="7" height="34" fill="${look.skin}"/>`);
  } else {
    p.push(`<path d="M-17,-84 L-1,-84 L-3,-3 L-15,-3 Z M1,-84 L17,-84 L15,-3 L3,-3 Z" fill="${look.trousers}"/>`);
  }
  p.push(`<ellipse cx="-9" cy="-2" rx="9" ry="3.5" fill="#1a1a1a"/><ellipse cx="9" cy="-2" rx="9" ry="3.5" fill="#1a1a1a"/>`);
  // Long hair falls behind the shoulders.
  if (look.longHair && facing === 'front') p.push(`<path d="M-12,-160 Q-14,-138 -12,-132 L12,-132 Q14,-138 12,-160 Z" fill="${look.hair}"/>`);
  // Torso.
  p.push(`<path d="M-23,-130 Q-23,-140 -12,-141 L12,-141 Q23,-140 23,-130 L20,-80 L-20,-80 Z" fill="${look.top}"/>`);
  if (facing === 'front') {
    if (look.jacket) {
      p.push(`<path d="M-7,-141 L0,-120 L7,-141 Z" fill="${look.shirt}"/>`);
      if (look.tie) p.push(`<path d="M-2,-139 L2,-139 L3,-124 L0,-119 L-3,-124 Z" fill="${look.tie}"/>`);
      p.push(`<path d="M0,-120 L0,-80" stroke="${dark}" stroke-width="1"/>`);
    } else {
      p.push(`<path d="M-7,-141 L0,-133 L7,-141" stroke="${dark}" stroke-width="2" fill="none"/>`);
    }
    if (!look.jacket && !look.longHair) p.push(`<rect x="-20" y="-86" width="40" height="4" fill="#2a2a2a"/>`);
  }
  // Arms.
  const armFill = look.top;
  const arm = `stroke="${armFill}" stroke-width="9" stroke-linecap="round" stroke-linejoin="round" fill="none"`;
  if (holding === 'none') {
    p.push(`<path d="M-20,-133 L-25.5,-88 M20,-133 L25.5,-88" ${arm}/>`);
    p.push(`<path d="M-20,-133 L-25.5,-88 M20,-133 L25.5,-88" stroke="${dark}" stroke-width="1" opacity="0.35"/>`);
    p.push(`<circle cx="-25.5" cy="-83" r="4" fill="${look.skin}"/><circle cx="25.5" cy="-83" r="4" fill="${look.skin}"/>`);
  } else {
    p.push(`<path d="M-20,-133 L-25,-104 L-12,-98 M20,-133 L25,-104 L12,-98" ${arm}/>`);
  }
  // Head.
  p.push(`<rect x="-4.5" y="-148" width="9" height="9" fill="${mix(look.skin, '#000000', 0.12)}"/>`);
  if (facing === 'front') {
    p.push(`<ellipse cx="0" cy="-157" rx="10.5" ry="12.5" fill="${look.skin}"/>`);
    p.push(
      look.longHair
        ? `<path d="M-11.5,-154 Q-13,-172 0,-171 Q13,-172 11.5,-154 Q9,-163 1,-166 Q-8,-164 -11.5,-154 Z" fill="${look.hair}"/>`
        : `<path d="M-11,-156 Q-12,-171 0,-171 Q12,-171 11,-156 Q9,-164 3,-165 Q-5,-167 -10,-162 Z" fill="${look.hair}"/>`,
    );
  } else {
    p.push(`<ellipse cx="0" cy="-157" rx="11" ry="13" fill="${look.hair}"/>`);
    if (look.longHair) p.push(`<path d="M-11,-158 Q-12,-134 -8,-130 L8,-130 Q12,-134 11,-158 Z" fill="${look.hair}"/>`);
  }
  // What the person holds in front of the chest.
  if (holding === 'certificate') {
    p.push(`<rect x="-19" y="-122" width="38" height="27" fill="#c62828" rx="1"/>`);
    p.push(`<rect x="-16.5" y="-119.5" width="33" height="22" fill="#fff8e1"/>`);
    p.push(`<rect x="-14" y="-117" width="28" height="17" fill="none" stroke="#d4a017" stroke-width="0.8"/>`);
    p.push(`<path d="M-9,-112 L9,-112 M-11,-108 L11,-108 M-7,-104 L7,-104" stroke="#c62828" stroke-width="1.2"/>`);
  } else if (holding === 'gift') {
    p.push(`<rect x="-15" y="-118" width="30" height="24" fill="#c62828"/>`);
    p.push(`<rect x="-2" y="-118" width="4" height="24" fill="#f9d65c"/><rect x="-15" y="-108" width="30" height="4" fill="#f9d65c"/>`);
    p.push(`<path d="M0,-118 Q-8,-126 -6,-118 M0,-118 Q8,-126 6,-118" stroke="#f9d65c" stroke-width="2.5" fill="none"/>`);
  } else if (holding === 'flowers') {
    p.push(`<path d="M-4,-96 L-14,-124 L6,-124 Z" fill="#f5f0e6"/>`);
    for (const [fx, fy, c] of [
      [-10, -128, '#e53950'],
      [-2, -131, '#f7b32b'],
      [5, -127, '#e53950'],
      [-6, -134, '#ff8fa3'],
      [2, -136, '#e53950'],
    ] as const) {
      p.push(`<circle cx="${fx}" cy="${fy}" r="4.6" fill="${c}"/>`);
    }
    p.push(`<path d="M-13,-122 Q-18,-130 -16,-134 M7,-122 Q12,-128 11,-133" stroke="#3f7d3a" stroke-width="2.5" fill="none"/>`);
  } else if (holding === 'papers') {
    p.push(`<rect x="-13" y="-115" width="24" height="18" fill="#ffffff" transform="rotate(-8)"/>`);
  }
  if (holding !== 'none') {
    p.push(`<circle cx="-11" cy="-97" r="4" fill="${look.skin}"/><circle cx="11" cy="-97" r="4" fill="${look.skin}"/>`);
  }
  return `<g transform="translate(${r(x)} ${r(footY)}) scale(${Math.round(s * 1000) / 1000})">${p.join('')}</g>`;
}

// ---------------------------------------------------------------------------------------
// Shared scene pieces

function defsCommon(): string {
  return `<defs>
<radialGradient id="vignette" cx="50%" cy="48%" r="75%"><stop offset="60%" stop-color="#000" stop-opacity="0"/><stop offset="100%" stop-color="#000" stop-opacity="0.32"/></radialGradient>
<linearGradient id="redBackdrop" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#c8161d"/><stop offset="1" stop-color="#9e0f14"/></linearGradient>
<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#6fa8dc"/><stop offset="1" stop-color="#d7ecf7"/></linearGradient>
<linearGradient id="skyWarm" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f6b26b"/><stop offset="0.55" stop-color="#fde3b5"/><stop offset="1" stop-color="#fff3dc"/></linearGradient>
<linearGradient id="wood" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#6d3b1f"/><stop offset="0.5" stop-color="#8a4d28"/><stop offset="1" stop-color="#5e3219"/></linearGradient>
</defs>`;
}

function finish(): string {
  return `<rect width="${W}" height="${H}" fill="url(#vignette)"/>`;
}

/** A red backdrop with the slogan in yellow, the emblem above it and gold trims. */
function backdrop(x: number, y: number, w: number, h: number, text: string, rng: Rng, textBottom = y + h - 16): string {
  const p: string[] = [];
  p.push(`<rect x="${r(x)}" y="${r(y)}" width="${r(w)}" height="${r(h)}" fill="url(#redBackdrop)"/>`);
  // Faint bronze-drum pattern on the backdrop.
  const dx = x + w * rng.range(0.78, 0.9);
  const dy = y + h * 0.55;
  const rings: string[] = [];
  for (let i = 1; i <= 5; i++) rings.push(`<circle cx="${r(dx)}" cy="${r(dy)}" r="${r(h * 0.12 * i)}" fill="none" stroke="#f7c948" stroke-width="2"/>`);
  p.push(`<g opacity="0.08">${rings.join('')}<path d="${starPath(dx, dy, h * 0.11)}" fill="#f7c948"/></g>`);
  p.push(`<rect x="${r(x)}" y="${r(y + 8)}" width="${r(w)}" height="3" fill="#f2c14e" opacity="0.85"/>`);
  p.push(`<rect x="${r(x)}" y="${r(y + h - 11)}" width="${r(w)}" height="3" fill="#f2c14e" opacity="0.85"/>`);
  const er = Math.min(34, h * 0.12);
  p.push(emblemSvg(x + w / 2, y + 18 + er, er));
  const top = y + 26 + er * 2;
  const fitted = fitText(upper(text), w * 0.86, textBottom - 4 - top, 52, 3);
  p.push(textBlock(fitted, x + w / 2, (top + textBottom) / 2, '#ffe14d', { extra: 'letter-spacing="0.5"' }));
  return p.join('');
}

function plantPot(x: number, y: number, s: number, rng: Rng): string {
  const p: string[] = [];
  p.push(`<path d="M${r(x - 18 * s)},${r(y - 34 * s)} L${r(x + 18 * s)},${r(y - 34 * s)} L${r(x + 13 * s)},${r(y)} L${r(x - 13 * s)},${r(y)} Z" fill="${rng.pick(['#8d5524', '#b07a3f', '#7a4a2a', '#d9d2c5'] as const)}"/>`);
  for (let i = 0; i < 9; i++) {
    const lx = x + rng.range(-30, 30) * s;
    const ly = y - rng.range(50, 130) * s;
    p.push(`<ellipse cx="${r(lx)}" cy="${r(ly)}" rx="${r(rng.range(10, 18) * s)}" ry="${r(rng.range(22, 36) * s)}" transform="rotate(${r(rng.range(-40, 40))} ${r(lx)} ${r(ly)})" fill="${rng.pick(['#2e7d32', '#388e3c', '#1b5e20', '#43a047'] as const)}"/>`);
  }
  return p.join('');
}

function flowerBox(x: number, y: number, w: number, h: number, rng: Rng): string {
  const p: string[] = [`<rect x="${r(x)}" y="${r(y + h * 0.45)}" width="${r(w)}" height="${r(h * 0.55)}" fill="#2e5e2f"/>`];
  const n = Math.max(3, Math.round(w / 9));
  for (let i = 0; i < n; i++) {
    const fx = x + ((i + 0.5) / n) * w + rng.range(-3, 3);
    const fy = y + h * rng.range(0.15, 0.55);
    p.push(`<circle cx="${r(fx)}" cy="${r(fy + 6)}" r="${r(h * 0.22)}" fill="#3f8f3f"/>`);
    p.push(`<circle cx="${r(fx)}" cy="${r(fy)}" r="${r(h * rng.range(0.13, 0.2))}" fill="${rng.pick(['#f4c20d', '#e53950', '#ff7043', '#fdd835', '#ffffff'] as const)}"/>`);
  }
  return p.join('');
}

function vietnamFlag(x: number, y: number, w: number, wave: number): string {
  const h = w * (2 / 3);
  const d = `M${r(x)},${r(y)} Q${r(x + w * 0.25)},${r(y - wave)} ${r(x + w * 0.5)},${r(y)} T${r(x + w)},${r(y)} L${r(x + w)},${r(y + h)} Q${r(x + w * 0.75)},${r(y + h + wave)} ${r(x + w * 0.5)},${r(y + h)} T${r(x)},${r(y + h)} Z`;
  return `<path d="${d}" fill="#da251d"/><path d="${starPath(x + w / 2, y + h / 2 + 1, h * 0.3)}" fill="#ffde00"/>`;
}

function tree(x: number, groundY: number, s: number, rng: Rng, kind: 'round' | 'tall' = 'round'): string {
  const greens = ['#2e7d32', '#388e3c', '#43a047', '#1b5e20', '#4c8c2b'] as const;
  const p: string[] = [`<rect x="${r(x - 5 * s)}" y="${r(groundY - 90 * s)}" width="${r(10 * s)}" height="${r(90 * s)}" fill="#5d4037"/>`];
  if (kind === 'tall') {
    p.push(`<ellipse cx="${r(x)}" cy="${r(groundY - 150 * s)}" rx="${r(34 * s)}" ry="${r(80 * s)}" fill="${rng.pick(greens)}"/>`);
  } else {
    for (let i = 0; i < 5; i++) {
      p.push(`<circle cx="${r(x + rng.range(-40, 40) * s)}" cy="${r(groundY - rng.range(100, 150) * s)}" r="${r(rng.range(32, 48) * s)}" fill="${rng.pick(greens)}"/>`);
    }
  }
  return p.join('');
}

function cloud(x: number, y: number, s: number): string {
  return `<g fill="#ffffff" opacity="0.85"><ellipse cx="${r(x)}" cy="${r(y)}" rx="${r(60 * s)}" ry="${r(20 * s)}"/><circle cx="${r(x - 20 * s)}" cy="${r(y - 12 * s)}" r="${r(22 * s)}"/><circle cx="${r(x + 15 * s)}" cy="${r(y - 18 * s)}" r="${r(28 * s)}"/></g>`;
}

// ---------------------------------------------------------------------------------------
// Scenes

function sceneConference(rng: Rng, banner: string): string {
  const p: string[] = [];
  const wall = rng.pick(['#e8dfcf', '#efe6d6', '#e2e4e0', '#ece3d3'] as const);
  p.push(`<rect width="${W}" height="${H}" fill="${wall}"/>`);
  p.push(`<rect width="${W}" height="26" fill="${mix(wall, '#000000', 0.18)}"/>`);
  for (let i = 0; i < 6; i++) p.push(`<rect x="${60 + i * 210}" y="6" width="90" height="10" rx="4" fill="#fffbe6"/>`);
  const bx = rng.range(110, 150);
  p.push(backdrop(bx, 44, W - 2 * bx, 286, banner, rng, 282));
  // Stage and carpet.
  const carpet = rng.pick(['#8c2f2f', '#7a3b2e', '#6d2f3b', '#8a5a44'] as const);
  p.push(`<rect x="0" y="330" width="${W}" height="${H - 330}" fill="${carpet}"/>`);
  p.push(`<rect x="0" y="330" width="${W}" height="70" fill="${mix(carpet, '#ffffff', 0.08)}"/>`);
  p.push(`<rect x="0" y="398" width="${W}" height="10" fill="${mix(carpet, '#000000', 0.3)}"/>`);
  p.push(plantPot(bx - 45, 400, 0.9, rng), plantPot(W - bx + 45, 400, 0.9, rng));
  // Head table with officials.
  const n = rng.int(5, 7);
  const tableL = 600 - n * 62;
  const tableR = 600 + n * 62;
  for (let i = 0; i < n; i++) {
    const x = tableL + 62 + i * 124 + rng.range(-6, 6);
    p.push(bust(x, 336 + rng.range(-3, 3), 0.92, officialLook(rng, 0.15), 'front'));
  }
  const cloth = rng.pick(['#f5f5f0', '#1f4e8c', '#2e6b3a', '#f2efe6'] as const);
  p.push(`<rect x="${r(tableL)}" y="366" width="${r(tableR - tableL)}" height="8" fill="${mix(cloth, '#000000', 0.08)}"/>`);
  for (let i = 0; i < n; i++) {
    const x = tableL + 62 + i * 124;
    p.push(`<path d="M${r(x - 22)},366 L${r(x - 19)},354 L${r(x + 19)},354 L${r(x + 22)},366 Z" fill="#ffffff" stroke="#c9c9c9" stroke-width="0.8"/>`);
    p.push(`<path d="M${r(x + 30)},366 L${r(x + 30)},350 L${r(x + 18)},334" stroke="#222" stroke-width="2" fill="none"/>`);
    p.push(`<rect x="${r(x - 38)}" y="348" width="6" height="18" rx="2" fill="#cfe8f7" opacity="0.9"/>`);
  }
  p.push(`<rect x="${r(tableL - 8)}" y="374" width="${r(tableR - tableL + 16)}" height="58" fill="${cloth}"/>`);
  for (let x = tableL; x < tableR; x += 22) p.push(`<path d="M${r(x)},376 L${r(x)},432" stroke="${mix(cloth, '#000000', 0.1)}" stroke-width="2"/>`);
  p.push(flowerBox(tableL + 20, 400, tableR - tableL - 40, 40, rng));
  // Rows of delegates seen from behind.
  const rows = [
    { y: 520, s: 0.95, gap: 92 },
    { y: 640, s: 1.3, gap: 124 },
    { y: 790, s: 1.75, gap: 165 },
  ];
  const chair = rng.pick(['#7b1f24', '#eae6dc', '#3b3f58', '#8c2a2a'] as const);
  for (const row of rows) {
    const deskCloth = rng.pick(['#f4f4ef', '#e9e4d8', '#dbe6f0'] as const);
    p.push(`<rect x="-10" y="${r(row.y - 14 * row.s)}" width="${W + 20}" height="${r(24 * row.s)}" fill="${deskCloth}"/>`);
    p.push(`<rect x="-10" y="${r(row.y - 14 * row.s)}" width="${W + 20}" height="${r(3 * row.s)}" fill="${mix(deskCloth, '#000000', 0.15)}"/>`);
    for (let x = rng.range(-40, 20); x < W + 60; x += row.gap * rng.range(0.85, 1.15)) {
      if (rng.chance(0.1)) continue;
      p.push(bust(x, row.y + 10 * row.s + rng.range(-4, 4), row.s, officialLook(rng, 0.1), 'back', chair));
    }
  }
  return p.join('');
}

function sceneSpeech(rng: Rng, banner: string): string {
  const p: string[] = [];
  p.push(`<rect width="${W}" height="${H}" fill="#e8e0d0"/>`);
  const left = rng.chance(0.6);
  const lx = left ? rng.range(230, 330) : rng.range(870, 970);
  const textX = left ? 760 : 440;
  p.push(`<rect x="0" y="20" width="${W}" height="440" fill="url(#redBackdrop)"/>`);
  p.push(`<rect x="0" y="30" width="${W}" height="3" fill="#f2c14e" opacity="0.85"/>`);
  p.push(`<rect x="0" y="443" width="${W}" height="3" fill="#f2c14e" opacity="0.85"/>`);
  p.push(`<rect x="0" y="460" width="${W}" height="${H - 460}" fill="#7d2a2a"/>`);
  p.push(`<rect x="0" y="460" width="${W}" height="14" fill="#5a1c1c"/>`);
  p.push(emblemSvg(textX, 100, 44));
  const fitted = fitText(upper(banner), 620, 270, 50, 4);
  p.push(textBlock(fitted, textX, 290, '#ffe14d'));
  p.push(plantPot(left ? 1120 : 80, 520, 1.3, rng));
  // Speaker behind the lectern.
  const look = officialLook(rng, 0.2);
  p.push(bust(lx, 545, 3.3, look, 'front'));
  // Gooseneck microphone rising from the lectern towards the speaker's chin.
  const micSide = left ? 1 : -1;
  p.push(`<path d="M${r(lx + micSide * 70)},600 Q${r(lx + micSide * 64)},500 ${r(lx + micSide * 34)},478" stroke="#1a1a1a" stroke-width="5" fill="none"/>`);
  p.push(`<ellipse cx="${r(lx + micSide * 30)}" cy="475" rx="9" ry="6" fill="#111" transform="rotate(${micSide * -30} ${r(lx + micSide * 30)} 475)"/>`);
  p.push(`<path d="M${r(lx - 150)},600 L${r(lx + 150)},600 L${r(lx + 130)},${H + 10} L${r(lx - 130)},${H + 10} Z" fill="url(#wood)"/>`);
  p.push(`<rect x="${r(lx - 160)}" y="588" width="320" height="22" rx="3" fill="#4e2a15"/>`);
  p.push(emblemSvg(lx, 700, 48));
  p.push(flowerBox(lx - 150, 572, 300, 30, rng));
  // Heads of the audience in the foreground.
  for (let x = left ? 640 : -40; x < (left ? W + 60 : 560); x += rng.range(160, 210)) {
    p.push(bust(x, 830 + rng.range(-15, 15), 2.3, officialLook(rng), 'back'));
  }
  return p.join('');
}

function sceneHandover(rng: Rng, banner: string): string {
  const p: string[] = [];
  p.push(`<rect width="${W}" height="${H}" fill="#e6ddcc"/>`);
  p.push(backdrop(60, 30, W - 120, 380, banner, rng, 232));
  p.push(`<rect x="0" y="610" width="${W}" height="${H - 610}" fill="#8e3030"/>`);
  p.push(`<rect x="0" y="410" width="${W}" height="200" fill="#b23a3a"/>`);
  p.push(`<rect x="0" y="606" width="${W}" height="12" fill="#5a1c1c"/>`);
  p.push(plantPot(40, 640, 1.3, rng), plantPot(W - 40, 640, 1.3, rng));
  const n = rng.int(5, 8);
  const gap = 1000 / n;
  const holdings: Holding[] = ['certificate', 'flowers', 'gift'];
  const main = rng.pick(holdings);
  for (let i = 0; i < n; i++) {
    const x = 100 + gap * (i + 0.5) + rng.range(-10, 10);
    const look = i === 0 || i === n - 1 ? officialLook(rng, 0.25) : officialLook(rng, 0.1);
    const holding: Holding = i === 0 || i === n - 1 ? 'flowers' : rng.chance(0.8) ? main : 'flowers';
    p.push(standing(x, 604 + rng.range(-4, 4), rng.range(340, 365), look, holding));
  }
  // Photographer's foreground: heads of the audience.
  for (let x = rng.range(-50, 50); x < W + 80; x += rng.range(190, 260)) {
    if (rng.chance(0.5)) p.push(bust(x, 850 + rng.range(-10, 10), 2.1, officialLook(rng), 'back'));
  }
  return p.join('');
}

function sceneClassroom(rng: Rng, banner: string, variant: number): string {
  const p: string[] = [];
  const wall = rng.pick(['#e9efe6', '#f1ead9', '#e4ecf2', '#efe7dc'] as const);
  p.push(`<rect width="${W}" height="${H}" fill="${wall}"/>`);
  p.push(`<rect x="0" y="420" width="${W}" height="${H - 420}" fill="${rng.pick(['#c9c2b4', '#b9b4a8', '#d2c8b6'] as const)}"/>`);
  for (let i = 0; i < 9; i++) {
    p.push(`<path d="M${r(600 + (i - 4) * 80)},420 L${r(600 + (i - 4) * 260)},${H}" stroke="#00000014" stroke-width="2"/>`);
  }
  // Windows.
  for (const wx of [40, 1010]) {
    p.push(`<rect x="${wx}" y="90" width="150" height="230" fill="#bfe0f2" stroke="#ffffff" stroke-width="10"/>`);
    p.push(`<path d="M${wx + 75},90 L${wx + 75},320 M${wx},205 L${wx + 150},205" stroke="#ffffff" stroke-width="6"/>`);
  }
  // Board with the course title.
  p.push(`<rect x="300" y="70" width="600" height="260" fill="#214d3a" stroke="#8d6e63" stroke-width="10"/>`);
  if (banner) {
    p.push(`<rect x="260" y="6" width="680" height="62" fill="#b71c1c"/>`);
    p.push(textBlock(fitText(upper(banner), 650, 56, 26, 2, 1.15), 600, 37, '#ffe14d', { lineHeight: 1.15 }));
  }
  for (let i = 0; i < 5; i++) {
    const y = 120 + i * 40;
    p.push(`<path d="M340,${y} L${r(340 + rng.range(200, 500))},${y}" stroke="#e8f5e9" stroke-opacity="0.6" stroke-width="5" stroke-linecap="round" stroke-dasharray="${r(rng.range(20, 60))} 12"/>`);
  }
  // Instructor.
  p.push(standing(rng.chance(0.5) ? 220 : 980, 440, 250, officialLook(rng), 'none'));
  // Even variants: a computer room; odd variants: workbenches (sewing, mechanics…).
  const computers = variant % 2 === 0;
  const rows = [
    { y: 500, s: 0.95 },
    { y: 620, s: 1.25 },
    { y: 770, s: 1.65 },
  ];
  for (const row of rows) {
    const deskY = row.y - 22 * row.s;
    p.push(`<rect x="-20" y="${r(deskY)}" width="${W + 40}" height="${r(18 * row.s)}" fill="${computers ? '#d7ccc8' : '#8d6e63'}"/>`);
    const step = 150 * row.s;
    for (let x = rng.range(20, 70); x < W + 40; x += step) {
      if (computers) {
        p.push(`<rect x="${r(x - 34 * row.s)}" y="${r(deskY - 52 * row.s)}" width="${r(68 * row.s)}" height="${r(46 * row.s)}" rx="3" fill="#263238"/>`);
        p.push(`<rect x="${r(x - 30 * row.s)}" y="${r(deskY - 48 * row.s)}" width="${r(60 * row.s)}" height="${r(38 * row.s)}" fill="${rng.pick(['#4fc3f7', '#81d4fa', '#90caf9', '#e3f2fd'] as const)}"/>`);
        p.push(`<rect x="${r(x - 4 * row.s)}" y="${r(deskY - 6 * row.s)}" width="${r(8 * row.s)}" height="${r(6 * row.s)}" fill="#263238"/>`);
      } else {
        p.push(`<g transform="translate(${r(x)} ${r(deskY)}) scale(${Math.round(row.s * 1000) / 1000})">${sewingMachine(rng)}</g>`);
      }
      const look = casualLook(rng);
      if (rng.chance(0.4)) look.top = rng.pick(['#1565c0', '#0d47a1', '#37474f'] as const);
      p.push(bust(x + rng.range(-15, 15), row.y + 14 * row.s, row.s * 1.05, look, 'back'));
    }
  }
  return p.join('');
}

/** An industrial sewing machine standing on a table top at (0, 0), about 90 wide and 56 tall. */
function sewingMachine(rng: Rng): string {
  const body = rng.pick(['#f5f5f5', '#f3e7c9', '#e8eef2'] as const);
  const accent = rng.pick(['#1565c0', '#c62828', '#2e7d32', '#37474f'] as const);
  const cloth = rng.pick(['#e57373', '#64b5f6', '#ffd54f', '#81c784', '#ba68c8'] as const);
  return [
    `<rect x="-44" y="-8" width="88" height="8" fill="#cfd8dc"/>`,
    `<rect x="-42" y="-12" width="34" height="5" fill="${cloth}"/>`,
    `<rect x="24" y="-52" width="16" height="44" fill="${body}" stroke="#90a4ae" stroke-width="1"/>`,
    `<rect x="-38" y="-56" width="78" height="15" rx="4" fill="${body}" stroke="#90a4ae" stroke-width="1"/>`,
    `<rect x="-40" y="-56" width="16" height="34" rx="3" fill="${body}" stroke="#90a4ae" stroke-width="1"/>`,
    `<rect x="-38" y="-49" width="78" height="3" fill="${accent}"/>`,
    `<path d="M-32,-22 L-32,-12" stroke="#455a64" stroke-width="2"/>`,
    `<circle cx="43" cy="-46" r="8" fill="#90a4ae" stroke="#607d8b" stroke-width="2"/>`,
    `<rect x="-30" y="-64" width="10" height="8" rx="2" fill="#ffe082"/>`,
  ].join('');
}

function house(x: number, groundY: number, rng: Rng): string {
  const p: string[] = [];
  if (rng.chance(0.5)) {
    // A small brick house with a corrugated roof.
    const wall = rng.pick(['#f3e2b3', '#e8d5a9', '#dfe8d1', '#f0d9c0', '#cfd8dc'] as const);
    p.push(`<rect x="${x}" y="${groundY - 190}" width="460" height="190" fill="${wall}"/>`);
    p.push(`<path d="M${x - 40},${groundY - 180} L${x + 60},${groundY - 290} L${x + 400},${groundY - 290} L${x + 500},${groundY - 180} Z" fill="${rng.pick(['#8d3b2b', '#6d7b85', '#4f6f8f', '#9c4a32'] as const)}"/>`);
    for (let i = 0; i < 24; i++) p.push(`<path d="M${x - 30 + i * 22},${groundY - 182} L${x + 66 + i * 14.2},${groundY - 288}" stroke="#00000022" stroke-width="3"/>`);
    p.push(`<rect x="${x + 180}" y="${groundY - 140}" width="100" height="140" fill="#6d4c41"/><rect x="${x + 228}" y="${groundY - 140}" width="4" height="140" fill="#4e342e"/>`);
    for (const wx of [x + 40, x + 340]) {
      p.push(`<rect x="${wx}" y="${groundY - 140}" width="80" height="70" fill="#5d4037"/><path d="M${wx + 10},${groundY - 140} L${wx + 10},${groundY - 70} M${wx + 30},${groundY - 140} L${wx + 30},${groundY - 70} M${wx + 50},${groundY - 140} L${wx + 50},${groundY - 70} M${wx + 70},${groundY - 140} L${wx + 70},${groundY - 70}" stroke="#8d6e63" stroke-width="4"/>`);
    }
    p.push(`<rect x="${x - 10}" y="${groundY - 8}" width="480" height="12" fill="#9e9e9e"/>`);
  } else {
    // A wooden stilt house of the Central Highlands.
    p.push(`<rect x="${x}" y="${groundY - 150}" width="460" height="14" fill="#5d4037"/>`);
    for (let i = 0; i < 6; i++) p.push(`<rect x="${x + 10 + i * 84}" y="${groundY - 140}" width="12" height="140" fill="#4e342e"/>`);
    p.push(`<rect x="${x + 10}" y="${groundY - 270}" width="440" height="122" fill="#a1887f"/>`);
    for (let i = 0; i < 22; i++) p.push(`<path d="M${x + 10 + i * 20},${groundY - 270} L${x + 10 + i * 20},${groundY - 148}" stroke="#8d6e63" stroke-width="3"/>`);
    p.push(`<path d="M${x - 30},${groundY - 262} L${x + 90},${groundY - 400} L${x + 370},${groundY - 400} L${x + 490},${groundY - 262} Z" fill="#b08d57"/>`);
    for (let i = 0; i < 30; i++) p.push(`<path d="M${x - 25 + i * 17},${groundY - 264} L${x + 92 + i * 9.4},${groundY - 398}" stroke="#8c6d3f" stroke-width="2"/>`);
    p.push(`<rect x="${x + 190}" y="${groundY - 250}" width="80" height="100" fill="#4e342e"/>`);
    p.push(`<path d="M${x + 200},${groundY - 136} L${x + 170},${groundY} M${x + 240},${groundY - 136} L${x + 210},${groundY}" stroke="#5d4037" stroke-width="7"/>`);
    for (let i = 0; i < 6; i++) p.push(`<path d="M${x + 196 - i * 5},${groundY - 120 + i * 22} L${x + 236 - i * 5},${groundY - 120 + i * 22}" stroke="#5d4037" stroke-width="5"/>`);
  }
  return p.join('');
}

function sceneVisit(rng: Rng): string {
  const p: string[] = [];
  p.push(`<rect width="${W}" height="${H}" fill="url(#sky)"/>`);
  p.push(cloud(rng.range(150, 400), rng.range(70, 140), rng.range(0.8, 1.3)), cloud(rng.range(800, 1100), rng.range(60, 120), rng.range(0.7, 1.1)));
  p.push(`<path d="M0,420 Q200,330 420,390 T820,370 T1200,380 L1200,560 L0,560 Z" fill="#7aa874"/>`);
  p.push(`<rect x="0" y="540" width="${W}" height="${H - 540}" fill="${rng.pick(['#c79a6b', '#b5835a', '#cfa77a'] as const)}"/>`);
  const hx = rng.chance(0.5) ? 80 : 640;
  p.push(tree(hx > 300 ? 230 : 1000, 560, 1.6, rng), tree(hx > 300 ? 90 : 1140, 560, 1.2, rng, 'tall'));
  p.push(house(hx, 560, rng));
  // Banana plant.
  const bx = hx > 300 ? 560 : 600;
  p.push(`<rect x="${bx}" y="400" width="12" height="160" fill="#7c9a3c"/>`);
  for (let i = 0; i < 5; i++) {
    const a = -70 + i * 35;
    p.push(`<ellipse cx="${bx + 6}" cy="410" rx="70" ry="16" transform="rotate(${a} ${bx + 6} 410) translate(55 0)" fill="${i % 2 ? '#6aa84f' : '#558b2f'}"/>`);
  }
  // The group: officials giving a gift to an elderly person (the two stand close together).
  const n = rng.int(4, 6);
  const elder = rng.int(1, n - 2);
  const xs: number[] = [];
  let x = rng.range(150, 220);
  for (let i = 0; i < n; i++) {
    xs.push(x);
    x += i === elder ? rng.range(100, 115) : rng.range(140, 190);
  }
  const shift = (W - (xs[n - 1] as number) - (xs[0] as number)) / 2;
  for (let i = 0; i < n; i++) {
    let look = officialLook(rng, 0.1);
    let holding: Holding = 'none';
    if (i === elder) {
      look = { ...casualLook(rng), hair: '#bdbdbd', top: rng.pick(['#6d4c41', '#5d6d7e', '#7b5e57', '#455a64'] as const) };
      holding = 'gift';
    } else if (i === elder + 1) {
      holding = 'papers';
    } else if (!look.jacket && !look.longHair) {
      look.top = rng.pick(['#ffffff', '#e3f2fd', '#dfe9f5'] as const);
    }
    p.push(standing((xs[i] as number) + shift, 740 + rng.range(-8, 8), rng.range(330, 370) * (i === elder ? 0.94 : 1), look, holding));
  }
  return p.join('');
}

function sceneOffice(rng: Rng, banner: string): string {
  const p: string[] = [];
  p.push(`<rect width="${W}" height="${H}" fill="url(#sky)"/>`);
  p.push(cloud(rng.range(120, 300), rng.range(60, 110), 1), cloud(rng.range(900, 1100), rng.range(50, 100), 0.8));
  const wall = rng.pick(['#f3e3b5', '#efe0c4', '#f2ead8', '#e9d9a6'] as const);
  const floors = rng.int(3, 4);
  const top = 560 - floors * 95;
  const bx = 150;
  const bw = 900;
  p.push(`<rect x="${bx}" y="${top}" width="${bw}" height="${560 - top}" fill="${wall}"/>`);
  p.push(`<rect x="${bx - 12}" y="${top - 18}" width="${bw + 24}" height="22" fill="${rng.pick(['#a8442f', '#8d6e63', '#b0503a'] as const)}"/>`);
  for (let f = 0; f < floors; f++) {
    const y = top + 22 + f * 95;
    for (let i = 0; i < 14; i++) {
      const x = bx + 30 + i * 62;
      if (x > 530 && x < 640) continue;
      p.push(`<rect x="${x}" y="${y}" width="38" height="56" fill="#6d90ab"/><rect x="${x}" y="${y}" width="38" height="8" fill="#ffffff55"/><path d="M${x + 19},${y} L${x + 19},${y + 56}" stroke="${wall}" stroke-width="3"/>`);
    }
    p.push(`<rect x="${bx}" y="${y + 64}" width="${bw}" height="6" fill="${mix(wall, '#000000', 0.1)}"/>`);
  }
  // Central portico with columns and the sign.
  p.push(`<path d="M500,${top - 10} L600,${top - 70} L700,${top - 10} Z" fill="${mix(wall, '#ffffff', 0.3)}" stroke="${mix(wall, '#000000', 0.2)}" stroke-width="4"/>`);
  p.push(`<rect x="490" y="${top - 10}" width="220" height="${570 - top}" fill="${mix(wall, '#ffffff', 0.25)}"/>`);
  p.push(`<circle cx="600" cy="${top - 35}" r="16" fill="#da251d"/><path d="${starPath(600, top - 34, 11)}" fill="#ffde00"/>`);
  const signText = banner || 'SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI';
  p.push(`<rect x="250" y="${top + 4}" width="700" height="44" fill="#b71c1c"/>`);
  p.push(textBlock(fitText(upper(signText), 670, 40, 24, 1), 600, top + 26, '#ffd54f'));
  for (let i = 0; i < 4; i++) p.push(`<rect x="${506 + i * 58}" y="${top + 60}" width="18" height="${500 - top}" fill="#ffffff" stroke="#d7ccc8"/>`);
  p.push(`<rect x="540" y="470" width="120" height="90" fill="#4e6e8e"/><path d="M600,470 L600,560" stroke="#d7ccc8" stroke-width="3"/>`);
  p.push(`<rect x="470" y="560" width="260" height="10" fill="#bdbdbd"/><rect x="450" y="570" width="300" height="10" fill="#a8a8a8"/>`);
  // Grounds.
  p.push(`<rect x="0" y="560" width="${W}" height="${H - 560}" fill="#6fa14f"/>`);
  p.push(`<path d="M470,580 L730,580 L900,${H} L300,${H} Z" fill="#bdb6a8"/>`);
  p.push(flowerBox(60, 600, 320, 50, rng), flowerBox(820, 600, 320, 50, rng));
  p.push(tree(60, 660, 1.4, rng), tree(1140, 660, 1.5, rng));
  // Flag pole.
  // Flag pole in the yard; the flag flies above the roofline.
  const fx = rng.chance(0.5) ? 215 : 985;
  p.push(`<rect x="${fx - 3}" y="58" width="6" height="592" fill="#cfd8dc"/><circle cx="${fx}" cy="56" r="6" fill="#f2c14e"/>`);
  p.push(vietnamFlag(fx + 3, 64, 124, rng.range(6, 14)));
  p.push(`<rect x="${fx - 26}" y="640" width="52" height="14" fill="#9e9e9e"/>`);
  return p.join('');
}

function sceneJobFair(rng: Rng, banner: string): string {
  const p: string[] = [];
  p.push(`<rect width="${W}" height="${H}" fill="url(#sky)"/>`);
  p.push(tree(60, 420, 1.6, rng), tree(1150, 420, 1.7, rng), tree(250, 400, 1.2, rng), tree(950, 400, 1.3, rng));
  p.push(`<rect x="0" y="400" width="${W}" height="${H - 400}" fill="#b9b3a6"/>`);
  // Banner over the fair.
  p.push(`<rect x="150" y="40" width="8" height="360" fill="#8d8d8d"/><rect x="1042" y="40" width="8" height="360" fill="#8d8d8d"/>`);
  p.push(`<rect x="130" y="50" width="940" height="110" fill="#c62828"/>`);
  p.push(`<rect x="130" y="58" width="940" height="2" fill="#ffe082"/><rect x="130" y="150" width="940" height="2" fill="#ffe082"/>`);
  p.push(textBlock(fitText(upper(banner || 'Ngày hội việc làm'), 880, 90, 46, 2), 600, 105, '#ffe14d'));
  // Booths.
  const colours = ['#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#c62828'] as const;
  const labels = ['TUYỂN DỤNG', 'VIỆC LÀM', 'TƯ VẤN NGHỀ', 'LÀM VIỆC Ở NƯỚC NGOÀI', 'HỌC NGHỀ', 'BẢO HIỂM THẤT NGHIỆP'] as const;
  const labelStart = rng.int(0, labels.length - 1);
  for (let i = 0; i < 5; i++) {
    const x = 40 + i * 228;
    const colour = colours[(i + rng.int(0, 5)) % colours.length] as string;
    p.push(`<path d="M${x},250 L${x + 100},200 L${x + 200},250 Z" fill="#fafafa" stroke="#d0d0d0" stroke-width="2"/>`);
    p.push(`<rect x="${x}" y="250" width="200" height="34" fill="${colour}"/>`);
    p.push(textBlock(fitText(labels[(labelStart + i) % labels.length] as string, 184, 28, 18, 1), x + 100, 267, '#ffffff'));
    p.push(`<rect x="${x + 2}" y="284" width="4" height="140" fill="#9e9e9e"/><rect x="${x + 194}" y="284" width="4" height="140" fill="#9e9e9e"/>`);
    p.push(`<rect x="${x + 6}" y="284" width="188" height="80" fill="#eceff1"/>`);
    for (let k = 0; k < 2; k++) p.push(bust(x + 58 + k * 84, 376, 0.8, officialLook(rng), 'front'));
    p.push(`<rect x="${x + 10}" y="370" width="180" height="76" fill="${mix(colour, '#ffffff', 0.75)}"/><rect x="${x + 10}" y="370" width="180" height="6" fill="${colour}"/>`);
  }
  // Crowd of job seekers.
  const people: string[] = [];
  for (let i = 0; i < 16; i++) {
    const depth = rng.next();
    people.push(standing(rng.range(20, 1180), 560 + depth * 230, 200 + depth * 180, casualLook(rng), rng.chance(0.2) ? 'papers' : 'none', rng.chance(0.65) ? 'back' : 'front') + `<!--${(depth * 1000).toFixed(0).padStart(4, '0')}-->`);
  }
  people.sort((a, b) => (a.slice(-8) < b.slice(-8) ? -1 : 1));
  p.push(people.join(''));
  return p.join('');
}

function sceneLandscape(rng: Rng): string {
  const p: string[] = [];
  const warm = rng.chance(0.35);
  p.push(`<rect width="${W}" height="${H}" fill="url(#${warm ? 'skyWarm' : 'sky'})"/>`);
  p.push(`<circle cx="${r(rng.range(200, 1000))}" cy="${r(rng.range(90, 180))}" r="${warm ? 48 : 36}" fill="${warm ? '#fff1c1' : '#fffde7'}" opacity="0.9"/>`);
  for (let i = 0; i < 3; i++) p.push(cloud(rng.range(0, W), rng.range(60, 200), rng.range(0.6, 1.2)));
  const layers = [
    { base: 360, amp: 90, colour: warm ? '#b7a6b8' : '#9fb3c8' },
    { base: 430, amp: 70, colour: warm ? '#8f8fa0' : '#7f9cab' },
    { base: 510, amp: 60, colour: '#5f8f4e' },
    { base: 600, amp: 50, colour: '#4a7d3b' },
  ];
  for (const layer of layers) {
    let d = `M0,${H} L0,${r(layer.base)}`;
    const segs = rng.int(3, 6);
    for (let i = 1; i <= segs; i++) {
      const x0 = ((i - 0.5) / segs) * W;
      const x1 = (i / segs) * W;
      d += ` Q${r(x0)},${r(layer.base - rng.range(0.3, 1) * layer.amp)} ${r(x1)},${r(layer.base + rng.range(-0.3, 0.3) * layer.amp)}`;
    }
    p.push(`<path d="${d} L${W},${H} Z" fill="${layer.colour}"/>`);
  }
  // Rows of coffee bushes on the near hill.
  for (let row = 0; row < 7; row++) {
    const y = 630 + row * 26;
    const size = 8 + row * 2.2;
    for (let x = -20 + (row % 2) * 18; x < W + 20; x += size * 2.6) {
      p.push(`<circle cx="${r(x)}" cy="${r(y + Math.sin(x / 140 + row) * 10)}" r="${r(size)}" fill="${row % 2 ? '#2e6b2a' : '#336f2c'}"/>`);
    }
  }
  // Rubber trees on the middle hill.
  for (let i = 0; i < 14; i++) {
    const x = rng.range(0, W);
    const y = rng.range(520, 580);
    p.push(`<rect x="${r(x - 2)}" y="${r(y - 40)}" width="4" height="40" fill="#6d5a45"/><ellipse cx="${r(x)}" cy="${r(y - 48)}" rx="16" ry="20" fill="#3f7a34"/>`);
  }
  // Red-earth road.
  const rx0 = rng.range(520, 700);
  const bend = rng.range(-160, 160);
  p.push(`<path d="M${r(rx0 - 6)},575 C${r(rx0 + bend - 20)},640 ${r(600 - bend - 60)},700 ${r(520)},${H} L${r(720)},${H} C${r(600 - bend + 60)},700 ${r(rx0 + bend + 20)},640 ${r(rx0 + 6)},575 Z" fill="#b5653a"/>`);
  p.push(`<path d="M${r(rx0 - 6)},575 C${r(rx0 + bend - 20)},640 ${r(600 - bend - 60)},700 ${r(520)},${H}" stroke="#8d4a27" stroke-width="3" fill="none" opacity="0.6"/>`);
  return p.join('');
}

function sceneSvg(image: DemoImage): string {
  const rng = new Rng(hashString(image.scene) ^ Math.imul(image.variant + 1, 2654435761));
  const banner = image.banner ?? '';
  const scenes: Record<DemoScene, () => string> = {
    conference: () => sceneConference(rng, banner || 'Hội nghị'),
    speech: () => sceneSpeech(rng, banner || 'Hội nghị'),
    handover: () => sceneHandover(rng, banner || 'Lễ trao tặng'),
    classroom: () => sceneClassroom(rng, banner, image.variant),
    visit: () => sceneVisit(rng),
    office: () => sceneOffice(rng, banner),
    jobfair: () => sceneJobFair(rng, banner),
    landscape: () => sceneLandscape(rng),
  };
  return scenes[image.scene]() + finish();
}

// ---------------------------------------------------------------------------------------
// Banners

function headerBanner(b: DemoBannerImage): string {
  const { width: w, height: h } = b;
  const p: string[] = [];
  p.push(`<defs><linearGradient id="hb" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#a50e13"/><stop offset="0.55" stop-color="#c8161d"/><stop offset="1" stop-color="#e0452a"/></linearGradient></defs>`);
  p.push(`<rect width="${w}" height="${h}" fill="url(#hb)"/>`);
  // Bronze drum motif on the right.
  const dx = w - h * 0.9;
  const dy = h * 0.5;
  const rings: string[] = [];
  for (let i = 1; i <= 7; i++) rings.push(`<circle cx="${r(dx)}" cy="${r(dy)}" r="${r(h * 0.16 * i)}" fill="none" stroke="#ffd54f" stroke-width="${i % 2 ? 2 : 1}"/>`);
  const rays: string[] = [];
  for (let i = 0; i < 14; i++) {
    const a = (i / 14) * Math.PI * 2;
    rays.push(`M${r(dx)},${r(dy)} L${r(dx + Math.cos(a) * h * 0.3)},${r(dy + Math.sin(a) * h * 0.3)}`);
  }
  p.push(`<g opacity="0.16">${rings.join('')}<path d="${rays.join(' ')}" stroke="#ffd54f" stroke-width="2"/><path d="${starPath(dx, dy, h * 0.12)}" fill="#ffd54f"/></g>`);
  // Stylised hills and a lotus-gold wave at the bottom.
  p.push(`<path d="M${r(w * 0.45)},${h} Q${r(w * 0.6)},${r(h * 0.7)} ${r(w * 0.72)},${r(h * 0.86)} T${w},${r(h * 0.72)} L${w},${h} Z" fill="#ffffff" opacity="0.08"/>`);
  p.push(`<path d="M0,${r(h * 0.93)} Q${r(w * 0.25)},${r(h * 0.84)} ${r(w * 0.5)},${r(h * 0.93)} T${w},${r(h * 0.9)}" stroke="#f2c14e" stroke-width="3" fill="none" opacity="0.8"/>`);
  const er = h * 0.38;
  const ex = h * 0.12 + er;
  p.push(emblemSvg(ex, h * 0.48, er));
  const tx = ex + er + h * 0.16;
  const tw = w - tx - h * 0.3;
  const sub = b.subtext ? upper(b.subtext) : '';
  const main = fitText(upper(b.text), tw, h * (sub ? 0.48 : 0.7), h * 0.26, 2, 1.15);
  if (sub) {
    const subFit = fitText(sub, tw, h * 0.2, h * 0.13, 1);
    p.push(textBlock(subFit, tx, h * 0.27, '#fff3c4', { anchor: 'start', weight: 600, extra: 'letter-spacing="1"' }));
    p.push(`<rect x="${r(tx)}" y="${r(h * 0.37)}" width="${r(Math.min(tw, textWidth(subFit.lines[0] ?? '', subFit.size) + 10))}" height="1.5" fill="#f2c14e" opacity="0.7"/>`);
    p.push(textBlock(main, tx, h * 0.62, '#ffe14d', { anchor: 'start', lineHeight: 1.15, extra: `stroke="#7a0b0e" stroke-width="${r(main.size * 0.04)}" paint-order="stroke"` }));
  } else {
    p.push(textBlock(main, tx, h * 0.5, '#ffe14d', { anchor: 'start', lineHeight: 1.15 }));
  }
  return p.join('');
}

function serviceBanner(b: DemoBannerImage): string {
  const { width: w, height: h } = b;
  const p: string[] = [];
  p.push(`<defs><linearGradient id="sb" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#0b4f9c"/><stop offset="1" stop-color="#1e88e5"/></linearGradient></defs>`);
  p.push(`<rect width="${w}" height="${h}" fill="url(#sb)"/>`);
  for (let i = 0; i < 4; i++) p.push(`<circle cx="${r(w * 0.95)}" cy="${r(h * 1.05)}" r="${r(h * (0.35 + i * 0.28))}" fill="none" stroke="#ffffff" stroke-opacity="0.1" stroke-width="6"/>`);
  // Icon: a monitor with a document and a check mark.
  const s = Math.min(h * 0.62, w * 0.24);
  const ix = h * 0.14;
  const iy = (h - s) / 2;
  p.push(`<rect x="${r(ix)}" y="${r(iy)}" width="${r(s)}" height="${r(s * 0.72)}" rx="${r(s * 0.06)}" fill="#ffffff"/>`);
  p.push(`<rect x="${r(ix + s * 0.07)}" y="${r(iy + s * 0.07)}" width="${r(s * 0.86)}" height="${r(s * 0.56)}" fill="#e3f2fd"/>`);
  p.push(`<path d="M${r(ix + s * 0.4)},${r(iy + s * 0.72)} L${r(ix + s * 0.36)},${r(iy + s * 0.88)} L${r(ix + s * 0.64)},${r(iy + s * 0.88)} L${r(ix + s * 0.6)},${r(iy + s * 0.72)} Z" fill="#ffffff"/>`);
  p.push(`<rect x="${r(ix + s * 0.26)}" y="${r(iy + s * 0.88)}" width="${r(s * 0.48)}" height="${r(s * 0.08)}" rx="2" fill="#ffffff"/>`);
  p.push(`<path d="M${r(ix + s * 0.3)},${r(iy + s * 0.36)} L${r(ix + s * 0.45)},${r(iy + s * 0.5)} L${r(ix + s * 0.72)},${r(iy + s * 0.2)}" stroke="#e53935" stroke-width="${r(s * 0.09)}" fill="none" stroke-linecap="round" stroke-linejoin="round"/>`);
  const tx = ix + s + h * 0.14;
  const tw = w - tx - h * 0.1;
  const main = fitText(upper(b.text), tw, h * (b.subtext ? 0.56 : 0.8), h * 0.24, 2, 1.12);
  if (b.subtext) {
    p.push(textBlock(main, tx, h * 0.4, '#ffffff', { anchor: 'start', lineHeight: 1.12 }));
    p.push(textBlock(fitText(b.subtext, tw, h * 0.2, h * 0.13, 1, 1.2, false), tx, h * 0.8, '#ffeb3b', { anchor: 'start', weight: 400 }));
  } else {
    p.push(textBlock(main, tx, h * 0.5, '#ffffff', { anchor: 'start', lineHeight: 1.12 }));
  }
  return p.join('');
}

function lotus(cx: number, baseY: number, s: number): string {
  const petals: string[] = [];
  const shapes = [
    [-58, 0.85, '#f48fb1'],
    [58, 0.85, '#f48fb1'],
    [-30, 1, '#f06292'],
    [30, 1, '#f06292'],
    [0, 1.12, '#ec407a'],
  ] as const;
  for (const [angle, len, colour] of shapes) {
    petals.push(`<path d="M0,0 C${r(-16 * s)},${r(-20 * s * len)} ${r(-10 * s)},${r(-46 * s * len)} 0,${r(-58 * s * len)} C${r(10 * s)},${r(-46 * s * len)} ${r(16 * s)},${r(-20 * s * len)} 0,0 Z" fill="${colour}" transform="rotate(${angle})" stroke="#ad1457" stroke-width="${r(s)}"/>`);
  }
  return `<g transform="translate(${r(cx)} ${r(baseY)})">${petals.join('')}<ellipse cx="0" cy="${r(4 * s)}" rx="${r(40 * s)}" ry="${r(8 * s)}" fill="#2e7d32"/></g>`;
}

function portraitBanner(b: DemoBannerImage): string {
  const { width: w, height: h } = b;
  const p: string[] = [];
  p.push(`<defs><linearGradient id="pb" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#b3121a"/><stop offset="1" stop-color="#7d0a10"/></linearGradient></defs>`);
  p.push(`<rect width="${w}" height="${h}" fill="url(#pb)"/>`);
  p.push(`<rect x="4" y="4" width="${w - 8}" height="${h - 8}" fill="none" stroke="#f2c14e" stroke-width="1.5"/>`);
  const s = (h * 0.26) / 65;
  p.push(`<g opacity="0.85">${lotus(w * 0.1, h * 0.93, s)}${lotus(w * 0.9, h * 0.93, s * 0.85)}</g>`);
  p.push(`<path d="${starPath(w / 2, h * 0.15, Math.min(h * 0.08, 16))}" fill="#ffde00"/>`);
  const main = fitText(upper(b.text), w * 0.78, h * (b.subtext ? 0.46 : 0.58), h * 0.14, 4, 1.15);
  p.push(textBlock(main, w / 2, h * (b.subtext ? 0.48 : 0.54), '#ffe14d', { lineHeight: 1.15 }));
  if (b.subtext) p.push(textBlock(fitText(b.subtext, w * 0.6, h * 0.12, h * 0.08, 1, 1.2, false), w / 2, h * 0.84, '#fff3c4', { weight: 400 }));
  return p.join('');
}

function magazineBanner(b: DemoBannerImage): string {
  const { width: w, height: h } = b;
  const p: string[] = [];
  p.push(`<rect width="${w}" height="${h}" fill="#f3f7f4"/>`);
  p.push(`<rect width="${w}" height="${h}" fill="none" stroke="#0b6e4f" stroke-width="3"/>`);
  p.push(`<path d="M${r(w * 0.55)},${h} L${w},${r(h * 0.3)} L${w},${h} Z" fill="#0b6e4f" opacity="0.12"/>`);
  // A small magazine cover.
  const ch = h * 0.78;
  const cw = ch * 0.72;
  const cx = h * 0.14;
  const cy = (h - ch) / 2;
  p.push(`<g transform="rotate(-5 ${r(cx + cw / 2)} ${r(cy + ch / 2)})">`);
  p.push(`<rect x="${r(cx + 3)}" y="${r(cy + 3)}" width="${r(cw)}" height="${r(ch)}" fill="#00000033"/>`);
  p.push(`<rect x="${r(cx)}" y="${r(cy)}" width="${r(cw)}" height="${r(ch)}" fill="#ffffff" stroke="#cfd8dc"/>`);
  p.push(`<rect x="${r(cx)}" y="${r(cy)}" width="${r(cw)}" height="${r(ch * 0.2)}" fill="#c62828"/>`);
  p.push(`<rect x="${r(cx + cw * 0.12)}" y="${r(cy + ch * 0.07)}" width="${r(cw * 0.76)}" height="${r(ch * 0.06)}" fill="#ffffff"/>`);
  p.push(`<rect x="${r(cx + cw * 0.08)}" y="${r(cy + ch * 0.26)}" width="${r(cw * 0.84)}" height="${r(ch * 0.42)}" fill="#81c784"/>`);
  p.push(`<path d="M${r(cx + cw * 0.08)},${r(cy + ch * 0.68)} L${r(cx + cw * 0.35)},${r(cy + ch * 0.45)} L${r(cx + cw * 0.55)},${r(cy + ch * 0.6)} L${r(cx + cw * 0.72)},${r(cy + ch * 0.5)} L${r(cx + cw * 0.92)},${r(cy + ch * 0.68)} Z" fill="#388e3c"/>`);
  p.push(`<circle cx="${r(cx + cw * 0.75)}" cy="${r(cy + ch * 0.36)}" r="${r(cw * 0.07)}" fill="#fff176"/>`);
  for (let i = 0; i < 3; i++) p.push(`<rect x="${r(cx + cw * 0.08)}" y="${r(cy + ch * (0.74 + i * 0.07))}" width="${r(cw * (0.84 - i * 0.18))}" height="${r(ch * 0.035)}" fill="#b0bec5"/>`);
  p.push(`</g>`);
  const tx = cx + cw + h * 0.14;
  const tw = w - tx - h * 0.08;
  // "TẠP CHÍ" above, the title below (the first two words when the text starts with it).
  const text = upper(b.text);
  const m = /^(TẠP CHÍ)\s+(.*)$/u.exec(text);
  const kicker = m?.[1] ?? '';
  const title = m?.[2] ?? text;
  if (kicker) p.push(textBlock(fitText(kicker, tw, h * 0.16, h * 0.14, 1), tx, h * 0.22, '#c62828', { anchor: 'start', extra: 'letter-spacing="2"' }));
  const main = fitText(title, tw, h * 0.5, h * 0.2, 3, 1.1);
  p.push(textBlock(main, tx, h * (kicker ? 0.55 : 0.45), '#0b6e4f', { anchor: 'start', lineHeight: 1.1 }));
  if (b.subtext) p.push(textBlock(fitText(b.subtext, tw, h * 0.14, h * 0.1, 1, 1.2, false), tx, h * 0.86, '#455a64', { anchor: 'start', weight: 400 }));
  return p.join('');
}

// ---------------------------------------------------------------------------------------
// Public API

function svgDocument(width: number, height: number, viewW: number, viewH: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${viewW} ${viewH}" preserveAspectRatio="xMidYMid slice">${body}</svg>`;
}

/** Draws one demo photo as a JPEG (1200×800 unless `size` says otherwise; other aspect ratios are centre-cropped). */
export async function renderDemoImage(image: DemoImage, size: { width: number; height: number } = { width: W, height: H }): Promise<Buffer> {
  const width = Math.max(1, Math.round(size.width));
  const height = Math.max(1, Math.round(size.height));
  const svg = svgDocument(width, height, W, H, defsCommon() + sceneSvg(image));
  return sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).jpeg({ quality: 84, chromaSubsampling: '4:4:4' }).toBuffer();
}

/** Draws a banner at banner.width × banner.height as PNG. */
export async function renderDemoBanner(banner: DemoBannerImage): Promise<Buffer> {
  const width = Math.max(1, Math.round(banner.width));
  const height = Math.max(1, Math.round(banner.height));
  const b = { ...banner, width, height };
  const draw = { header: headerBanner, service: serviceBanner, portrait: portraitBanner, magazine: magazineBanner }[b.kind];
  const svg = svgDocument(width, height, width, height, draw(b));
  return sharp(Buffer.from(svg)).png({ compressionLevel: 8 }).toBuffer();
}

/** A stylised national emblem (no text) as a square PNG with a transparent background. */
export async function renderNationalEmblem(size: number): Promise<Buffer> {
  const px = Math.max(8, Math.round(size));
  const svg = svgDocument(px, px, 200, 200, emblemSvg(100, 96, 92));
  return sharp(Buffer.from(svg)).png().toBuffer();
}
