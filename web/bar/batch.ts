/**
 * Fewer rectangles for the same picture. A canvas rasterises every fillRect at commit, so
 * thousands of sub-pixel regions cost more than the pixels they cover. Rectangles of one colour
 * that touch or overlap along a row are merged; a run of sub-pixel rectangles in one pixel
 * column keeps only the first (Perfetto's bucketing, in its simplest form).
 */
export class RectRow {
  private fill: string | CanvasPattern = '';
  private x0 = 0;
  private x1 = -Infinity;
  private lastColumn = -Infinity;

  constructor(
    private readonly ctx: CanvasRenderingContext2D,
    private readonly y: number,
    private readonly h: number,
  ) {}

  /**
   * Queue [x0, x1) in `fill`; drawn when something else comes or at flush(). `tiny` marks a
   * region narrower than a pixel (widened for visibility): it is dropped where the pixels are
   * already taken, so thousands of them cost at most one rectangle per column.
   */
  add(x0: number, x1: number, fill: string | CanvasPattern, tiny = x1 - x0 < 1): void {
    if (tiny) {
      const column = Math.floor(x0);
      if (column === this.lastColumn || x1 <= this.x1) return;
      this.lastColumn = column;
    }
    if (fill === this.fill && x0 <= this.x1 + 0.5) {
      this.x1 = Math.max(this.x1, x1);
      return;
    }
    this.flush();
    this.fill = fill;
    this.x0 = x0;
    this.x1 = x1;
  }

  /** Draw what is queued. */
  flush(): void {
    if (this.x1 > this.x0) {
      this.ctx.fillStyle = this.fill;
      this.ctx.fillRect(this.x0, this.y, this.x1 - this.x0, this.h);
    }
    this.x1 = -Infinity;
    this.fill = '';
  }
}
