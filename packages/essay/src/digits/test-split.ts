/**
 * Recognising MNIST's test images, so that nothing trains on them: fingerprints of every 100th of the
 * 10,000 test images (cyrb53 of the 784 pixel bytes). A set holding any of them is refused for
 * training. The list is checked against `data/mnist/t10k-images-idx3-ubyte.gz` by
 * `test-split.test.ts`, which also prints how to regenerate it.
 */
import type { MnistData } from '@chatgpt-explained/trainer';

/** cyrb53: a fast 53-bit string hash (public domain, bryc), over bytes. */
export function imageFingerprint(pixels: Uint8Array, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < pixels.length; i++) {
    const c = pixels[i]!;
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Every how many test images one is fingerprinted. */
export const TEST_FINGERPRINT_STRIDE = 100;

/** Fingerprints of test images 0, 100, 200, …, 9900, in order (hex). */
export const TEST_IMAGE_FINGERPRINTS: readonly string[] = [
  '861b4b75a8a9f',
  'd69cca9cec703',
  '1b366260cf3e6d',
  '7fb94fc05c499',
  '5fe21761c58eb',
  'a3af258b970f',
  '133734cfe1b5ca',
  '50fb101b77eb4',
  'fb334ac837e9',
  '1e8a9d4012ec8b',
  '192fdde01adc25',
  '19a4766aec77ef',
  '1000b6ceb5b413',
  '4195b75c0cd9d',
  '11cc1e56133ad4',
  'b20be34ab4f1c',
  '117574ddd274d',
  '1dd954cbcbeabe',
  'ba32b81d80927',
  '101ac1decbb31f',
  'a4389440aa80d',
  '1cea125eee1d97',
  '1270c10881ae71',
  '1713b74a437866',
  'eb4ef2b5b051f',
  '15375bd5d023f0',
  '12700f31284b78',
  '1d9436c30de910',
  '1e8795c14f881',
  '4e44dd380e267',
  '1141c38e8dda57',
  'eb8ef2bf45840',
  '54f7567821936',
  '3d41672ad4882',
  '1dada110da4549',
  '18fcb27dc52e19',
  '4553343cbb178',
  '651d704f4dd43',
  '18115102fe9311',
  '4e4fa7c576da8',
  'f1b917444428c',
  '11accc689e751f',
  '332aa7cd74fd5',
  '825e840e7c72a',
  '1486c463602c63',
  '16cfbbcf08288b',
  '133c5f9898e88f',
  '1519495a071e41',
  '1c4b282d861d40',
  'abebea2e3cad',
  '158864436f8891',
  '139d8b769b16bb',
  '5ca57c12e7146',
  'a0e02b608f28e',
  '16d5f770b6abd4',
  '122ef9ac8b0b22',
  '14e3a2569bcb92',
  '344906edbb27d',
  'dd58d0005e27c',
  'db1d2ff00d4fb',
  '159a8a8c823fef',
  'bd45ef22c2f59',
  '146ab8166dcc4',
  '6760724a426a0',
  '87f2e229d17a5',
  '15bc1ea3919375',
  '2515781258160',
  'b314936709c2f',
  '2fa186bd55f4c',
  'a542e5d80583a',
  'c20e429ea8dc4',
  '1927f2f1972f00',
  'f121219313099',
  '51d18f097a7d6',
  '15d1ed0b7ad74e',
  '7901ca2f1cc9c',
  '60e05b206736',
  '755a99fa232e1',
  '617f64daede4b',
  '1dec4b62f6020e',
  '3761ec04f85fd',
  '105e64c3f1e988',
  '41d5c78bab24d',
  '1751e84556fe53',
  '1096fd4e4623d5',
  '516b5fbf8957f',
  '163ff8ba3e8f9e',
  '1f62da7a3e8dc7',
  '1d1335bde2b0de',
  '3bf67947e7991',
  '137158a2f3bb5',
  'e86fc8091722f',
  '1ba5ffb23d5be9',
  '1420dcc3327d98',
  '1fc83d6b74d01d',
  '110312df1c063',
  '17d4e721e64c01',
  'b8e67d5557a5a',
  '4865a020c56a5',
  '1d87425e3f6679',
];

const KNOWN = new Set(TEST_IMAGE_FINGERPRINTS.map((h) => parseInt(h, 16)));

/**
 * The index of the first image of `set` that is one of MNIST's fingerprinted test images, or -1.
 * Looks at every image (about 50 ms for the 60,000 training images).
 */
export function findTestImage(set: MnistData): number {
  const pixels = set.rows * set.cols;
  if (set.rows !== 28 || set.cols !== 28) return -1;
  for (let i = 0; i < set.count; i++) {
    if (KNOWN.has(imageFingerprint(set.images.subarray(i * pixels, (i + 1) * pixels)))) return i;
  }
  return -1;
}
