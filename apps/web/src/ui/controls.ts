/**
 * Small labelled controls for the widgets. Every control has a visible <label> tied to it, so the
 * page works with the keyboard alone and with screen readers.
 */
let nextId = 0;
/** A fresh element id with a readable prefix. */
export function uniqueId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** Creates an element with a class and optional text. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: { className?: string; text?: string; attrs?: Record<string, string> } = {},
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.text !== undefined) element.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) element.setAttribute(name, value);
  return element;
}

/** Options of {@link slider}. */
export interface SliderOptions {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly value: number;
  /** How the current value reads next to the label. Default: the number. */
  readonly format?: (value: number) => string;
  /** `data-testid`-like name for tests: set as the input's `name`. */
  readonly name: string;
}

/** A labelled range input showing its value; `onInput` fires as it moves. */
export function slider(options: SliderOptions): { root: HTMLElement; input: HTMLInputElement; value(): number } {
  const id = uniqueId(options.name);
  const root = el('div', { className: 'control' });
  const label = el('label', { text: `${options.label} ` });
  label.htmlFor = id;
  const shown = el('output', { className: 'control-value' });
  const input = el('input', {
    attrs: {
      type: 'range',
      id,
      name: options.name,
      min: String(options.min),
      max: String(options.max),
      step: String(options.step),
    },
  });
  input.value = String(options.value);
  const format = options.format ?? ((v: number) => String(v));
  const update = (): void => {
    shown.textContent = format(Number(input.value));
    input.setAttribute('aria-valuetext', shown.textContent);
  };
  input.addEventListener('input', update);
  update();
  shown.htmlFor.add(id);
  label.append(shown);
  root.append(label, input);
  return { root, input, value: () => Number(input.value) };
}

/** A labelled text input or textarea. */
export function textField(options: {
  readonly label: string;
  readonly name: string;
  readonly value: string;
  readonly multiline?: boolean;
  readonly rows?: number;
}): { root: HTMLElement; input: HTMLInputElement | HTMLTextAreaElement } {
  const id = uniqueId(options.name);
  const root = el('div', { className: 'control control-text' });
  const label = el('label', { text: options.label });
  label.htmlFor = id;
  const input = options.multiline
    ? el('textarea', { attrs: { rows: String(options.rows ?? 4) } })
    : el('input', { attrs: { type: 'text', autocomplete: 'off', spellcheck: 'false' } });
  input.id = id;
  input.name = options.name;
  input.value = options.value;
  root.append(label, input);
  return { root, input };
}

/** A labelled select. */
export function select(options: {
  readonly label: string;
  readonly name: string;
  readonly choices: readonly { readonly value: string; readonly text: string }[];
  readonly value: string;
}): { root: HTMLElement; input: HTMLSelectElement } {
  const id = uniqueId(options.name);
  const root = el('div', { className: 'control' });
  const label = el('label', { text: options.label });
  label.htmlFor = id;
  const input = el('select', { attrs: { id, name: options.name } });
  for (const choice of options.choices) {
    const option = el('option', { text: choice.text, attrs: { value: choice.value } });
    input.append(option);
  }
  input.value = options.value;
  root.append(label, input);
  return { root, input };
}

/** A button. */
export function button(text: string, name: string): HTMLButtonElement {
  return el('button', { text, attrs: { type: 'button', name } });
}

/** A row that wraps its controls on narrow screens. */
export function controlRow(...children: HTMLElement[]): HTMLElement {
  const row = el('div', { className: 'controls' });
  row.append(...children);
  return row;
}
