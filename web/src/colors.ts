/**
 * Maps the `color` strings of courses and assets to CSS colours.
 * Courses use brand names ("electricBlue", "signalOrange"); assets use
 * Tailwind-style names ("purple-500"). Unknown names fall back to a valid CSS
 * colour if the browser accepts the string as one, else to the brand blue.
 */
import type { CSSProperties } from 'react';

const BRAND: Record<string, string> = {
  electricblue: '#2f7bff',
  signalorange: '#ff6a1a',
  neonpink: '#ff2e88',
  acidgreen: '#a3ff12',
  cyberyellow: '#ffd60a',
  ultraviolet: '#7c3aed',
};

// Tailwind v3 palette, shades 300-700.
const TAILWIND: Record<string, [string, string, string, string, string]> = {
  slate: ['#cbd5e1', '#94a3b8', '#64748b', '#475569', '#334155'],
  gray: ['#d1d5db', '#9ca3af', '#6b7280', '#4b5563', '#374151'],
  zinc: ['#d4d4d8', '#a1a1aa', '#71717a', '#52525b', '#3f3f46'],
  neutral: ['#d4d4d4', '#a3a3a3', '#737373', '#525252', '#404040'],
  stone: ['#d6d3d1', '#a8a29e', '#78716c', '#57534e', '#44403c'],
  red: ['#fca5a5', '#f87171', '#ef4444', '#dc2626', '#b91c1c'],
  orange: ['#fdba74', '#fb923c', '#f97316', '#ea580c', '#c2410c'],
  amber: ['#fcd34d', '#fbbf24', '#f59e0b', '#d97706', '#b45309'],
  yellow: ['#fde047', '#facc15', '#eab308', '#ca8a04', '#a16207'],
  lime: ['#bef264', '#a3e635', '#84cc16', '#65a30d', '#4d7c0f'],
  green: ['#86efac', '#4ade80', '#22c55e', '#16a34a', '#15803d'],
  emerald: ['#6ee7b7', '#34d399', '#10b981', '#059669', '#047857'],
  teal: ['#5eead4', '#2dd4bf', '#14b8a6', '#0d9488', '#0f766e'],
  cyan: ['#67e8f9', '#22d3ee', '#06b6d4', '#0891b2', '#0e7490'],
  sky: ['#7dd3fc', '#38bdf8', '#0ea5e9', '#0284c7', '#0369a1'],
  blue: ['#93c5fd', '#60a5fa', '#3b82f6', '#2563eb', '#1d4ed8'],
  indigo: ['#a5b4fc', '#818cf8', '#6366f1', '#4f46e5', '#4338ca'],
  violet: ['#c4b5fd', '#a78bfa', '#8b5cf6', '#7c3aed', '#6d28d9'],
  purple: ['#d8b4fe', '#c084fc', '#a855f7', '#9333ea', '#7e22ce'],
  fuchsia: ['#f0abfc', '#e879f9', '#d946ef', '#c026d3', '#a21caf'],
  pink: ['#f9a8d4', '#f472b6', '#ec4899', '#db2777', '#be185d'],
  rose: ['#fda4af', '#fb7185', '#f43f5e', '#e11d48', '#be123c'],
};

const SHADES = [300, 400, 500, 600, 700];
export const FALLBACK_COLOR = BRAND.electricblue;

export function resolveColor(name: string | null | undefined): string {
  if (!name) return FALLBACK_COLOR;
  const raw = name.trim();
  const key = raw.toLowerCase().replace(/^(text|bg|border|from|to)-/, '');
  const brand = BRAND[key.replace(/[-_\s]/g, '')];
  if (brand) return brand;

  const tw = /^([a-z]+)(?:-(\d{2,3}))?$/.exec(key);
  if (tw && TAILWIND[tw[1]]) {
    const shade = tw[2] ? Number(tw[2]) : 500;
    let best = 2;
    SHADES.forEach((s, i) => {
      if (Math.abs(s - shade) < Math.abs(SHADES[best] - shade)) best = i;
    });
    return TAILWIND[tw[1]][best];
  }
  if (typeof CSS !== 'undefined' && CSS.supports?.('color', raw)) return raw;
  return FALLBACK_COLOR;
}

/** Inline style that exposes the item colour as `--accent` to CSS. */
export function accentStyle(name: string | null | undefined): CSSProperties {
  return { ['--accent' as string]: resolveColor(name) } as CSSProperties;
}
