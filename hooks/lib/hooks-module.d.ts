// Dredd hands every hook file its Hooks instance as the module `hooks` (through proxyquire).
declare module 'hooks' {
  const hooks: import('./dredd-types.ts').DreddHooks;
  export default hooks;
}
