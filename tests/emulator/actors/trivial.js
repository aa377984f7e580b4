// The smallest actor: it only logs and exits 0. Used to measure the run lifecycle itself.
console.log('Hello from the trivial test actor');
