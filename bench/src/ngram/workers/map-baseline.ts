// Word n-gram counting with a plain Map<string, number> in its own process (see ../probe.ts and
// ../map-counter.ts).
import { countWithMap } from '../map-counter';
import { compareTop, probe } from '../probe';

await probe('map-baseline', async (path, n) => {
  const { counts, words } = await countWithMap(path, n);
  let total = 0;
  for (const count of counts.values()) total += count;
  return {
    total,
    distinct: counts.size,
    words,
    top: (limit) => [...counts].sort(compareTop).slice(0, limit),
  };
});
