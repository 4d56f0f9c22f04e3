// Peak memory of gpt-tokenizer in its own process (see ../memory-probe.ts). One entry point per
// implementation, so this process's bundle holds no other implementation's code.
import { loadGptTokenizer } from '../impl-gpt-tokenizer';
import { probeMemory } from '../memory-probe';

await probeMemory(loadGptTokenizer);
