// @tensorflow/tfjs-node-gpu cannot be installed here (its install script downloads libtensorflow),
// so it is not a devDependency; the cuda adapter only imports it for its side effect of registering
// the "tensorflow" backend.
declare module '@tensorflow/tfjs-node-gpu' {
  const tfnode: unknown;
  export = tfnode;
}
