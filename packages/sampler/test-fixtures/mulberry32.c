/* Reference outputs of mulberry32 for src/rng.test.ts, from Tommy Ettinger's C original
 * (https://gist.github.com/tommyettinger/46a874533244883189143505d203312c):
 *   cc -O2 -o /tmp/mulberry32 mulberry32.c && /tmp/mulberry32 > mulberry32.txt
 * Each line: the seed, then the first 8 outputs as unsigned 32-bit integers. */
#include <stdint.h>
#include <stdio.h>

static uint32_t mulberry32(uint32_t *state) {
  uint32_t z = (*state += 0x6D2B79F5u);
  z = (z ^ (z >> 15)) * (z | 1u);
  z ^= z + (z ^ (z >> 7)) * (z | 61u);
  return z ^ (z >> 14);
}

int main(void) {
  const uint32_t seeds[] = {0u, 1u, 42u, 1729u, 123456789u, 0x7fffffffu, 0x80000000u, 0xffffffffu};
  for (unsigned s = 0; s < sizeof seeds / sizeof seeds[0]; s++) {
    uint32_t state = seeds[s];
    printf("%u", seeds[s]);
    for (int i = 0; i < 8; i++) printf(" %u", mulberry32(&state));
    printf("\n");
  }
  return 0;
}
