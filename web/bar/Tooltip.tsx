/**
 * The hover card: exact range kernel-style and in binary units, size, owner, and the step that
 * created the region. Only this component re-renders as the pointer moves.
 */
import { hex, humanAddr, humanSize, memRange, PAGE_SIZE, type Region } from '../../src-core';
import { OWNER_COLOURS, OWNER_NAMES } from '../theme/palette';
import { indexSimulation, loadedNotReserved } from '../derived/sim-index';
import { simOf, useDoc } from '../state/doc-store';
import { useView, type Hover } from '../state/view-store';
import { pagesOfBytes, setCount } from '../derived/bitmap-bytes';
import { bitmapsAtStep } from '../derived/step-state';
import { AdviceTip } from '../advisor/AdviceTip';
import { regionFill } from '../theme/region-fill';

function RangeLines({ start, end }: { start: number; end: number }) {
  return (
    <>
      <code className="kernel-range">{memRange(start, end)}</code>
      <div>
        {humanAddr(start)} – {humanAddr(end)} · <b>{humanSize(end - start)}</b>
      </div>
    </>
  );
}

/** For a live bootmem bitmap: which pages the byte under the pointer holds bits for. */
function BitmapByte({ r, addr }: { r: Region; addr: number }) {
  const sim = useDoc((s) => simOf(s));
  const step = useDoc((s) => s.step);
  const b = sim && r.node !== undefined ? bitmapsAtStep(sim, step).get(r.node) : undefined;
  if (!b || addr < r.start || addr >= r.end) return null;
  const byte = addr - r.start;
  const pages = pagesOfBytes(b, byte, byte + 1);
  if (pages.end <= pages.start)
    return <div className="muted">Byte {hex(byte)}: past the node’s last page</div>;
  return (
    <div>
      Byte {hex(byte)} holds the bits of pfn {hex(pages.start)}–{hex(pages.end - 1)}:{' '}
      <b>{setCount(b, pages)}</b> of {pages.end - pages.start} set (reserved)
    </div>
  );
}

function RegionCard({ r, addr }: { r: Region; addr: number }) {
  const sim = useDoc((s) => simOf(s));
  const step = useDoc((s) => s.step);
  if (!sim) return null;
  const born = sim.events[r.born];
  const died = r.died === undefined ? undefined : sim.events[r.died];
  const steps = indexSimulation(sim).stepsByRegion.get(r.id) ?? [];
  return (
    <>
      <div className="tip-title">
        <span className="swatch" style={{ background: regionFill(r) }} aria-hidden />
        {r.label}
      </div>
      <RangeLines start={r.start} end={r.end} />
      {loadedNotReserved(indexSimulation(sim), r, step) && (
        <div>In memory since the boot loader; not reserved yet: no allocator exists</div>
      )}
      <div>
        Owner: {OWNER_NAMES[r.owner]}
        {r.node !== undefined ? ` · node ${r.node}` : ''}
        {r.conflict ? ` · ${r.conflict}` : ''}
      </div>
      {born && (
        <div>
          Created at step {born.step}: <code>{born.fn}</code>
        </div>
      )}
      {died && (
        <div>
          Ended at step {died.step}: <code>{died.fn}</code>
        </div>
      )}
      {steps.length > 1 && <div className="muted">Events: steps {steps.join(', ')}</div>}
      {r.lane === 'bitmap' && <BitmapByte r={r} addr={addr} />}
    </>
  );
}

function Body({ h }: { h: Hover }) {
  const sim = useDoc((s) => simOf(s));
  switch (h.kind) {
    case 'region': {
      const r = sim && indexSimulation(sim).regionById.get(h.id);
      return r ? <RegionCard r={r} addr={h.addr} /> : null;
    }
    case 'bits':
      return (
        <>
          <div className="tip-title">
            <span className="swatch" style={{ background: OWNER_COLOURS.bitmap }} aria-hidden />
            pfn {hex(h.pfn)}: node {h.node} bitmap bit {h.set ? 'set' : 'clear'}
          </div>
          <RangeLines start={h.pfn * PAGE_SIZE} end={(h.pfn + 1) * PAGE_SIZE} />
          <div>
            {h.set
              ? 'bootmem treats this page as reserved'
              : 'bootmem treats this page as free: it may hand it out'}
          </div>
        </>
      );
    case 'page':
      return (
        <>
          <div className="tip-title">pfn {hex(h.pfn)}</div>
          <RangeLines start={h.pfn * PAGE_SIZE} end={(h.pfn + 1) * PAGE_SIZE} />
        </>
      );
    case 'advice':
      return <AdviceTip index={h.index} addr={h.addr} />;
    case 'gap':
      return (
        <>
          <div className="tip-title">Collapsed: nothing happens here</div>
          <RangeLines start={h.start} end={h.end} />
          <div className="muted">Click to expand this gap</div>
        </>
      );
  }
}

/** The card's width in CSS (styles.css .tooltip), to flip it left near the right edge. */
const TIP_W = 380;

export function Tooltip() {
  const hover = useView((s) => s.hover);
  const width = useView((s) => s.width);
  if (!hover) return null;
  const left = hover.x + 16 + TIP_W > width ? Math.max(0, hover.x - 16 - TIP_W) : hover.x + 16;
  return (
    <div
      className="tooltip"
      role="tooltip"
      data-testid="tooltip"
      style={{ left, top: hover.y + 14 }}
    >
      <Body h={hover} />
    </div>
  );
}
