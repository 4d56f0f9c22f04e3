/** The next-token table of essay 1.1: the most likely next tokens with their probabilities. */
import { el } from '../../ui/controls';

/** One row of the table. */
export interface TableToken {
  readonly id: number;
  readonly text: string;
  readonly probability: number;
}

/** A token's text as the table shows it: in quotes, so leading spaces and line breaks show. */
export function shownToken(text: string): string {
  return JSON.stringify(text);
}

/**
 * The table element, and `show` to fill it. The table carries `data-prompt` (the prompt it answers)
 * and each row `data-token-id` and `data-probability` (full precision), for tests and tools.
 */
export function nextTokenTable(name: string): {
  root: HTMLTableElement;
  show(prompt: string, tokens: readonly TableToken[], model: string): void;
} {
  const root = el('table', { className: 'next-tokens', attrs: { 'data-table': name } });
  const caption = el('caption', { text: 'The most likely next tokens (loading the model…)' });
  const head = el('thead');
  const headRow = el('tr');
  for (const title of ['#', 'Next token', 'Probability'])
    headRow.append(el('th', { text: title, attrs: { scope: 'col' } }));
  head.append(headRow);
  const body = el('tbody');
  root.append(caption, head, body);
  return {
    root,
    show(prompt, tokens, model) {
      caption.textContent = `The ${tokens.length} most likely next tokens after your prompt (${model})`;
      const first = tokens[0]?.probability ?? 1;
      body.replaceChildren(
        ...tokens.map((t, i) => {
          const row = el('tr', { attrs: { 'data-token-id': String(t.id), 'data-probability': String(t.probability) } });
          const bar = el('span', { className: 'probability-bar', attrs: { 'aria-hidden': 'true' } });
          bar.style.display = 'inline-block';
          bar.style.height = '0.7em';
          bar.style.marginRight = '0.4em';
          bar.style.background = '#4a7bc8';
          bar.style.width = `${(5 * t.probability) / first}em`;
          const probability = el('td');
          probability.append(bar, `${(100 * t.probability).toFixed(2)}%`);
          row.append(
            el('td', { text: String(i + 1) }),
            el('td', { text: shownToken(t.text), className: 'token' }),
            probability,
          );
          return row;
        }),
      );
      root.dataset['prompt'] = prompt;
      // When it answered, in ms since the page started loading (the essay's first answer should come fast).
      root.dataset['answeredAt'] = String(Math.round(performance.now()));
      root.dataset['rendered'] = String(Number(root.dataset['rendered'] ?? '0') + 1);
    },
  };
}
