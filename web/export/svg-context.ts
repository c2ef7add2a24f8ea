/**
 * A drawing context that writes SVG: the subset of CanvasRenderingContext2D the bar's drawing
 * code uses (rectangles, text, line paths, dashes, alpha, a rectangular clip, scale and
 * translate). The SVG export runs the very functions that paint the canvas against it, so the
 * vector picture is the canvas's picture by construction, element for element. Hatches come
 * out as vector <pattern>s (HatchingContext), not raster tiles.
 */
import { HATCH } from '../bar/draw-lanes';
import type { HatchingContext } from '../bar/scene';

export type Measure = (font: string, text: string) => number;

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const num = (x: number): string => String(Math.round(x * 100) / 100);

/** A CSS colour as an SVG paint attribute plus its opacity (rgba() is not SVG 1.1). */
function paint(attr: 'fill' | 'stroke', colour: string, alpha: number): string {
  const m = /^rgba\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*\)$/.exec(colour);
  const [c, a] = m ? [`rgb(${m[1]},${m[2]},${m[3]})`, Number(m[4]) * alpha] : [colour, alpha];
  return `${attr}="${esc(c)}"` + (a < 1 ? ` ${attr}-opacity="${num(a)}"` : '');
}

/** `600 13px system-ui, sans-serif` → SVG font attributes. */
function fontAttrs(font: string): string {
  const m = /^(?:(\w+)\s+)?([\d.]+)px\s+(.+)$/.exec(font);
  if (!m) return '';
  const weight = m[1] && m[1] !== 'normal' ? ` font-weight="${esc(m[1])}"` : '';
  return ` font-size="${m[2]}" font-family="${esc(m[3] as string)}"${weight}`;
}

const BASELINE: Partial<Record<CanvasTextBaseline, string>> = {
  middle: 'central',
  top: 'text-before-edge',
  hanging: 'hanging',
};

export class SvgContext implements HatchingContext {
  fillStyle: string | CanvasPattern = '#000000';
  strokeStyle: string | CanvasPattern = '#000000';
  lineWidth = 1;
  globalAlpha = 1;
  font = '10px sans-serif';
  textBaseline: CanvasTextBaseline = 'alphabetic';
  private dash: number[] = [];
  private path: string[] = [];
  private pathRect: [number, number, number, number] | null = null;
  private readonly body: string[] = [];
  private readonly defs: string[] = [];
  private readonly hatches = new Map<string, string>();
  private readonly saved: { groups: number; t: number[] }[] = [];
  private groups = 0;
  /** Scale and translation: x' = sx·x + tx (the bar's drawing never rotates or skews). */
  private t = [1, 1, 0, 0];

  constructor(private readonly measure: Measure) {}

  private x(x: number): number {
    return (this.t[0] as number) * x + (this.t[2] as number);
  }
  private y(y: number): number {
    return (this.t[1] as number) * y + (this.t[3] as number);
  }
  private len(d: number): number {
    return (this.t[0] as number) * d;
  }
  private fillAttrs(): string {
    return paint('fill', String(this.fillStyle), this.globalAlpha);
  }
  private strokeAttrs(): string {
    const dash = this.dash.length ? ` stroke-dasharray="${this.dash.map(num).join(' ')}"` : '';
    const p = paint('stroke', String(this.strokeStyle), this.globalAlpha);
    return `${p} stroke-width="${num(this.len(this.lineWidth))}"${dash}`;
  }

  setTransform(a: number, _b: number, _c: number, d: number, e: number, f: number): void {
    this.t = [a, d, e, f];
  }

  measureText(text: string): TextMetrics {
    return { width: this.measure(this.font, text) } as TextMetrics;
  }

  fillRect(x: number, y: number, w: number, h: number): void {
    if (!(w > 0 && h > 0)) return;
    this.body.push(
      `<rect x="${num(this.x(x))}" y="${num(this.y(y))}" width="${num(this.len(w))}" height="${num(this.len(h))}" ${this.fillAttrs()}/>`,
    );
  }

  strokeRect(x: number, y: number, w: number, h: number): void {
    this.body.push(
      `<rect x="${num(this.x(x))}" y="${num(this.y(y))}" width="${num(this.len(w))}" height="${num(this.len(h))}" fill="none" ${this.strokeAttrs()}/>`,
    );
  }

  fillText(text: string, x: number, y: number): void {
    const base = BASELINE[this.textBaseline];
    this.body.push(
      `<text x="${num(this.x(x))}" y="${num(this.y(y))}"${fontAttrs(this.font)}${base ? ` dominant-baseline="${base}"` : ''} ${this.fillAttrs()}>${esc(text)}</text>`,
    );
  }

  beginPath(): void {
    this.path = [];
    this.pathRect = null;
  }
  moveTo(x: number, y: number): void {
    this.path.push(`M${num(this.x(x))} ${num(this.y(y))}`);
  }
  lineTo(x: number, y: number): void {
    this.path.push(`L${num(this.x(x))} ${num(this.y(y))}`);
  }
  rect(x: number, y: number, w: number, h: number): void {
    this.pathRect = [this.x(x), this.y(y), this.len(w), this.len(h)];
  }
  stroke(): void {
    if (this.path.length)
      this.body.push(`<path d="${this.path.join('')}" fill="none" ${this.strokeAttrs()}/>`);
  }
  setLineDash(d: number[]): void {
    this.dash = [...d];
  }

  /** Clip to the rectangle of the current path until restore(). */
  clip(): void {
    if (!this.pathRect) return;
    const id = `clip${this.defs.length}`;
    const [x, y, w, h] = this.pathRect.map(num);
    this.defs.push(
      `<clipPath id="${id}"><rect x="${x}" y="${y}" width="${w}" height="${h}"/></clipPath>`,
    );
    this.body.push(`<g clip-path="url(#${id})">`);
    this.groups++;
  }
  save(): void {
    this.saved.push({ groups: this.groups, t: [...this.t] });
  }
  restore(): void {
    const s = this.saved.pop();
    if (!s) return;
    for (; this.groups > s.groups; this.groups--) this.body.push('</g>');
    this.t = s.t;
  }

  /** The hatch over `colour` as an SVG pattern (the same tile draw-lanes.ts rasterises). */
  hatch(colour: string): string {
    let id = this.hatches.get(colour);
    if (!id) {
      id = `hatch${this.hatches.size}`;
      this.hatches.set(colour, id);
      const n = HATCH.size;
      const d = HATCH.lines.map(([a, b, c, e]) => `M${a} ${b}L${c} ${e}`).join('');
      this.defs.push(
        `<pattern id="${id}" patternUnits="userSpaceOnUse" width="${n}" height="${n}">` +
          `<rect width="${n}" height="${n}" ${paint('fill', colour, 1)}/>` +
          `<path d="${d}" fill="none" ${paint('stroke', HATCH.ink, 1)} stroke-width="${HATCH.width}"/></pattern>`,
      );
    }
    return `url(#${id})`;
  }

  /** The document, `width` × `height` user units (CSS pixels). */
  toSvg(width: number, height: number, title: string): string {
    for (; this.groups > 0; this.groups--) this.body.push('</g>');
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}">`,
      `<title>${esc(title)}</title>`,
      `<defs>${this.defs.join('')}</defs>`,
      ...this.body,
      '</svg>',
      '',
    ].join('\n');
  }
}
