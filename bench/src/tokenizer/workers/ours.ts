// Peak memory of ours in its own process (see ../memory-probe.ts). One entry point per
// implementation, so this process's bundle holds no other implementation's code.
import { loadOurs } from '../impl-ours';
import { probeMemory } from '../memory-probe';

await probeMemory(loadOurs);
