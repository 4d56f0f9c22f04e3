// Peak memory of js-tiktoken in its own process (see ../memory-probe.ts). One entry point per
// implementation, so this process's bundle holds no other implementation's code.
import { loadJsTiktoken } from '../impl-js-tiktoken';
import { probeMemory } from '../memory-probe';

await probeMemory(loadJsTiktoken);
