// Word n-gram counting with @chatgpt-explained/ngram in its own process (see ../probe.ts): the file
// is read as a stream of byte chunks, never whole.
import { createReadStream } from 'node:fs';
import { countStream, WordNgramCounter } from '@chatgpt-explained/ngram';
import { probe } from '../probe';

await probe('ours', async (path, n) => {
  const counts = await countStream(createReadStream(path), new WordNgramCounter(n));
  return {
    total: counts.total(),
    distinct: counts.distinct(),
    words: counts.vocabulary.length,
    top: (limit) => counts.top(limit).map(({ gram, count }) => [gram.join(' '), count] as const),
  };
});
