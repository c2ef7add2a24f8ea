import { describe, expect, it } from 'vitest';
import { checkSvg } from './svg-check';
import { SvgContext } from './svg-context';

const measure = (_font: string, text: string) => text.length * 6;

describe('SvgContext: the canvas calls the bar makes, as SVG', () => {
  it('writes rectangles, strokes, paths and escaped text', () => {
    const c = new SvgContext(measure);
    c.fillStyle = '#e0262b';
    c.fillRect(1, 2, 30, 4);
    c.fillRect(5, 5, 0, 4); // empty: nothing
    c.strokeStyle = 'rgba(29, 36, 48, 0.5)';
    c.lineWidth = 2;
    c.setLineDash([4, 3]);
    c.strokeRect(0, 0, 10, 10);
    c.setLineDash([]);
    c.beginPath();
    c.moveTo(0, 0);
    c.lineTo(5, 6);
    c.stroke();
    c.font = '600 13px system-ui, "DejaVu Sans", sans-serif';
    c.textBaseline = 'middle';
    c.fillStyle = '#111111';
    c.fillText('<a & "b">', 3, 4);
    expect(c.measureText('abcd').width).toBe(24);
    const svg = c.toSvg(100, 50, 'T & t');
    const r = checkSvg(svg);
    expect(r.problems).toEqual([]);
    const rects = r.elements.filter((e) => e.name === 'rect');
    expect(rects[0]?.attrs).toMatchObject({
      x: '1',
      y: '2',
      width: '30',
      height: '4',
      fill: '#e0262b',
    });
    expect(rects[1]?.attrs).toMatchObject({
      fill: 'none',
      stroke: 'rgb(29,36,48)',
      'stroke-opacity': '0.5',
      'stroke-width': '2',
      'stroke-dasharray': '4 3',
    });
    expect(r.elements.find((e) => e.name === 'path')?.attrs.d).toBe('M0 0L5 6');
    const text = r.elements.find((e) => e.name === 'text');
    expect(text?.attrs).toMatchObject({
      'font-size': '13',
      'font-weight': '600',
      'font-family': 'system-ui, "DejaVu Sans", sans-serif',
      'dominant-baseline': 'central',
    });
    expect(r.texts).toEqual(['<a & "b">']);
    expect(svg).toContain('<title>T &amp; t</title>');
  });

  it('applies scale and translation, alpha, and clips until restore', () => {
    const c = new SvgContext(measure);
    c.setTransform(2, 0, 0, 2, 10, 20);
    c.globalAlpha = 0.5;
    c.fillStyle = '#000000';
    c.save();
    c.beginPath();
    c.rect(0, 0, 5, 5);
    c.clip();
    c.fillRect(1, 1, 3, 3);
    c.restore();
    c.fillRect(0, 0, 1, 1);
    const r = checkSvg(c.toSvg(40, 40, 't'));
    expect(r.problems).toEqual([]);
    const clip = r.elements.find((e) => e.name === 'clipPath');
    expect(clip?.attrs.id).toBe('clip0');
    const group = r.elements.find((e) => e.name === 'g');
    expect(group?.attrs['clip-path']).toBe('url(#clip0)');
    const rects = r.elements.filter((e) => e.name === 'rect' && e.attrs.fill === '#000000');
    expect(rects[0]?.attrs).toMatchObject({ x: '12', y: '22', width: '6', 'fill-opacity': '0.5' });
    expect(rects[1]?.attrs).toMatchObject({ x: '10', y: '20', width: '2' });
  });

  it('defines each hatch once, as a vector pattern', () => {
    const c = new SvgContext(measure);
    expect(c.hatch('#e0262b')).toBe('url(#hatch0)');
    expect(c.hatch('#d55e00')).toBe('url(#hatch1)');
    expect(c.hatch('#e0262b')).toBe('url(#hatch0)');
    const r = checkSvg(c.toSvg(10, 10, 't'));
    expect(r.problems).toEqual([]);
    expect(r.elements.filter((e) => e.name === 'pattern').map((e) => e.attrs.id)).toEqual([
      'hatch0',
      'hatch1',
    ]);
    expect(r.elements.some((e) => e.name === 'image')).toBe(false);
  });
});

describe('checkSvg catches what a viewer would refuse', () => {
  it.each([
    ['<svg><rect></svg>', '</svg> closes nothing open'],
    ['<svg><text>a < b</text></svg>', 'bad tag'],
    ['<svg><text>a & b</text></svg>', 'bad text'],
    ['<svg><rect x=1/></svg>', 'unquoted'],
    ['<svg/><svg/>', '2 root elements'],
    ['<svg><g>', 'unclosed'],
  ])('%s', (xml, problem) => {
    expect(checkSvg(xml).problems.join('; ')).toContain(problem);
  });
});
