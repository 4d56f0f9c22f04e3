/**
 * A drawing pad: a square canvas the reader draws on with a mouse, a finger or a pen (pointer events
 * with pointer capture; `touch-action: none` so a finger draws instead of scrolling). Ink is black on
 * a transparent canvas; {@link DrawPad.ink} reads it back as one byte per pixel (the alpha channel).
 */

/** A stroke: points in the pad's own 0–1 coordinates (x right, y down). */
export type Stroke = readonly (readonly [number, number])[];

/** Options of {@link drawPad}. */
export interface DrawPadOptions {
  /** Side of the canvas in canvas pixels. Default 280 (ten times MNIST's 28). */
  readonly side?: number;
  /** Pen width as a share of the side. Default 1/14 (a stroke of MNIST's width once scaled into 20 × 20). */
  readonly pen?: number;
  /** Accessible name of the canvas. */
  readonly label: string;
  /** Fires while drawing (after each move) and when a stroke ends (`done` true), or when cleared. */
  readonly onChange: (done: boolean) => void;
}

/** A pad made by {@link drawPad}. */
export interface DrawPad {
  readonly canvas: HTMLCanvasElement;
  /** The ink, `side × side` bytes 0–255, row-major. */
  ink(): { width: number; height: number; ink: Uint8ClampedArray };
  /** Whether anything is drawn. */
  hasInk(): boolean;
  clear(): void;
  /** Draws strokes (0–1 coordinates) as if the reader had, then fires `onChange(true)`. */
  drawStrokes(strokes: readonly Stroke[]): void;
}

/** Creates a drawing pad (see the file's comment). */
export function drawPad(options: DrawPadOptions): DrawPad {
  const side = options.side ?? 280;
  const canvas = document.createElement('canvas');
  canvas.width = side;
  canvas.height = side;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', options.label);
  Object.assign(canvas.style, {
    width: `min(${side}px, 100%)`,
    aspectRatio: '1',
    touchAction: 'none',
    background: '#fff',
    border: '1px solid #888',
    borderRadius: '4px',
    cursor: 'crosshair',
    display: 'block',
  });
  const g = canvas.getContext('2d', { willReadFrequently: true })!;
  const setPen = (): void => {
    g.lineWidth = side * (options.pen ?? 1 / 14);
    g.lineCap = 'round';
    g.lineJoin = 'round';
    g.strokeStyle = '#000';
    g.fillStyle = '#000';
  };
  setPen();
  let drawn = false;
  let active: number | undefined;
  let last: [number, number] = [0, 0];

  const at = (event: PointerEvent): [number, number] => {
    const box = canvas.getBoundingClientRect();
    return [((event.clientX - box.left) * side) / box.width, ((event.clientY - box.top) * side) / box.height];
  };
  const dot = ([x, y]: [number, number]): void => {
    g.beginPath();
    g.arc(x, y, g.lineWidth / 2, 0, 2 * Math.PI);
    g.fill();
    drawn = true;
  };
  const line = (from: [number, number], to: [number, number]): void => {
    g.beginPath();
    g.moveTo(from[0], from[1]);
    g.lineTo(to[0], to[1]);
    g.stroke();
    drawn = true;
  };

  canvas.addEventListener('pointerdown', (event) => {
    if (active !== undefined || (event.pointerType === 'mouse' && event.button !== 0)) return;
    event.preventDefault();
    active = event.pointerId;
    canvas.setPointerCapture(event.pointerId);
    last = at(event);
    dot(last);
    options.onChange(false);
  });
  canvas.addEventListener('pointermove', (event) => {
    if (event.pointerId !== active) return;
    event.preventDefault();
    const events = typeof event.getCoalescedEvents === 'function' ? event.getCoalescedEvents() : [];
    for (const e of events.length > 0 ? events : [event]) {
      const next = at(e);
      line(last, next);
      last = next;
    }
    options.onChange(false);
  });
  const end = (event: PointerEvent): void => {
    if (event.pointerId !== active) return;
    active = undefined;
    if (canvas.hasPointerCapture(event.pointerId)) canvas.releasePointerCapture(event.pointerId);
    options.onChange(true);
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);

  return {
    canvas,
    ink() {
      const rgba = g.getImageData(0, 0, side, side).data;
      const ink = new Uint8ClampedArray(side * side);
      for (let i = 0; i < ink.length; i++) ink[i] = rgba[4 * i + 3]!;
      return { width: side, height: side, ink };
    },
    hasInk: () => drawn,
    clear() {
      g.clearRect(0, 0, side, side);
      drawn = false;
      options.onChange(true);
    },
    drawStrokes(strokes) {
      for (const stroke of strokes) {
        const points = stroke.map(([x, y]) => [x * side, y * side] as [number, number]);
        if (points.length === 0) continue;
        dot(points[0]!);
        for (let i = 1; i < points.length; i++) line(points[i - 1]!, points[i]!);
      }
      options.onChange(true);
    },
  };
}
